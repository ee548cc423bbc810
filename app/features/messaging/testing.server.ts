import { io as connect, type Socket } from 'socket.io-client'
import { createAppServer } from '#app/http/app.server.ts'
import { startSession } from '#app/features/auth/session.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'

/**
 * Real servers and real socket.io clients for tests and benchmarks: an app node (no Remix
 * build) listening on a free port, and clients signed in with a real session cookie.
 */
export async function startNode({ redisUrl, workers = true }: { redisUrl?: string; workers?: boolean } = {}) {
  const node = await createAppServer({ redisUrl, workers })
  const port = await node.listen(0, '127.0.0.1')
  return { ...node, url: `http://127.0.0.1:${port}`, port }
}
export type Node = Awaited<ReturnType<typeof startNode>>

const cookies = new Map<string, string>()

export async function sessionCookie(actor: Actor) {
  let cookie = cookies.get(actor.userId)
  if (!cookie) {
    const session = await startSession(actor.userId)
    cookie = session.cookie.split(';')[0]!
    cookies.set(actor.userId, cookie)
  }
  return cookie
}

export async function connectAs(url: string, actor: Actor, options: { reconnection?: boolean } = {}): Promise<Socket> {
  const socket = connect(url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { origin: url, cookie: await sessionCookie(actor) },
    reconnection: options.reconnection ?? false,
    forceNew: true,
    timeout: 20_000,
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', (error) => reject(error))
  })
  return socket
}

export function waitFor<T>(fn: () => T | undefined | null | false, { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = {}): Promise<T> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const tick = () => {
      let value: T | undefined | null | false
      try {
        value = fn()
      } catch (error) {
        return reject(error)
      }
      if (value) return resolve(value)
      if (Date.now() - started > timeoutMs) return reject(new Error(`Timed out waiting for ${what}`))
      setTimeout(tick, intervalMs)
    }
    tick()
  })
}

/** Resolves with the next `event` a socket receives that matches. */
export function nextEvent<T = unknown>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler)
      reject(new Error(`Timed out waiting for socket event ${event}`))
    }, timeoutMs)
    const handler = (payload: T) => {
      if (!match(payload)) return
      clearTimeout(timer)
      socket.off(event, handler)
      resolve(payload)
    }
    socket.on(event, handler)
  })
}
