import { z } from 'zod'

/**
 * The socket.io contract of the live community, shared by server and browser. A socket joins a
 * topic's or a space's room only after the server checked that its person may see the space;
 * community events name these rooms in their audience, so the outbox relay delivers to them.
 */
export const topicRoom = (topicId: string) => `community-topic:${topicId}`
export const spaceRoom = (spaceId: string) => `community-space:${spaceId}`

const id = z.string().min(1).max(100)

/** What a browser may send; anything else is refused with a clear error. */
export const communityClientEvents = {
  /** Watch a topic: join its room; `afterEventId` (the last event the client has) returns what it missed. */
  'community:watch': z.object({ topicId: id, afterEventId: z.number().int().nonnegative().optional() }).strict(),
  'community:unwatch': z.object({ topicId: id }).strict(),
  /** Watch spaces' lists (new topics, unread counts): at most 100 at once. */
  'community:watch-spaces': z.object({ spaceIds: z.array(id).min(1).max(100) }).strict(),
  'community:typing': z.object({ topicId: id, typing: z.boolean() }).strict(),
  /** The viewer has read the topic up to `readCount` replies. */
  'community:read': z.object({ topicId: id, readCount: z.number().int().nonnegative().max(10_000_000) }).strict(),
} as const
export type CommunityClientEvent = keyof typeof communityClientEvents

export type PresentUser = { userId: string; name: string; orgName: string }
/** Sent to a topic's room whenever someone starts or stops viewing it. */
export type ViewersNotice = { topicId: string; count: number; users: PresentUser[] }
/** Sent to the others in a topic's room. */
export type TypingNotice = { topicId: string; userId: string; name: string; typing: boolean }
/** A community event as the relay and the catch-up deliver it. */
export type CommunityLiveEvent = { id: number; txid: number; type: string; subjectId: string; payload: Record<string, unknown>; at: string }
export type WatchAck = { ok: true; topicId: string; events: CommunityLiveEvent[]; hasMore: boolean; viewers: ViewersNotice } | { ok: false; code: string; error: string }
