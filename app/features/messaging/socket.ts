import { io, type Socket } from 'socket.io-client'
import { serverEvents, type ServerPayload } from '#app/features/messaging/contract.ts'

/** One socket.io connection per browser tab, opened on first use (only ever in effects). */
let socket: Socket | null = null

export function getSocket(): Socket {
  if (!socket) {
    socket = io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true })
    reconnectWhenRescoped(socket)
  }
  return socket
}

/**
 * The server closes a socket whose session ended (it stays closed) or whose role or organization
 * status changed: then it says `reconnect`, and a new handshake picks up the current access.
 */
export function reconnectWhenRescoped(s: Socket) {
  let reconnect = false
  s.on('session:revoked', (raw: unknown) => {
    const parsed = serverEvents['session:revoked'].safeParse(raw)
    reconnect = parsed.success && parsed.data.reconnect
  })
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect' && reconnect) setTimeout(() => s.connect(), 500)
    reconnect = false
  })
}

/** Subscribes to relayed domain events; returns the unsubscribe function. */
export function onLiveEvent(handler: (event: ServerPayload<'event'>) => void) {
  const s = getSocket()
  const seen = new Set<number>()
  const listener = (raw: unknown) => {
    const parsed = serverEvents.event.safeParse(raw)
    if (!parsed.success || seen.has(parsed.data.id)) return
    seen.add(parsed.data.id)
    handler(parsed.data)
  }
  s.on('event', listener)
  return () => {
    s.off('event', listener)
  }
}
