import type { Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/redis-adapter'
import { createClient } from 'redis'
import { Server, type Socket } from 'socket.io'
import { authenticate, sessionKey } from '#app/features/auth/session.server.ts'
import { isAllowedOrigin, trustedOrigins } from '#app/http/origin.server.ts'
import { logger } from '#app/core/logger.server.ts'
import { attachRevocations, guardSocket, RECHECK_MS, type LiveSessionData } from '#realtime/revocation.server.ts'
import { orgRoom, sessionRoom, userRoom, VENDOR_ROOM } from '#realtime/rooms.ts'
import type { SocketHandler } from '#app/core/module.ts'

export type SocketData = LiveSessionData
export type AppSocket = Socket<Record<string, (...args: any[]) => void>, Record<string, (...args: any[]) => void>, Record<string, never>, SocketData>

/** `sockets`: the capability modules' handlers, registered on every authenticated connection. */
export type RealtimeOptions = { trustedOrigins?: ReadonlySet<string>; redisUrl?: string; sockets?: readonly SocketHandler[] }

/**
 * socket.io on the app's own HTTP server. The handshake must carry this site's Origin and a
 * valid session cookie; each socket then joins its session's, user's and org's rooms (and the
 * vendor room for the vendor's team). Every incoming event is checked against the session first
 * (`revocation.server.ts`): a socket lives only as long as its session and its actor's authority.
 * With a Redis URL, the Redis adapter carries emits and disconnects between app nodes.
 */
export async function createRealtime(httpServer: HttpServer, options: RealtimeOptions = {}) {
  const io = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
    cors: undefined,
  })

  let redisClients: { quit: () => Promise<unknown> }[] = []
  if (options.redisUrl) {
    const pub = createClient({ url: options.redisUrl })
    const sub = pub.duplicate()
    for (const c of [pub, sub]) c.on('error', (error) => logger.warn({ err: error }, 'redis adapter connection error'))
    await Promise.all([pub.connect(), sub.connect()])
    io.adapter(createAdapter(pub as never, sub as never))
    redisClients = [pub, sub]
  }
  const detachRevocations = attachRevocations(io, { clustered: !!options.redisUrl })

  io.use(async (socket, next) => {
    const { headers } = socket.handshake
    if (!isAllowedOrigin(headers.origin, options.trustedOrigins ?? trustedOrigins())) {
      return next(new Error('forbidden: the connection must come from this site (Origin check failed)'))
    }
    try {
      const auth = await authenticate(headers.cookie)
      if (!auth.actor || !auth.sessionId) return next(new Error('unauthorized: sign in to connect'))
      if (auth.actor.orgStatus === 'suspended') {
        return next(new Error("forbidden: your organization is suspended, so live updates are off. Contact the vendor's ecosystem team."))
      }
      const now = Date.now()
      socket.data.actor = auth.actor
      socket.data.sessionId = auth.sessionId
      socket.data.sessionKey = sessionKey(auth.sessionId)
      socket.data.expiresAt = auth.expiresAt?.getTime() ?? now + RECHECK_MS
      socket.data.checkedAt = now
      next()
    } catch (error) {
      logger.error({ err: error }, 'socket handshake failed')
      next(new Error('unavailable: could not check your session, try again'))
    }
  })

  io.on('connection', (socket: AppSocket) => {
    const { actor } = socket.data
    void socket.join(sessionRoom(socket.data.sessionKey))
    void socket.join(userRoom(actor.userId))
    void socket.join(orgRoom(actor.orgId))
    if (actor.orgKind === 'vendor') void socket.join(VENDOR_ROOM)
    guardSocket(socket)
    for (const handler of options.sockets ?? []) handler(socket, io)
  })

  return {
    io,
    async close() {
      detachRevocations()
      await new Promise<void>((resolve) => io.close(() => resolve()))
      await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)))
    },
  }
}

export type Realtime = Awaited<ReturnType<typeof createRealtime>>
