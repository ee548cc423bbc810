import type { Server } from 'socket.io'
import { inArray, and, eq } from 'drizzle-orm'
import type { z } from 'zod'
import { db, type Tx } from '#db/client.server.ts'
import { communitySpaces, communityTopics } from '#db/schema/community.ts'
import { logger } from '#app/core/logger.server.ts'
import { remember } from '#app/core/remember.ts'
import type { DomainEvent } from '#app/features/events/outbox.server.ts'
import type { AppSocket } from '#realtime/server.ts'
import { usersInRoom } from '#realtime/presence.server.ts'
import { toErrorAck } from '#app/features/messaging/realtime.server.ts'
import { orgSeesSpace, visibleSpacesWhere, visibleTopic } from '#app/features/community/access.server.ts'
import { communityClientEvents, spaceRoom, topicRoom, type CommunityClientEvent, type ViewersNotice } from '#app/features/community/live-contract.ts'
import { eventsAfter, markTopicRead } from '#app/features/community/reads.server.ts'
import { findNul, nulMessage } from '#app/utils/nul.ts'

/**
 * The live community on socket.io. A socket watches a topic (or a list of spaces) only after the
 * same visibility check as the pages; the topic's events then reach it through the outbox relay
 * (community events name the topic's and the space's rooms in their audience), a reconnecting
 * client asks for what it missed after its last event id, and the topic's room hears who is viewing
 * and who is typing. A space that stops being visible to an organization takes its sockets out of
 * its rooms (the `community-live` consumer).
 */

/** The io of this process, for the consumer that takes sockets out of rooms (set by the first connection). */
const live = () => remember('community-live', () => ({ io: null as Server | null, announcing: new Map<string, NodeJS.Timeout>() }))

/** How long "who is viewing" waits to gather joins and leaves into one notice (500 viewers joining are 1 notice, not 500). */
const VIEWERS_DEBOUNCE_MS = 150

export async function topicViewers(io: Server, topicId: string): Promise<ViewersNotice> {
  const users = await usersInRoom(io, topicRoom(topicId))
  return { topicId, count: users.length, users: users.slice(0, 50) }
}

function announceViewers(io: Server, topicId: string) {
  const { announcing } = live()
  if (announcing.has(topicId)) return
  const timer = setTimeout(async () => {
    announcing.delete(topicId)
    try {
      io.to(topicRoom(topicId)).emit('community:viewers', await topicViewers(io, topicId))
    } catch (error) {
      logger.warn({ err: error }, 'community viewers lookup failed')
    }
  }, VIEWERS_DEBOUNCE_MS)
  timer.unref()
  announcing.set(topicId, timer)
}

/** The topics this socket watches (only these receive its typing), by the topic's space. */
const watchingKey = Symbol('communityTopics')
function watching(socket: AppSocket): Map<string, string> {
  const holder = socket as unknown as { [watchingKey]?: Map<string, string> }
  holder[watchingKey] ??= new Map()
  return holder[watchingKey]
}

type Handler<E extends CommunityClientEvent> = (payload: z.output<(typeof communityClientEvents)[E]>) => Promise<Record<string, unknown>>

/** Parses a client event with its schema and answers through the ack (or an 'error:payload' event): never throws. */
function on<E extends CommunityClientEvent>(socket: AppSocket, event: E, handler: Handler<E>) {
  socket.on(event as string, async (...args: any[]) => {
    const last = args[args.length - 1]
    const ack = typeof last === 'function' ? (last as (response: unknown) => void) : null
    const reply = (response: Record<string, unknown>) => {
      if (ack) ack(response)
      else if (response.ok === false) socket.emit('error:payload', { event, error: String(response.error) })
    }
    try {
      const nulAt = findNul(args[0])
      if (nulAt !== null) return reply({ ok: false, code: 'invalid', error: `Invalid ${event} payload: ${nulMessage(nulAt)}` })
      const parsed = communityClientEvents[event].safeParse(args[0])
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
        return reply({ ok: false, code: 'invalid', error: `Invalid ${event} payload: ${detail}` })
      }
      reply(await handler(parsed.data as never))
    } catch (error) {
      try {
        reply(toErrorAck(error))
      } catch {
        // the socket is gone
      }
    }
  })
}

export function registerCommunityLiveHandlers(socket: AppSocket, io: Server) {
  live().io = io
  const actor = () => socket.data.actor

  on(socket, 'community:watch', async ({ topicId, afterEventId }) => {
    const { topic, space } = await visibleTopic(db, actor(), topicId)
    // Join first, then read: an event relayed in between arrives both ways and the client drops the duplicate by id.
    await socket.join([topicRoom(topic.id), spaceRoom(space.id)])
    watching(socket).set(topic.id, space.id)
    announceViewers(io, topic.id)
    const missed = afterEventId === undefined ? { events: [], hasMore: false } : await eventsAfter(topic.id, afterEventId)
    return { ok: true, topicId: topic.id, ...missed, viewers: await topicViewers(io, topic.id) }
  })

  on(socket, 'community:unwatch', async ({ topicId }) => {
    if (!watching(socket).has(topicId)) return { ok: true }
    watching(socket).delete(topicId)
    await socket.leave(topicRoom(topicId))
    announceViewers(io, topicId)
    return { ok: true }
  })

  on(socket, 'community:watch-spaces', async ({ spaceIds }) => {
    const a = actor()
    const visible = await db
      .select({ id: communitySpaces.id })
      .from(communitySpaces)
      .where(and(inArray(communitySpaces.id, spaceIds), visibleSpacesWhere(a)))
    // Spaces the person may not see are left out silently, exactly as if they did not exist.
    if (visible.length) await socket.join(visible.map((s) => spaceRoom(s.id)))
    return { ok: true, spaceIds: visible.map((s) => s.id) }
  })

  on(socket, 'community:typing', async ({ topicId, typing }) => {
    if (!watching(socket).has(topicId)) return { ok: false, code: 'forbidden', error: 'Watch the topic before typing in it.' }
    const a = actor()
    socket.to(topicRoom(topicId)).emit('community:typing', { topicId, userId: a.userId, name: a.name, typing })
    return { ok: true }
  })

  on(socket, 'community:read', async ({ topicId, readCount }) => {
    const read = await markTopicRead(actor(), topicId, readCount)
    return { ok: true, topicId: read.topicId, readCount: read.readCount, unread: read.unread }
  })

  socket.on('disconnecting', () => {
    const topicIds = [...watching(socket).keys()]
    setImmediate(() => topicIds.forEach((id) => announceViewers(io, id)))
  })
}

/**
 * When a space stops being visible to some organizations (an organization removed from it, its
 * visibility changed), the sockets watching it are checked again and those that may no longer see
 * it leave its rooms, on every node. Runs as an outbox consumer.
 */
export async function evictFromSpaces(events: DomainEvent[], tx: Tx) {
  const io = live().io
  if (!io) return
  const spaceIds = new Set<string>()
  for (const e of events) {
    if (e.type === 'community.space_org_removed') spaceIds.add(e.payload.spaceId)
    if (e.type === 'community.space_updated' && e.payload.fields.some((f) => ['visibility', 'partnerTypes', 'tiers', 'regions'].includes(f))) spaceIds.add(e.payload.spaceId)
  }
  for (const spaceId of spaceIds) {
    const [space] = await tx.select().from(communitySpaces).where(eq(communitySpaces.id, spaceId))
    const sockets = await io.in(spaceRoom(spaceId)).fetchSockets()
    const verdicts = new Map<string, boolean>()
    for (const s of sockets) {
      const orgId = (s.data as AppSocket['data']).actor?.orgId
      if (!orgId) continue
      if (!verdicts.has(orgId)) verdicts.set(orgId, space ? await orgSeesSpace(tx, space, orgId) : false)
      if (verdicts.get(orgId)) continue
      const topicRooms = [...s.rooms].filter((r) => r.startsWith(topicRoom('')))
      const ids = topicRooms.map((r) => r.slice(topicRoom('').length))
      const inSpace = ids.length
        ? await tx
            .select({ id: communityTopics.id })
            .from(communityTopics)
            .where(and(inArray(communityTopics.id, ids), eq(communityTopics.spaceId, spaceId)))
        : []
      for (const room of [spaceRoom(spaceId), ...inSpace.map((t) => topicRoom(t.id))]) s.leave(room)
      s.emit('community:space-gone', { spaceId })
    }
  }
}
