import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type RequestHandler } from 'express'
import { pinoHttp } from 'pino-http'
import { ping } from '#db/client.server.ts'
import { markRequest, newQueryStats, runWithQueryStats } from '#db/query-stats.server.ts'
import { createRealtime, type Realtime } from '#realtime/server.ts'
import { authenticate } from '#app/features/auth/session.server.ts'
import { consumerLag } from '#app/features/events/outbox.server.ts'
import { createPageCache, type PageCacheOptions } from '#app/features/page-cache/page-cache.server.ts'
import { countListingViewInBackground } from '#app/features/leads/views.server.ts'
import { env } from '#app/env.server.ts'
import type { RequestContext } from '#app/http/context.ts'
import { logger } from '#app/core/logger.server.ts'
import { E2E_SESSION_HOOK_PATH, e2eSessionHook } from '#app/http/e2e-session-hook.server.ts'
import { originCheck, pinRequestHost, trustedOrigins } from '#app/http/origin.server.ts'
import { createRequestHandler } from '#app/http/remix-handler.server.ts'
import { answerPublicRoute } from '#app/http/public-routes.server.ts'
import { createLimitedServer } from '#app/http/request-limits.server.ts'
import { securityHeaders } from '#app/http/security-headers.server.ts'
import type { CapabilityModule, ReadinessCheck } from '#app/core/module.ts'
import { startWorkers } from '#app/core/workers.server.ts'
import { registry } from '#app/modules.server.ts'

export type AppOptions = {
  /** The Remix build: a module, or a loader for it (development reloads it on each request). */
  build?: ServerBuild | (() => Promise<ServerBuild>)
  /** Middleware that serves the browser assets (Vite in development, static files in production). */
  assets?: RequestHandler[]
  redisUrl?: string
  workers?: boolean
  /** The anonymous public-page cache; on by default in production only (development rebuilds pages). */
  pageCache?: PageCacheOptions | false
  /** The capabilities to run: their consumers, jobs, socket handlers, public routes and readiness checks. */
  modules?: readonly CapabilityModule[]
  /** More checks for /readyz beside the modules' own. */
  readiness?: Record<string, ReadinessCheck>
}

/** The HTTP server: Express with Remix, socket.io on the same port, and the outbox workers. */
export async function createAppServer(options: AppOptions = {}) {
  const production = env().NODE_ENV === 'production'
  const modules = options.modules ?? registry().modules
  const readinessChecks: Record<string, ReadinessCheck> = {
    outbox: () => consumerLag('realtime'),
    ...Object.assign({}, ...modules.map((m) => m.readiness ?? {})),
    ...options.readiness,
  }
  const publicRoutes = new Map(modules.flatMap((m) => Object.entries(m.publicRoutes ?? {})))
  const app = express()
  app.disable('x-powered-by')
  if (env().TRUST_PROXY) app.set('trust proxy', true)

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' })
  })
  app.get('/readyz', async (_req, res) => {
    const database = await ping()
    const checks: Record<string, unknown> = {}
    for (const [name, check] of Object.entries(readinessChecks)) {
      try {
        checks[name] = await check()
      } catch (error) {
        checks[name] = { error: String(error) }
      }
    }
    res.status(database ? 200 : 503).json({ status: database ? 'ready' : 'unavailable', database, ...checks })
  })

  const httpLogger = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id']
      const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID()
      res.setHeader('X-Request-Id', id)
      return id
    },
    autoLogging: { ignore: (req) => req.url?.startsWith('/assets/') ?? false },
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  })
  if (env().REQUEST_TIMING) app.use(requestTiming)
  app.use(httpLogger)
  const sessionHook = e2eSessionHook()
  if (sessionHook) app.post(E2E_SESSION_HOOK_PATH, ...sessionHook)
  app.use(compression())
  app.use(securityHeaders())
  const pageCache = (options.pageCache ?? (production ? {} : false)) === false ? null : createPageCache({ onHit: countCachedListingView, ...(options.pageCache || {}) })
  if (pageCache) app.use(pageCache.middleware)
  for (const handler of options.assets ?? []) app.use(handler)
  // APP_ORIGIN, or without it localhost on the port this server listens on (set again in listen()).
  const origins = trustedOrigins()
  app.use(originCheck(origins))

  app.use(async (req, res, next) => {
    try {
      const auth = await authenticate(req.headers.cookie)
      markRequest('authenticated')
      for (const cookie of auth.setCookies) res.append('Set-Cookie', cookie)
      res.locals.context = {
        actor: auth.actor,
        sessionId: auth.sessionId,
        requestId: String(req.id),
        ip: req.ip ?? null,
        // An action in this request may change the count (mark as read) before the loaders run.
        unreadNotifications: req.method === 'GET' || req.method === 'HEAD' ? auth.unreadNotifications : undefined,
      } satisfies RequestContext
      next()
    } catch (error) {
      next(error)
    }
  })

  if (options.build) {
    const build = options.build
    app.all(
      '*',
      pinRequestHost(origins),
      createRequestHandler({
        build,
        mode: production ? 'production' : 'development',
        getLoadContext: (_req, res) => res.locals.context as RequestContext,
      }),
    )
  }

  // Public read-only routes (the search API) are answered before Express, sessions and Remix.
  const server = createLimitedServer((req, res) => {
    if (!answerPublicRoute(publicRoutes, req, res, { httpLogger, production })) app(req, res)
  })
  const sockets = modules.flatMap((m) => m.sockets ?? [])
  const realtime: Realtime = await createRealtime(server, { trustedOrigins: origins, redisUrl: options.redisUrl, sockets })
  const workers = options.workers === false ? null : startWorkers({ io: realtime.io, modules })

  return {
    app,
    server,
    pageCache,
    io: realtime.io,
    workers,
    listen(port: number, host?: string) {
      return new Promise<number>((resolve) => {
        server.listen(port, host, () => {
          const address = server.address()
          const actual = typeof address === 'object' && address ? address.port : port
          if (!env().APP_ORIGIN) {
            origins.clear()
            for (const origin of trustedOrigins(actual)) origins.add(origin)
          }
          resolve(actual)
        })
      })
    },
    async close() {
      await workers?.stop()
      await realtime.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * REQUEST_TIMING=1: one line per request on stdout, `timing {...}` with milliseconds from arrival to
 * the session check, to the render (loaders done), and to the last byte, plus SQL statements and
 * the database's busy time for them, and the process's CPU time meanwhile.
 */
const requestTiming: RequestHandler = (req, res, next) => {
  const stats = newQueryStats()
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  res.once('finish', () => {
    const cpu = process.cpuUsage(cpuStarted)
    const at = (mark: string) => (stats.marks[mark] === undefined ? null : Number((stats.marks[mark]! - started).toFixed(2)))
    const line = {
      path: req.originalUrl,
      status: res.statusCode,
      authenticated: at('authenticated'),
      render: at('render'),
      total: Number((performance.now() - started).toFixed(2)),
      statements: stats.statements,
      sqlMs: Number(stats.sqlMs.toFixed(2)),
      // The process's CPU time meanwhile (user + system): this request's own cost when requests come
      // one at a time, and far less sensitive to other load on the machine than the times above.
      cpuMs: Number(((cpu.user + cpu.system) / 1000).toFixed(2)),
    }
    process.stdout.write(`timing ${JSON.stringify(line)}\n`)
  })
  runWithQueryStats(stats, next)
}

export function staticAssets(root = path.resolve('build/client')): RequestHandler[] {
  // Fingerprinted build output under /assets/ never changes: cache it for a year.
  const fingerprinted = express.static(path.join(root, 'assets'), { immutable: true, maxAge: '1y', index: false, redirect: false, fallthrough: true })
  const assets = express.Router()
  assets.use('/assets', fingerprinted as RequestHandler)
  // The other files at the root (favicon.svg, …) all have an extension: a page path skips the
  // file-system lookup the static handler would otherwise make on every request.
  const rootFiles = express.static(root, { maxAge: '1h', index: false, redirect: false }) as RequestHandler
  const rootFile: RequestHandler = (req, res, next) => (path.extname(req.path) ? rootFiles(req, res, next) : next())
  return [assets as unknown as RequestHandler, rootFile]
}

/** A listing page served from the page cache is a view its loader did not count (an anonymous visitor: no organization). */
function countCachedListingView(req: express.Request) {
  const slug = /^\/listings\/([^/.]+)\/?$/.exec(req.path)?.[1]
  if (!slug) return
  let decoded: string
  try {
    decoded = decodeURIComponent(slug)
  } catch {
    return
  }
  countListingViewInBackground({ slug: decoded }, { orgId: null, userAgent: req.headers['user-agent'] })
}
