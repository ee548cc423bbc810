/**
 * Public API benchmark (issue 19): GET a page of 100 referrals with an API key, as a ratio of a bare
 * Node server returning the same bytes, measured in the same run.
 *
 * Seeds the demo ecosystem in a fresh PGlite directory (or re-uses BENCH_DATA_DIR), gives Northwind
 * Systems at least 150 referrals so a page is full, creates a `referrals:read` key for it, starts
 * the production server, and loads `GET /api/v1/referrals?limit=100` with autocannon
 * (BENCH_CONNECTIONS, default 10, for BENCH_SECONDS, default 5). The key's rate limits are raised for
 * the run (the limit is what a 429 measures, not the endpoint). Before the load it sends
 * BENCH_SEQUENTIAL requests (default 30) one at a time and prints the server's medians per request
 * (REQUEST_TIMING): time, SQL statements, the database's busy time and the process's CPU time, the
 * figure least moved by other load on the machine. BENCH_SECONDS=0 stops after that.
 *
 *   npm run bench:api
 *   BENCH_DATA_DIR=/tmp/pe-api npm run bench:api      # seeds once, re-uses it after
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { sql } from 'drizzle-orm'
import { closeDb, db, migrate, openDatabase, queryRows, setDbHandle } from '#db/client.server.ts'
import { isDatabaseEmpty, seedDemo } from '#db/seed/index.ts'
import { DEMO_ACCOUNTS } from '#db/seed/steps/foundation.ts'
import { createApiKey } from '#app/features/api/keys.server.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { parseEnv } from '#app/env.server.ts'
import { buildApp, ROOT } from '../../scripts/lib/build.ts'
import { collectTimings, serveFromMemory, startAppServer, type Timing } from '../lib/http-load.ts'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 30)
const PAGE = '/api/v1/referrals?limit=100'

process.chdir(ROOT)
parseEnv()
const dataDir = process.env.BENCH_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'pe-bench-api-'))
setDbHandle(openDatabase({ dataDir }))
await migrate()
if (await isDatabaseEmpty()) {
  console.log(`Seeding the demo ecosystem in ${dataDir} …`)
  await seedDemo({ log: () => {} })
}

const [admin] = await queryRows<{ user_id: string; org_id: string }>(
  db,
  sql`select u.id as user_id, m.org_id from users u join memberships m on m.user_id = u.id where u.email = ${DEMO_ACCOUNTS.northwindAdmin.email}`,
)
if (!admin) throw new Error('The demo seed has no Northwind admin.')
// A full page: copies of Northwind's own referrals until it has 150 (the same rows the app would write).
const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from referrals where from_org_id = ${admin.org_id} or to_org_id = ${admin.org_id}`)) as [{ n: number }]
if (Number(n) < 150) {
  await db.execute(sql`
    insert into referrals (id, from_org_id, to_org_id, created_by, account_name, account_domain, need, estimated_value, status, created_at, updated_at)
    select 'benchapi' || g, r.from_org_id, r.to_org_id, r.created_by, r.account_name || ' ' || g, 'bench' || g || '.example', r.need, r.estimated_value, 'declined', now() - (g || ' minutes')::interval, now()
    from generate_series(1, ${150 - Number(n)}) g
    cross join lateral (select * from referrals where from_org_id = ${admin.org_id} order by created_at limit 1) r`)
}
// The limit is what a 429 measures, not the endpoint: the vendor's setting (seeded at 600 a minute) is raised for the run.
await db.execute(sql`
  insert into api_settings (org_id, per_key_per_minute, per_org_per_minute)
  select id, 10000000, 10000000 from organizations where kind = 'vendor'
  on conflict (org_id) do update set per_key_per_minute = 10000000, per_org_per_minute = 10000000`)
const actor = await loadActor(admin.user_id)
if (!actor) throw new Error('Could not load the Northwind admin.')
const { secret } = await createApiKey(actor, { name: `bench ${new Date().toISOString()}`, scopes: ['referrals:read'] })
await closeDb()

buildApp({ log: (m) => console.log(m) })
let timings: Timing[] = []
const fromTimings = collectTimings(() => timings)
const server = await startAppServer({
  dataDir,
  env: { API_RATE_LIMIT_PER_MINUTE: '10000000', API_ORG_RATE_LIMIT_PER_MINUTE: '10000000', REQUEST_TIMING: '1' },
  onLine: (line) => (line.startsWith('timing ') ? fromTimings(line) : console.log(line)),
})
const real = server.url
const headers = { authorization: `Bearer ${secret}`, 'accept-encoding': 'gzip' }

const first = await fetch(real + PAGE, { headers })
const body = Buffer.from(await first.arrayBuffer())
const page = JSON.parse(body.toString('utf8')) as { data: unknown[] }
if (first.status !== 200 || page.data.length !== 100) throw new Error(`${PAGE} answered ${first.status} with ${page.data?.length} referrals`)

// Sequential: one request at a time (after a few to warm up), the server's own figures per request.
for (let i = 0; i < 10; i++) await (await fetch(real + PAGE, { headers })).arrayBuffer()
await new Promise((r) => setTimeout(r, 50))
timings = []
for (let i = 0; i < SEQUENTIAL; i++) await (await fetch(real + PAGE, { headers })).arrayBuffer()
await new Promise((r) => setTimeout(r, 50))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN
const seq = timings.filter((t) => t.status === 200)
console.log(
  `\nSequential (${seq.length} requests, load average ${os.loadavg()[0]!.toFixed(2)}): median ${median(seq.map((t) => t.total)).toFixed(1)} ms a request, ` +
    `${median(seq.map((t) => t.statements))} SQL statements, ${median(seq.map((t) => t.sqlMs)).toFixed(1)} ms of database time, ${median(seq.map((t) => t.cpuMs)).toFixed(1)} ms CPU`,
)
if (SECONDS === 0) {
  await server.stop()
  if (!process.env.BENCH_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}

type Load = { rps: number; p50: number; p95: number; non2xx: number }
async function load(url: string): Promise<Load> {
  const result = await autocannon({ url: url + PAGE, connections: CONNECTIONS, duration: SECONDS, headers })
  return { rps: result.requests.average, p50: result.latency.p50, p95: result.latency.p97_5, non2xx: result.non2xx }
}
const app = await load(real)
const bare = await serveFromMemory(body, 'application/json')
const base = await load(bare.url)
await bare.close()

const ratio = app.rps / base.rps
console.log(`\nGET ${PAGE} with a key (PGlite, ${CONNECTIONS} connections, ${SECONDS} s, load average ${os.loadavg()[0]!.toFixed(2)}):`)
console.log(`  app  ${app.rps.toFixed(0)} req/s, p50 ${app.p50} ms, p97.5 ${app.p95} ms${app.non2xx ? ` (${app.non2xx} non-2xx)` : ''}`)
console.log(`  bare ${base.rps.toFixed(0)} req/s (the same ${(body.length / 1024).toFixed(0)} KiB from memory)`)
console.log(`  ratio ${ratio.toFixed(3)}× — target ≥ 0.1×: ${ratio >= 0.1 ? 'met' : 'missed'}`)

await server.stop()
if (!process.env.BENCH_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true })
process.exit(0)
