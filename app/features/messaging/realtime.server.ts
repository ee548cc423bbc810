import type { Server } from 'socket.io'
import type { z } from 'zod'
import { logger } from '#app/core/logger.server.ts'
import type { AppSocket } from '#realtime/server.ts'
import { usersInRoom } from '#realtime/presence.server.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { wakeWorkers } from '#app/core/workers.server.ts'
import { clientEvents, threadRoom, type ClientEventName, type ErrorAck, type MessageDto } from '#app/features/messaging/contract.ts'
import { getThreadForActor, listMessages, markThreadRead, postMessage } from '#app/features/messaging/threads.server.ts'
import { findNul, nulMessage } from '#app/utils/nul.ts'

/**
 * socket.io handlers for threads. Every incoming payload is parsed with its zod schema; a bad
 * payload or a refused action gets an error ack (or an 'error:payload' event when the client
 * gave no ack callback) and never throws out of a handler.
 */
let currentIo: Server | null = null

/** Sends a saved message to everyone in its thread's room (on every node, through the adapter). */
export function broadcastMessage(message: MessageDto, io: Server | null = currentIo) {
  io?.to(threadRoom(message.threadId)).emit('message:new', message)
}

export function toErrorAck(error: unknown): ErrorAck {
  if (isDomainError(error)) {
    return {
      ok: false,
      code: error.code,
      error: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    }
  }
  logger.error({ err: error }, 'socket handler failed')
  return { ok: false, code: 'error', error: 'Something went wrong on our side. Try again.' }
}

function describeZod(error: z.ZodError) {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
}

type Handler<E extends ClientEventName> = (payload: z.output<(typeof clientEvents)[E]>, socket: AppSocket, io: Server) => Promise<Record<string, unknown>>

function on<E extends ClientEventName>(socket: AppSocket, io: Server, event: E, handler: Handler<E>) {
  socket.on(event as string, async (...args: any[]) => {
    const maybeAck = args[args.length - 1]
    const ack = typeof maybeAck === 'function' ? (maybeAck as (response: unknown) => void) : null
    const reply = (response: Record<string, unknown>) => {
      if (ack) ack(response)
      else if (response.ok === false) socket.emit('error:payload', { event, error: String(response.error) })
    }
    try {
      const payload = ack ? args.slice(0, -1)[0] : args[0]
      const nulAt = findNul(payload)
      if (nulAt !== null) {
        reply({ ok: false, code: 'invalid', error: `Invalid ${event} payload: ${nulMessage(nulAt)}` })
        return
      }
      const parsed = clientEvents[event].safeParse(payload)
      if (!parsed.success) {
        reply({ ok: false, code: 'invalid', error: `Invalid ${event} payload: ${describeZod(parsed.error)}` })
        return
      }
      reply(await handler(parsed.data as never, socket, io))
    } catch (error) {
      try {
        reply(toErrorAck(error))
      } catch {
        // the socket is gone; nothing to tell
      }
    }
  })
}

const presentUsers = (io: Server, threadId: string) => usersInRoom(io, threadRoom(threadId))

async function announcePresence(io: Server, threadId: string) {
  try {
    io.to(threadRoom(threadId)).emit('presence', { threadId, users: await presentUsers(io, threadId) })
  } catch (error) {
    logger.warn({ err: error }, 'presence lookup failed')
  }
}

/** Rooms this socket joined after a permission check (only these receive its typing events). */
const joinedKey = Symbol('joinedThreads')
function joined(socket: AppSocket): Set<string> {
  const holder = socket as unknown as { [joinedKey]?: Set<string> }
  holder[joinedKey] ??= new Set()
  return holder[joinedKey]
}

export function registerMessagingHandlers(socket: AppSocket, io: Server) {
  currentIo = io
  const actor = () => socket.data.actor

  on(socket, io, 'thread:join', async ({ threadId, lastSeq }) => {
    const { thread } = await getThreadForActor(actor(), threadId)
    // Join first, then read: a message saved in between arrives both ways and the client drops
    // the duplicate by seq, so nothing falls in a gap.
    await socket.join(threadRoom(threadId))
    joined(socket).add(threadId)
    void announcePresence(io, threadId)
    const present = await presentUsers(io, threadId)
    if (lastSeq === undefined) return { ok: true, threadId, lastSeq: Number(thread.lastSeq), messages: [], hasMore: false, present }
    const page = await listMessages(actor(), threadId, { afterSeq: lastSeq, limit: 500 })
    return { ok: true, threadId, lastSeq: page.lastSeq, messages: page.messages, hasMore: page.hasMore, present }
  })

  on(socket, io, 'thread:leave', async ({ threadId }) => {
    await socket.leave(threadRoom(threadId))
    joined(socket).delete(threadId)
    void announcePresence(io, threadId)
    return { ok: true }
  })

  on(socket, io, 'thread:sync', async ({ threadId, afterSeq, limit }) => {
    const page = await listMessages(actor(), threadId, { afterSeq, limit: limit ?? 500 })
    return { ok: true, threadId, messages: page.messages, hasMore: page.hasMore, lastSeq: page.lastSeq }
  })

  on(socket, io, 'message:send', async ({ threadId, body, clientId }) => {
    const posted = await postMessage(actor(), { threadId, body, clientId })
    if (!posted.duplicate) {
      broadcastMessage(posted.message, io)
      wakeWorkers()
    }
    return { ok: true, message: posted.message }
  })

  on(socket, io, 'typing', async ({ threadId, typing }) => {
    if (!joined(socket).has(threadId)) return { ok: false, code: 'forbidden', error: 'Join the conversation before typing in it.' }
    const a = actor()
    socket.to(threadRoom(threadId)).emit('typing', { threadId, userId: a.userId, name: a.name, typing })
    return { ok: true }
  })

  on(socket, io, 'thread:read', async ({ threadId, seq }) => {
    const unread = await markThreadRead(actor(), threadId, seq)
    return { ok: true, unread }
  })

  socket.on('disconnecting', () => {
    const threadIds = [...joined(socket)]
    setImmediate(() => {
      for (const threadId of threadIds) void announcePresence(io, threadId)
    })
  })
}
