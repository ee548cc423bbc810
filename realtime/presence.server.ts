import type { Server } from 'socket.io'
import type { AppSocket } from '#realtime/server.ts'

export type PresentUser = { userId: string; name: string; orgName: string }

/**
 * The people whose sockets are in a room, once each (a person with two tabs counts once), on every
 * node (through the adapter). Used by the "who is here" of threads, partnership plans and topics.
 */
export async function usersInRoom(io: Server, room: string): Promise<PresentUser[]> {
  const sockets = await io.in(room).fetchSockets()
  const seen = new Map<string, PresentUser>()
  for (const s of sockets) {
    const actor = (s.data as AppSocket['data']).actor
    if (actor && !seen.has(actor.userId)) seen.set(actor.userId, { userId: actor.userId, name: actor.name, orgName: actor.orgName })
  }
  return [...seen.values()]
}
