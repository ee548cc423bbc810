import type { Server } from 'socket.io'
import type { DomainEvent } from '#app/features/events/outbox.server.ts'
import { closeRevoked } from '#realtime/revocation.server.ts'
import { orgRoom, userRoom, VENDOR_ROOM } from '#realtime/rooms.ts'

/** What a client receives for a domain event: no payload fields beyond what the audience may see. */
/** `txid` with `id` orders events as the outbox does (a client's catch-up cursor). */
export type LiveEvent = { id: number; txid: number; type: string; subjectType: string; subjectId: string; payload: Record<string, unknown>; at: string }

/**
 * Sends each event to the rooms its audience names. Emitting twice is harmless: clients dedupe by
 * id. A revocation (sign-out, password change, removal, role or org status change) first closes
 * the sockets it concerns on every node, so nothing recorded after it reaches them.
 */
export function relayEvents(io: Server, events: DomainEvent[]) {
  for (const event of events) {
    closeRevoked(io, event)
    const rooms = [...(event.audience.orgs ?? []).map(orgRoom), ...(event.audience.users ?? []).map(userRoom), ...(event.audience.vendor ? [VENDOR_ROOM] : []), ...(event.audience.rooms ?? [])]
    if (rooms.length === 0) continue
    const live: LiveEvent = {
      id: event.id,
      txid: event.txid,
      type: event.type,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      payload: event.payload,
      at: event.createdAt.toISOString(),
    }
    io.to(rooms).emit('event', live)
  }
}
