import type { Actor } from '#app/features/auth/actor.ts'

/** What the Express server hands every Remix loader and action. */
export type RequestContext = {
  actor: Actor | null
  sessionId: string | null
  requestId: string
  ip: string | null
}

declare module '@remix-run/node' {
  interface AppLoadContext extends RequestContext {}
}
