import type { Actor } from '#app/features/auth/actor.ts'

/** What the Express server hands every Remix loader and action. */
export type RequestContext = {
  actor: Actor | null
  sessionId: string | null
  requestId: string
  ip: string | null
  /**
   * The actor's unread notifications as the session check read them (same query), for a GET;
   * absent when a loader must count them itself (after an action, or outside a request).
   */
  unreadNotifications?: number
}

declare module '@remix-run/node' {
  interface AppLoadContext extends RequestContext {}
}
