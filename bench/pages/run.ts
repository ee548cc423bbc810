/**
 * Signed-in page benchmark (issue 20). Seeds the demo ecosystem (or re-uses BENCH_DATA_DIR), signs
 * in several real users (a session row per user, the cookie the app would set), starts the
 * production server with REQUEST_TIMING=1, and for each page:
 *
 *   1. sends BENCH_SEQUENTIAL requests one at a time and reads the server's timing lines: the median
 *      time to the session check, to the render (loaders done), to the last byte, the SQL statements
 *      per request and the database's busy time for them;
 *   2. measures it under load with autocannon (BENCH_CONNECTIONS, default 10, each connection signed
 *      in as one of the users, round robin) for BENCH_SECONDS (default 5), then a bare Node server
 *      returning the same HTML from memory, in the same run: req/s ratio, p50 and p95.
 *
 * Signed-in requests carry a session cookie, so the anonymous page cache never serves them.
 *
 *   npx tsx bench/pages/run.ts                            # PGlite in a fresh data directory
 *   BENCH_DATA_DIR=/tmp/pe-pages npx tsx bench/pages/run.ts   # seeds it once, re-uses it after
 *   BENCH_PAGES=analytics,listing npx tsx bench/pages/run.ts  # a subset (names as printed)
 *   BENCH_SECONDS=0 npx tsx bench/pages/run.ts                # the sequential breakdown only
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_pages npx tsx bench/pages/run.ts
 *                                 # the production setup: PostgreSQL out of process (seeded when empty)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { closeDb, db, migrate, openDatabase, queryRows, setDbHandle } from '#db/client.server.ts'
import { isDatabaseEmpty, seedDemo } from '#db/seed/index.ts'
import { DEMO_ACCOUNTS } from '#db/seed/steps/foundation.ts'
import { parseEnv } from '#app/env.server.ts'
import { buildApp, ROOT } from '../../scripts/lib/build.ts'
import { collectTimings, getSignedIn, load as loadWith, serveFromMemory, signIn, startAppServer, type BenchUser, type Timing } from '../lib/http-load.ts'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 30)
const ONLY = process.env.BENCH_PAGES ? new Set(process.env.BENCH_PAGES.split(',').map((s) => s.trim())) : null

process.chdir(ROOT)
parseEnv()
const databaseUrl = process.env.BENCH_DATABASE_URL
const dataDir = process.env.BENCH_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'pe-bench-pages-'))
setDbHandle(openDatabase(databaseUrl ? { databaseUrl } : { dataDir }))
await migrate()
if (await isDatabaseEmpty()) {
  console.log(`Seeding the demo ecosystem in ${databaseUrl ?? dataDir} …`)
  await seedDemo({ log: () => {} })
}

// ------------------------------------------------------------------ users and the pages they open
type User = BenchUser
const partners = await signIn(
  [DEMO_ACCOUNTS.northwindAdmin, DEMO_ACCOUNTS.northwindMember, DEMO_ACCOUNTS.bluepeakAdmin, DEMO_ACCOUNTS.bluepeakMember].map((a) => a.email),
  'bench/pages',
)
const vendors = await signIn(
  [DEMO_ACCOUNTS.vendorAdmin, DEMO_ACCOUNTS.vendorMember].map((a) => a.email),
  'bench/pages',
)

const listingSlugs = (
  await queryRows<{ slug: string }>(db, sql`select l.slug from listings l join organizations o on o.id = l.org_id where l.status = 'published' and o.status = 'active' order by l.slug limit 40`)
).map((r) => r.slug)
const partnerSlugs = (await queryRows<{ slug: string }>(db, sql`select slug from organizations where kind = 'partner' and status = 'active' order by slug limit 40`)).map((r) => r.slug)
const searchTerms = ['cloud', 'security', 'migration', 'data', 'kubernetes', 'healthcare', 'retail', 'analytics']
/** Per org: the referrals it sent or received, and its accepted connections (the accounts overlap). */
const referralsOf = new Map<string, string[]>()
const connectionsOf = new Map<string, string[]>()
for (const orgId of new Set(partners.map((u) => u.orgId))) {
  referralsOf.set(
    orgId,
    (await queryRows<{ id: string }>(db, sql`select id from referrals where from_org_id = ${orgId} or to_org_id = ${orgId} order by created_at desc limit 20`)).map((r) => r.id),
  )
  connectionsOf.set(
    orgId,
    (await queryRows<{ id: string }>(db, sql`select id from connections where status = 'accepted' and (requester_org_id = ${orgId} or recipient_org_id = ${orgId}) order by id`)).map((r) => r.id),
  )
}
await closeDb()

type Page = { name: string; users: User[]; path: (user: User, i: number) => string }
const pick = <T>(list: T[], i: number) => list[i % list.length]!
const allPages: Page[] = [
  { name: 'marketplace', users: partners, path: () => '/marketplace' },
  { name: 'listing', users: partners, path: (_u, i) => `/listings/${pick(listingSlugs, i)}` },
  { name: 'partner', users: partners, path: (_u, i) => `/partners/${pick(partnerSlugs, i)}` },
  { name: 'search', users: partners, path: (_u, i) => `/search?q=${pick(searchTerms, i)}` },
  { name: 'home', users: partners, path: () => '/' },
  { name: 'referrals', users: partners, path: () => '/referrals' },
  { name: 'referral', users: partners, path: (u, i) => `/referrals/${pick(referralsOf.get(u.orgId)!, i)}` },
  { name: 'cosell', users: partners, path: () => '/cosell' },
  { name: 'overlap', users: partners.filter((u) => connectionsOf.get(u.orgId)!.length > 0), path: (u, i) => `/connections/${pick(connectionsOf.get(u.orgId)!, i)}` },
  { name: 'analytics', users: vendors, path: () => '/analytics' },
]
const pages = allPages.filter((p) => !ONLY || ONLY.has(p.name))

// ------------------------------------------------------------------ the server
buildApp({ log: (m) => console.log(m) })
let timings: Timing[] = []
const server = await startAppServer({ dataDir, env: { REQUEST_TIMING: '1', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, onLine: collectTimings(() => timings) })
const real = server.url
const get = (p: string, user: User) => getSignedIn(real, p, user)

// ------------------------------------------------------------------ measuring
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[s.length >> 1]! : NaN
}
/** Each autocannon connection keeps one of the page's users (and, against the app, its session cookie). */
const load = (url: string, page: Page, withCookies: boolean) =>
  loadWith({ url, connections: CONNECTIONS, seconds: SECONDS, users: page.users, withCookies, path: (user, i) => page.path(user as User, i) })

const loadAverage = () => os.loadavg()[0]!.toFixed(2)
console.log(databaseUrl ? `\nDatabase: PostgreSQL at ${databaseUrl.replace(/\/\/[^@/]*@/, '//')}` : `\nDatabase: PGlite in ${dataDir}`)
console.log(`Users: ${partners.length} partner, ${vendors.length} vendor; ${CONNECTIONS} connections, ${SECONDS} s per page under load, ${SEQUENTIAL} sequential requests for the breakdown`)
console.log(
  `\n${'page'.padEnd(12)} ${'req/s'.padStart(6)} ${'bare'.padStart(7)} ${'ratio'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} │ seq: ${'auth'.padStart(6)} ${'loaders'.padStart(7)} ${'render'.padStart(7)} ${'total'.padStart(7)} ${'SQL'.padStart(4)} ${'SQL ms'.padStart(7)} ${'CPU ms'.padStart(7)} │ load  KiB`,
)
const summary: Record<string, { ratio: number; p95: number }> = {}
for (const page of pages) {
  if (page.users.length === 0) {
    console.log(`${page.name.padEnd(12)} skipped: no user has what it needs`)
    continue
  }
  // Sequential: one request at a time, each as the next user.
  for (let i = 0; i < 5; i++) await get(page.path(pick(page.users, i), i), pick(page.users, i))
  timings = []
  let html = ''
  for (let i = 0; i < SEQUENTIAL; i++) html = await get(page.path(pick(page.users, i), i), pick(page.users, i))
  await new Promise((r) => setTimeout(r, 50))
  const seq = timings.filter((t) => t.status === 200)
  const auth = median(seq.map((t) => t.authenticated ?? NaN))
  const loaders = median(seq.map((t) => (t.render ?? NaN) - (t.authenticated ?? NaN)))
  const render = median(seq.map((t) => t.total - (t.render ?? NaN)))
  const total = median(seq.map((t) => t.total))
  const statements = median(seq.map((t) => t.statements))
  const sqlMs = median(seq.map((t) => t.sqlMs))
  const cpuMs = median(seq.map((t) => t.cpuMs))

  const loadBefore = loadAverage()
  const ms = (n: number) => n.toFixed(1).padStart(7)
  if (SECONDS === 0) {
    // BENCH_SECONDS=0: only the sequential breakdown (a quick before/after of CPU and statements).
    console.log(
      `${page.name.padEnd(12)} ${'—'.padStart(6)} ${'—'.padStart(7)} ${'—'.padStart(7)} ${'—'.padStart(7)} ${'—'.padStart(7)} │      ${auth.toFixed(1).padStart(6)} ${ms(loaders)} ${ms(render)} ${ms(total)} ${String(statements).padStart(4)} ${ms(sqlMs)} ${ms(cpuMs)} │ ${loadBefore.padStart(5)} ${(html.length / 1024).toFixed(0).padStart(4)}`,
    )
    continue
  }
  const app = await load(real, page, true)
  const body = Buffer.from(html)
  const bare = await serveFromMemory(body)
  const base = await load(bare.url, page, false)
  await bare.close()
  const ratio = app.rps / base.rps
  summary[page.name] = { ratio, p95: app.p95 }
  console.log(
    `${page.name.padEnd(12)} ${app.rps.toFixed(0).padStart(6)} ${base.rps.toFixed(0).padStart(7)} ${ratio.toFixed(3).padStart(6)}× ${ms(app.p50)} ${ms(app.p95)} │      ${auth.toFixed(1).padStart(6)} ${ms(loaders)} ${ms(render)} ${ms(total)} ${String(statements).padStart(4)} ${ms(sqlMs)} ${ms(cpuMs)} │ ${loadBefore.padStart(5)} ${(body.length / 1024).toFixed(0).padStart(4)}` +
      (app.non2xx || app.errors ? `   (${app.non2xx} non-2xx, ${app.errors} errors)` : ''),
  )
}
console.log(
  '\nseq columns: medians of sequential requests in ms: auth = until the session is checked, loaders = from there until the render starts, render = render, compression and sending, SQL = statements per request and the database busy time for them, CPU = the server process’s CPU time per request (user + system; the least sensitive to other load on the machine)',
)
const missed = Object.entries(summary).filter(([name, s]) => s.ratio < (name === 'listing' || name === 'marketplace' ? 0.08 : 0.05) || s.p95 > 50)
console.log(
  SECONDS === 0
    ? 'Targets not checked: BENCH_SECONDS=0 measures no load.'
    : missed.length
      ? `Targets (≥ 0.05×, listing and marketplace ≥ 0.08×, p95 ≤ 50 ms) missed by: ${missed.map(([n]) => n).join(', ')}`
      : 'Targets (≥ 0.05×, listing and marketplace ≥ 0.08×, p95 ≤ 50 ms) met by every page measured',
)

await server.stop()
if (!process.env.BENCH_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true })
process.exit(0)
