import type { Server } from 'socket.io'
import { z } from 'zod'
import { db } from '#db/client.server.ts'
import { logger } from '#app/core/logger.server.ts'
import type { AppSocket } from '#realtime/server.ts'
import { usersInRoom } from '#realtime/presence.server.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { visiblePartnership } from '#app/features/partnerships/access.server.ts'

/**
 * Who else is viewing a partnership's plan: a socket that may see the partnership joins its room
 * and everyone there is told who is present, and who is typing in the plan's forms. Changes themselves reach the page through the outbox
 * relay (events about the partnership go to both organizations and the vendor's team).
 */
export const partnershipRoom = (id: string) => `partnership:${id}`
const partnershipId = z.string().regex(/^[\w-]{1,100}$/, 'A partnership id is 1 to 100 letters, digits, - or _.')
const WatchSchema = z.object({ partnershipId })
const TypingSchema = z.object({ partnershipId, typing: z.boolean() }).strict()

const viewers = (io: Server, partnershipId: string) => usersInRoom(io, partnershipRoom(partnershipId))

async function announce(io: Server, partnershipId: string) {
  try {
    io.to(partnershipRoom(partnershipId)).emit('partnership:viewers', { partnershipId, users: await viewers(io, partnershipId) })
  } catch (error) {
    logger.warn({ err: error }, 'partnership viewers lookup failed')
  }
}

export function registerPartnershipHandlers(socket: AppSocket, io: Server) {
  const watching = new Set<string>()
  socket.on('partnership:watch', async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {}
    const parsed = WatchSchema.safeParse(payload)
    if (!parsed.success) return reply({ ok: false, code: 'invalid', error: 'Invalid partnership:watch payload.' })
    try {
      await visiblePartnership(db, socket.data.actor, parsed.data.partnershipId)
      await socket.join(partnershipRoom(parsed.data.partnershipId))
      watching.add(parsed.data.partnershipId)
      await announce(io, parsed.data.partnershipId)
      reply({ ok: true })
    } catch (error) {
      if (isDomainError(error)) return reply({ ok: false, code: error.code, error: error.message })
      logger.error({ err: error }, 'partnership:watch failed')
      reply({ ok: false, code: 'error', error: 'Something went wrong on our side.' })
    }
  })
  // "X is typing" on the plan: only a socket that joined the partnership's room (after the
  // permission check above) may say it, and only the others in that room hear it.
  socket.on('partnership:typing', (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {}
    const parsed = TypingSchema.safeParse(payload)
    if (!parsed.success) return reply({ ok: false, code: 'invalid', error: 'Invalid partnership:typing payload.' })
    const { partnershipId, typing } = parsed.data
    if (!watching.has(partnershipId)) return reply({ ok: false, code: 'forbidden', error: 'Open the plan before typing in it.' })
    const actor = socket.data.actor
    socket.to(partnershipRoom(partnershipId)).emit('partnership:typing', { partnershipId, userId: actor.userId, name: actor.name, orgName: actor.orgName, typing })
    reply({ ok: true })
  })
  socket.on('partnership:unwatch', async (payload: unknown) => {
    const parsed = WatchSchema.safeParse(payload)
    if (!parsed.success || !watching.has(parsed.data.partnershipId)) return
    watching.delete(parsed.data.partnershipId)
    await socket.leave(partnershipRoom(parsed.data.partnershipId))
    await announce(io, parsed.data.partnershipId)
  })
  socket.on('disconnect', () => {
    for (const id of watching) void announce(io, id)
  })
}
