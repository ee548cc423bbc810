/**
 * Partnership portfolio benchmark (issue 18): `/admin/partnerships/portfolio` for 200 strategic
 * partnerships, signed in as the vendor, as a ratio of a bare Node server returning the same bytes
 * in the same run.
 *
 * Builds a data set in a fresh PGlite directory (or re-uses BENCH_DATA_DIR): the vendor, 200
 * partners each in a strategic partnership with two signed plan versions and a draft, 12
 * commitments, 5 reviews with sponsors; 60k opportunities (a third partner-sourced), 30k referrals
 * and 20k co-sell participations as background for touches and activity. Then it starts the
 * production server with REQUEST_TIMING=1, sends BENCH_SEQUENTIAL requests one at a time (median
 * total time, SQL statements and busy time per request) and measures both servers under load with
 * autocannon (BENCH_CONNECTIONS, default 4; BENCH_SECONDS, default 5).
 *
 *   npm run bench:portfolio
 *   BENCH_DATA_DIR=/tmp/pe-portfolio npm run bench:portfolio   # builds the data once, re-uses it after
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { closeDb, db, migrate, openDatabase, queryRows, setDbHandle } from '#db/client.server.ts'
import { memberships, organizations, users } from '#db/schema/index.ts'
import { hashPassword } from '#app/features/auth/password.server.ts'
import { parseEnv } from '#app/env.server.ts'
import { buildApp, ROOT } from '../../scripts/lib/build.ts'
import { collectTimings, load as loadWith, serveFromMemory, sessionCookie, startAppServer, type Timing } from '../lib/http-load.ts'

const PARTNERSHIPS = 200
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 20)
const EMAIL = 'bench-portfolio@vendor.test'

process.chdir(ROOT)
parseEnv()
const dataDir = process.env.BENCH_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'pe-bench-portfolio-'))
setDbHandle(openDatabase({ dataDir }))
await migrate()

const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from partnerships where strategic`)
if ((existing?.n ?? 0) < PARTNERSHIPS) {
  console.log(`Building the data set in ${dataDir} …`)
  const started = Date.now()
  const hash = await hashPassword('bench-portfolio-password')
  await db.transaction(async (tx) => {
    await tx.insert(organizations).values({ id: 'bv', kind: 'vendor', name: 'Bench Vendor', slug: 'bench-vendor', status: 'active', approvedAt: new Date(Date.now() - 1000 * 86_400_000) })
    await tx.insert(users).values({ id: 'bu', email: EMAIL, name: 'Bench Vendor Admin', passwordHash: hash })
    await tx.insert(memberships).values({ orgId: 'bv', userId: 'bu', role: 'vendor_admin' })
    await tx.execute(sql`
      insert into organizations (id, kind, name, slug, status, approved_at, partner_type, tier)
      select 'bp' || g, 'partner', 'Bench Partner ' || g, 'bench-partner-' || g, 'active', now() - interval '2 years', 'systems_integrator', 'gold'
      from generate_series(1, ${PARTNERSHIPS}) g`)
    await tx.execute(sql`
      insert into partnerships (id, org_a_id, org_b_id, stage, strategic, designated_at, import_key)
      select 'bps' || g, 'bv', 'bp' || g, 'active_collaboration', true, now() - interval '400 days', 'bench-ps-' || g
      from generate_series(1, ${PARTNERSHIPS}) g`)
    // Two signed versions (v1 superseded 120 days ago) and a draft; targets for the last 6 quarters.
    await tx.execute(sql`
      insert into partnership_plans (id, partnership_id, version, status, targets, signed_at, superseded_at)
      select 'bpl' || g || '-' || v, 'bps' || g, v,
        case v when 1 then 'superseded' when 2 then 'active' else 'draft' end,
        (select jsonb_agg(jsonb_build_object('quarter', extract(year from q)::int || '-Q' || extract(quarter from q)::int, 'pipeline', 50000000 + (g * 7919) % 50000000))
           from generate_series(date_trunc('quarter', now()) - interval '15 months', date_trunc('quarter', now()), interval '3 months') q),
        case v when 1 then now() - interval '500 days' when 2 then now() - interval '120 days' end,
        case v when 1 then now() - interval '120 days' end
      from generate_series(1, ${PARTNERSHIPS}) g, generate_series(1, 3) v`)
    await tx.execute(sql`
      insert into partnership_commitments (id, plan_id, owner_org_id, title, due_at, status, met_at)
      select 'bc' || g || '-' || k, 'bpl' || g || '-' || (case when k <= 6 then 1 else 2 end), case when k % 2 = 0 then 'bv' else 'bp' || g end,
        'Commitment ' || k, now() - (k * 28 || ' days')::interval + interval '30 days',
        s.status, case when s.status = 'met' then now() - (k * 28 || ' days')::interval + interval '30 days' - ((g + k) % 9 - 3 || ' days')::interval end
      from generate_series(1, ${PARTNERSHIPS}) g, generate_series(1, 12) k,
        lateral (select case when (g * 31 + k * 17) % 10 < 6 then 'met' when (g * 31 + k * 17) % 10 < 8 then 'missed' when (g * 31 + k * 17) % 10 < 9 then 'waived' else 'open' end as status) s`)
    await tx.execute(sql`
      insert into partnership_reviews (id, partnership_id, scheduled_at, held_at)
      select 'br' || g || '-' || k, 'bps' || g, now() - (k * 91 - 20 || ' days')::interval, case when (g + k) % 5 <> 0 and k > 0 then now() - (k * 91 - 20 || ' days')::interval end
      from generate_series(1, ${PARTNERSHIPS}) g, generate_series(0, 4) k`)
    await tx.execute(sql`
      insert into partnership_review_attendees (id, review_id, org_id, name, sponsor)
      select 'bra' || g || '-' || k || '-' || s, 'br' || g || '-' || k, case s when 1 then 'bv' else 'bp' || g end, 'Sponsor ' || s, (g + k + s) % 4 <> 0
      from generate_series(1, ${PARTNERSHIPS}) g, generate_series(1, 4) k, generate_series(1, 2) s`)
    await tx.execute(sql`
      insert into opportunities (id, org_id, account_name, amount, stage, sourced_by_org_id, created_at)
      select 'bo' || g, 'bv', 'Account ' || g, 100000 + (g * 7919) % 9000000, case when g % 5 = 0 then 'won' when g % 7 = 0 then 'lost' else 'qualified' end,
        case when g % 3 = 0 then 'bp' || (1 + g % ${PARTNERSHIPS}) end, now() - ((g % 700) || ' days')::interval
      from generate_series(1, 60000) g`)
    await tx.execute(sql`update opportunities set closed_at = created_at + interval '60 days' where stage in ('won', 'lost') and id like 'bo%'`)
    await tx.execute(sql`
      insert into referrals (id, from_org_id, to_org_id, account_name, status, opportunity_id, created_at)
      select 'brf' || g, case when g % 2 = 0 then 'bv' else 'bp' || (1 + g % ${PARTNERSHIPS}) end, case when g % 2 = 0 then 'bp' || (1 + g % ${PARTNERSHIPS}) else 'bp' || (1 + (g * 13) % ${PARTNERSHIPS}) end,
        'Account ' || g, (array['submitted','accepted','declined','in_progress','won','lost'])[1 + g % 6],
        case when g % 3 = 0 then 'bo' || (1 + (g * 7) % 60000) end, now() - ((g % 700) || ' days')::interval
      from generate_series(1, 30000) g`)
    await tx.execute(sql`
      insert into opportunity_participants (id, opportunity_id, org_id, role, status, invited_at, joined_at)
      select 'bcs' || g, 'bo' || (1 + (g * 11) % 60000), 'bp' || (1 + (g * 3) % ${PARTNERSHIPS}), 'implementation', case when g % 4 = 0 then 'declined' else 'accepted' end,
        now() - ((g % 690) || ' days')::interval, now() - ((g % 690) || ' days')::interval
      from generate_series(1, 20000) g
      on conflict do nothing`)
  })
  await db.execute(sql`analyze`)
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
const [user] = await queryRows<{ id: string }>(db, sql`select id from users where email = ${EMAIL}`)
const cookie = await sessionCookie(user!.id, 'bench/portfolio')
await closeDb()

buildApp({ log: (m) => console.log(m) })
let timings: Timing[] = []
const server = await startAppServer({ dataDir, env: { REQUEST_TIMING: '1' }, onLine: collectTimings(() => timings) })
const PAGE = '/admin/partnerships/portfolio'
const real = server.url

async function get() {
  const res = await fetch(real + PAGE, { headers: { cookie, 'accept-encoding': 'gzip' } })
  const body = await res.text()
  if (res.status !== 200) throw new Error(`${PAGE} answered ${res.status}`)
  if (!body.includes('data-testid="health-table"')) throw new Error(`${PAGE} did not render the portfolio`)
  return body
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN
const load = (url: string, headers: Record<string, string>) => loadWith({ url, connections: CONNECTIONS, seconds: SECONDS, headers })

for (let i = 0; i < 3; i++) await get()
timings = []
let html = ''
for (let i = 0; i < SEQUENTIAL; i++) html = await get()
await new Promise((r) => setTimeout(r, 50))
const seq = timings.filter((t) => t.status === 200)
const app = await load(real + PAGE, { cookie })
const body = Buffer.from(html)
const bare = await serveFromMemory(body)
const base = await load(bare.url + PAGE, {})
await bare.close()

console.log(`\nDatabase: PGlite in ${dataDir}; ${PARTNERSHIPS} strategic partnerships; ${CONNECTIONS} connections, ${SECONDS} s under load; load average ${os.loadavg()[0]!.toFixed(2)}`)
console.log(
  `Sequential (median of ${seq.length}): ${median(seq.map((t) => t.total)).toFixed(1)} ms per page, ${median(seq.map((t) => t.statements))} SQL statements, ${median(seq.map((t) => t.sqlMs)).toFixed(1)} ms in SQL`,
)
console.log(`Portfolio page: ${app.rps.toFixed(1)} req/s (p50 ${app.p50.toFixed(0)} ms, p95 ${app.p95.toFixed(0)} ms${app.non2xx ? `, ${app.non2xx} non-2xx` : ''})`)
console.log(`Bare server, same ${(body.length / 1024).toFixed(0)} KiB: ${base.rps.toFixed(1)} req/s (p50 ${base.p50.toFixed(0)} ms, p95 ${base.p95.toFixed(0)} ms)`)
console.log(`Ratio: ${(app.rps / base.rps).toFixed(4)}× the bare server`)

await server.stop()
if (!process.env.BENCH_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true })
process.exit(0)
