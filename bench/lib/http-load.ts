/**
 * The HTTP load runner the page benchmarks share: the production server on a free port, signed-in
 * users (a real session row each), autocannon with one user per connection, and a bare Node server
 * returning the same bytes from memory (the baseline every ratio is measured against, in the same run).
 */
import { spawn } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import readline from 'node:readline'
import autocannon from 'autocannon'
import { sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { startSession } from '#app/features/auth/session.server.ts'
import { freePort, ROOT, waitForUrl } from '../../scripts/lib/build.ts'

// ------------------------------------------------------------------ the production server

export type AppServer = {
  url: string
  /** Stops the server and waits for it to exit (a no-op once it has). */
  stop: () => Promise<void>
}

/**
 * Starts `server.ts` in production mode on a free port and waits for `/healthz`. `onLine` receives
 * each line the server prints on stdout (with `REQUEST_TIMING: '1'` in `env`, its `timing {…}` lines);
 * without it stdout is ignored. The server is killed when this process exits.
 */
export async function startAppServer({
  dataDir,
  workers = false,
  env = {},
  onLine,
  timeoutMs = 120_000,
}: {
  dataDir: string
  workers?: boolean
  env?: Record<string, string>
  onLine?: (line: string) => void
  timeoutMs?: number
}): Promise<AppServer> {
  const port = await freePort()
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', DEMO: '1', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', WORKERS: String(workers), ...env },
  })
  if (onLine) readline.createInterface({ input: child.stdout! }).on('line', onLine)
  process.on('exit', () => child.kill('SIGTERM'))
  await waitForUrl(`http://127.0.0.1:${port}/healthz`, { timeoutMs, isAlive: () => child.exitCode === null })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    },
  }
}

/** One `timing {…}` line of a server started with `REQUEST_TIMING: '1'`. */
export type Timing = { path: string; status: number; authenticated: number | null; render: number | null; total: number; statements: number; sqlMs: number; cpuMs: number }

/** A line handler for `startAppServer` that collects the server's timing lines into `into`. */
export const collectTimings =
  (into: () => Timing[]) =>
  (line: string): void => {
    if (line.startsWith('timing ')) into().push(JSON.parse(line.slice(7)) as Timing)
  }

// ------------------------------------------------------------------ signed-in users

export type BenchUser = { email: string; userId: string; orgId: string; cookie: string }

/** A session for each of these people (and their organization), as the app would set its cookie. */
export async function signIn(emails: string[], userAgent: string): Promise<BenchUser[]> {
  const rows = await queryRows<{ email: string; user_id: string; org_id: string }>(
    db,
    sql`select u.email, u.id as user_id, m.org_id from users u join memberships m on m.user_id = u.id where u.email in ${emails}`,
  )
  const users: BenchUser[] = []
  for (const r of rows) users.push({ email: r.email, userId: r.user_id, orgId: r.org_id, cookie: await sessionCookie(r.user_id, userAgent) })
  return users
}

/** The cookie of a new session for this user. */
export async function sessionCookie(userId: string, userAgent: string) {
  const { sessionId } = await startSession(userId, { userAgent, ip: '127.0.0.1' })
  return `pe_session=${sessionId}`
}

/** A page as this user sees it; throws unless it answered 200 and rendered signed in. */
export async function getSignedIn(baseUrl: string, p: string, user: { email: string; cookie: string }) {
  const res = await fetch(baseUrl + p, { headers: { cookie: user.cookie, 'accept-encoding': 'gzip' } })
  const body = await res.text()
  if (res.status !== 200) throw new Error(`${p} answered ${res.status} for ${user.email}`)
  if (!body.includes('data-testid="account-menu"')) throw new Error(`${p} did not render signed in for ${user.email}`)
  return body
}

// ------------------------------------------------------------------ load

export type Load = { rps: number; p50: number; p95: number; non2xx: number; errors: number }

/**
 * Loads `url` with autocannon for `seconds` at `connections`, every request accepting gzip unless
 * `gzip: false`. With
 * `users`, each connection keeps one user for the whole run (round robin) and, when `withCookies`,
 * sends that user's session cookie; `path(user, i)` names the i-th request's path (default: the url's own).
 * Percentiles are of every response's latency in ms.
 */
export async function load({
  url,
  connections,
  seconds,
  headers = {},
  gzip = true,
  users = [],
  withCookies = false,
  path: pathOf,
}: {
  url: string
  connections: number
  seconds: number
  headers?: Record<string, string>
  gzip?: boolean
  users?: readonly { cookie: string }[]
  withCookies?: boolean
  path?: (user: { cookie: string } | undefined, i: number) => string
}): Promise<Load> {
  const latencies: number[] = []
  let clients = 0
  let request = 0
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: { ...(gzip ? { 'accept-encoding': 'gzip' } : {}), ...headers },
        requests: pathOf
          ? [
              {
                setupRequest: (req, context: object) => {
                  // Each connection keeps one user (its own session cookie) for the whole run.
                  const perConnection = context as { user?: { cookie: string } }
                  if (users.length) perConnection.user ??= users[clients++ % users.length]
                  const user = perConnection.user
                  const i = request++
                  return { ...req, path: pathOf(user, i), headers: { ...req.headers, ...(withCookies && user ? { cookie: user.cookie } : {}) } }
                },
              },
            ]
          : undefined,
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime))
  })
  latencies.sort((a, b) => a - b)
  return {
    rps: result.requests.total / (result.duration || seconds),
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? NaN,
    p95: latencies[Math.floor(latencies.length * 0.95)] ?? NaN,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

// ------------------------------------------------------------------ the baseline

/**
 * A bare Node server answering every request with these bytes (or `body(req)`) from memory: what
 * the same response costs without the app. Close it when done.
 */
export async function serveFromMemory(body: Buffer | ((req: http.IncomingMessage) => Buffer), contentType = 'text/html; charset=utf-8') {
  const server = http.createServer((req, res) => {
    const bytes = typeof body === 'function' ? body(req) : body
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': bytes.length })
    res.end(bytes)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
