/**
 * Where one page request spends its time: starts the production server with --cpu-prof on a data
 * directory seeded by run.ts (BENCH_DATA_DIR, PGlite) or DATABASE_URL, sends PROFILE_REQUESTS
 * sequential requests to PROFILE_PATH (default a listing page) and prints the heaviest functions
 * by self time and the time per package. PROFILE_CONNECTIONS=10 measures under load with autocannon
 * instead (PROFILE_SECONDS, default 5). PROFILE_AS=<email> signs that user in first (a session row
 * in the PGlite data directory) and sends its cookie; PROFILE_API_KEY_FOR=<email> creates a `referrals:read`
 * API key for that user's organization instead and sends it as a bearer token (for /api/v1 paths).
 * Build first (run.ts does, or npx remix vite:build).
 *
 *   BENCH_DATA_DIR=/tmp/pe-mkt/pglite npx tsx bench/marketplace/profile.ts
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import { freePort, ROOT, waitForUrl } from '../../scripts/lib/build.ts'

process.chdir(ROOT)
const dataDir = process.env.BENCH_DATA_DIR || fs.mkdtempSync('/tmp/pe-prof-data-')
const target = process.env.PROFILE_PATH ?? '/listings/listing-1'
let cookie = process.env.PROFILE_COOKIE
/** Opens the data directory, finds the user with this email, hands its id to `use`, and closes it again. */
async function withUser<T>(email: string, use: (userId: string) => Promise<T>): Promise<T> {
  const { closeDb, db, openDatabase, queryRows, setDbHandle } = await import('#db/client.server.ts')
  const { sql } = await import('drizzle-orm')
  ;(await import('#app/env.server.ts')).parseEnv()
  setDbHandle(openDatabase({ dataDir }))
  try {
    const [user] = await queryRows<{ id: string }>(db, sql`select id from users where email = ${email}`)
    if (!user) throw new Error(`no user ${email}`)
    return await use(user.id)
  } finally {
    await closeDb()
  }
}
if (process.env.PROFILE_AS) {
  const { startSession } = await import('#app/features/auth/session.server.ts')
  cookie = `pe_session=${(await withUser(process.env.PROFILE_AS, startSession)).sessionId}`
}
let authorization: string | undefined
const keyFor = process.env.PROFILE_API_KEY_FOR
if (keyFor) {
  const { loadActor } = await import('#app/features/auth/session.server.ts')
  const { createApiKey } = await import('#app/features/api/keys.server.ts')
  const { secret } = await withUser(keyFor, async (userId) => {
    const actor = await loadActor(userId)
    if (!actor) throw new Error(`${keyFor} has no organization`)
    return createApiKey(actor, { name: 'profile', scopes: ['referrals:read'] })
  })
  authorization = `Bearer ${secret}`
}
const profDir = fs.mkdtempSync('/tmp/pe-prof-')
const port = await freePort()
const server = spawn(process.execPath, ['--import', 'tsx', '--cpu-prof', `--cpu-prof-dir=${profDir}`, 'server.ts'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production', DEMO: '1', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', WORKERS: 'false' },
})
await waitForUrl(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 120_000, isAlive: () => server.exitCode === null })
const headers = { ...(cookie ? { cookie } : {}), ...(authorization ? { authorization } : {}), 'accept-encoding': 'gzip' }
for (let i = 0; i < 20; i++) await (await fetch(`http://127.0.0.1:${port}${target}`, { headers })).text()
let requests = Number(process.env.PROFILE_REQUESTS ?? 300)
const connections = Number(process.env.PROFILE_CONNECTIONS ?? 0)
if (connections > 0) {
  // Under load: autocannon for PROFILE_SECONDS at PROFILE_CONNECTIONS.
  const result = await autocannon({ url: `http://127.0.0.1:${port}${target}`, connections, duration: Number(process.env.PROFILE_SECONDS ?? 5), headers })
  requests = result.requests.total
  console.log(`${target}: ${connections} connections, ${(result.requests.total / result.duration).toFixed(0)} req/s, p97.5 ${result.latency.p97_5} ms`)
} else {
  const times: number[] = []
  for (let i = 0; i < requests; i++) {
    const t = performance.now()
    const res = await fetch(`http://127.0.0.1:${port}${target}`, { headers })
    await res.text()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  console.log(`${target}: ${requests} sequential requests, median ${times[requests >> 1]!.toFixed(2)} ms, p95 ${times[Math.floor(requests * 0.95)]!.toFixed(2)} ms`)
}
server.kill('SIGTERM')
await new Promise((r) => server.once('exit', r))

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] }
const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))
if (!file) throw new Error('no profile written')
const profile = JSON.parse(fs.readFileSync(path.join(profDir, file), 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const stackOf = (id: number) => {
  const out: Node[] = []
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) out.push(byId.get(cur)!)
  return out
}
const label = (f: Node['callFrame']) => {
  const where = f.url.replace(/^file:\/\//, '').replace(ROOT + '/', '')
  return { where, key: `${f.functionName || '(anon)'} ${where}:${f.lineNumber}` }
}
// Skip start-up: count from the first sample that handles a request.
const first = profile.samples.findIndex((id) => stackOf(id).some((n) => n.callFrame.url.includes('@remix-run/server-runtime')))
const selfTime = new Map<string, number>()
const inclusive = new Map<string, number>()
const pkgTime = new Map<string, number>()
let total = 0
profile.samples.forEach((id, i) => {
  if (i < first) return
  const us = profile.timeDeltas[i] ?? 0
  const stack = stackOf(id)
  const { where, key } = label(stack[0]!.callFrame)
  if (key.startsWith('(idle)')) return
  total += us
  const pkg = where.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? (where.startsWith('build/') ? 'build (app)' : where.split('/').slice(0, 2).join('/') || stack[0]!.callFrame.functionName)
  selfTime.set(key, (selfTime.get(key) ?? 0) + us)
  pkgTime.set(pkg, (pkgTime.get(pkg) ?? 0) + us)
  for (const k of new Set(stack.map((n) => label(n.callFrame).key))) inclusive.set(k, (inclusive.get(k) ?? 0) + us)
})
const perRequest = (us: number) => `${(us / 1000 / (requests + 20)).toFixed(3).padStart(7)} ms/req`
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${perRequest(us)} ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
console.log(`\nBusy time after start-up: ${perRequest(total)}`)
console.log(`\nBy package (self time):\n${top(pkgTime, 20).join('\n')}`)
console.log(`\nBy function (self time):\n${top(selfTime, 25).join('\n')}`)
console.log(`\nBy function (inclusive, app and middleware frames):\n${top(new Map([...inclusive].filter(([k]) => !k.includes('node:') && !k.startsWith('('))), 60).join('\n')}`)
console.log(`\nProfile: ${path.join(profDir, file)}`)
