/**
 * Analytics benchmark (PostgreSQL only): seeds 2,000 partners, 1,000,000 opportunities,
 * 500,000 referrals and 300,000 co-sell participations with generate_series bulk inserts into a
 * dedicated database, then times the one-year summary (docs/metrics.md) and prints it as a ratio to one
 * sequential scan of the same tables measured in the same run (target ≤ 3×).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:analytics [-- --keep] [--reseed]
 *
 * The database `pe_bench_analytics` is reused between runs unless --reseed (seeding takes a minute).
 *
 * Without filters the summary reads the `opportunities.partner_touched_at` rollup, which
 * database triggers keep exact at write time (migration 0017): its upkeep is paid by the writes
 * (the seed's inserts here, each step timed on stderr), not by the summary. For scale the bench
 * also times recomputing the whole rollup from scratch (the migration's backfill, read only) and
 * prints the ratio summary + rebuild as well.
 */
import postgres from 'postgres'
import { closeDb, migrate, openDatabase, setDbHandle } from '#db/client.server.ts'
import { computeSummary, noFilters } from '#app/features/analytics/metrics.server.ts'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('bench/analytics needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).')
  process.exit(2)
}
const BENCH_DB = 'pe_bench_analytics'
const reseed = process.argv.includes('--reseed')
const SIZES = { partners: 2_000, opportunities: 1_000_000, referrals: 500_000, coSell: 300_000 }

const admin = postgres(url, { max: 1, onnotice: () => {} })
const exists = (await admin`select 1 from pg_database where datname = ${BENCH_DB}`).length > 0
if (exists && reseed) await admin.unsafe(`drop database "${BENCH_DB}" with (force)`)
if (!exists || reseed) await admin.unsafe(`create database "${BENCH_DB}"`)
await admin.end()

const u = new URL(url)
u.pathname = `/${BENCH_DB}`
const handle = openDatabase({ databaseUrl: u.toString() })
setDbHandle(handle)
await migrate(handle)
if (handle.driver !== 'postgres') throw new Error('unreachable')
const pg = handle.sql

const [{ n }] = await pg<{ n: number }[]>`select count(*)::int as n from opportunities`
if (n !== SIZES.opportunities) {
  const t0 = performance.now()
  let tStep = t0
  const step = (name: string) => {
    const now = performance.now()
    console.error(`  ${name}: ${((now - tStep) / 1000).toFixed(1)}s`)
    tStep = now
  }
  console.error('Seeding …')
  await pg.unsafe(`truncate referrals, opportunity_participants, opportunity_stage_history, opportunities cascade`)
  await pg.unsafe(`delete from organizations`)
  await pg.unsafe(`
    insert into organizations (id, kind, name, slug, status, approved_at)
    values ('vendor', 'vendor', 'Bench Vendor', 'bench-vendor', 'active', '2023-01-01');
    insert into organizations (id, kind, name, slug, partner_type, tier, status, approved_at, regions)
    select 'p' || g, 'partner', 'Partner ' || g, 'partner-' || g,
      (array['reseller','technology','systems_integrator','msp','referral','hyperscaler','distributor'])[1 + g % 7],
      (array['registered','silver','gold','platinum'])[1 + (g / 7) % 4],
      case when g % 10 = 0 then 'suspended' when g % 17 = 0 then 'applicant' else 'active' end,
      case when g % 17 = 0 then null else timestamptz '2023-01-01' + (g * interval '13 hours') end,
      array[(array['NA','LATAM','EMEA','APAC'])[1 + g % 4]]
    from generate_series(1, ${SIZES.partners}) g;`)
  step('organizations')
  // Opportunities over three years (2024–2026), 30 % partner-sourced, half of them closed.
  await pg.unsafe(`
    insert into opportunities (id, org_id, account_name, amount, stage, sourced_by_org_id, created_at, closed_at)
    select 'o' || g, 'vendor', 'Account ' || g, (hashint4(g) & 1048575) * 10,
      case when g % 4 = 0 then 'won' when g % 4 = 1 then 'lost' else (array['prospect','qualified','committed'])[1 + g % 3] end,
      case when hashint4(g * 3) % 10 < 3 then 'p' || (1 + abs(hashint4(g * 7)) % ${SIZES.partners}) end,
      timestamptz '2024-01-01' + (g::float8 / ${SIZES.opportunities} * interval '1095 days'),
      case when g % 4 in (0, 1) then timestamptz '2024-01-01' + (g::float8 / ${SIZES.opportunities} * interval '1095 days') + ((abs(hashint4(g * 11)) % 120) * interval '1 day') end
    from generate_series(1, ${SIZES.opportunities}) g`)
  step('opportunities')
  // Referrals: 90 % between partners, 40 % linked to an opportunity.
  await pg.unsafe(`
    insert into referrals (id, from_org_id, to_org_id, account_name, status, won_amount, opportunity_id, created_at, closed_at)
    select 'r' || g, f, case when t = f then 'p' || (1 + (substr(f, 2)::int % ${SIZES.partners})) else t end, 'Account ' || g, s,
      case when s = 'won' then (abs(hashint4(g * 5)) % 100000) * 10 end,
      case when g % 5 < 2 then 'o' || (1 + abs(hashint4(g * 13)) % ${SIZES.opportunities}) end,
      c, case when s in ('won', 'lost') then c + ((abs(hashint4(g * 17)) % 90) * interval '1 day') end
    from (
      select g,
        case when g % 10 = 0 then 'vendor' else 'p' || (1 + abs(hashint4(g)) % ${SIZES.partners}) end as f,
        'p' || (1 + abs(hashint4(g * 31)) % ${SIZES.partners}) as t,
        (array['submitted','accepted','declined','in_progress','won','lost'])[1 + abs(hashint4(g * 19)) % 6] as s,
        timestamptz '2024-01-01' + (g::float8 / ${SIZES.referrals} * interval '1095 days') as c
      from generate_series(1, ${SIZES.referrals}) g
    ) x`)
  step('referrals (with the rollup triggers)')
  // Co-sell: about a third of the first 100,000 opportunities get participants.
  await pg.unsafe(`
    insert into opportunity_participants (id, opportunity_id, org_id, status, joined_at)
    select 'c' || g, 'o' || (1 + (g / 3) * 3 % ${SIZES.opportunities}), 'p' || (1 + abs(hashint4(g * 23)) % ${SIZES.partners}),
      (array['invited','accepted','accepted','declined'])[1 + g % 4],
      case when g % 4 <> 0 then timestamptz '2024-01-01' + ((((g / 3) * 3) % ${SIZES.opportunities})::float8 / ${SIZES.opportunities} * interval '1095 days') + (g % 30) * interval '1 day' end
    from generate_series(1, ${SIZES.coSell}) g
    on conflict do nothing`)
  step('co-sell participations (with the rollup triggers)')
  await pg.unsafe('vacuum analyze')
  step('vacuum analyze')
  console.error(`Seeded in ${((performance.now() - t0) / 1000).toFixed(1)}s`)
} else {
  console.error('Reusing the seeded bench database (--reseed to rebuild).')
  // Tables at rest, as autovacuum leaves them (a migration's backfill may have just written).
  await pg.unsafe('vacuum analyze organizations, opportunities, referrals, opportunity_participants')
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now()
  const out = await fn()
  return [performance.now() - t0, out]
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

// Baseline: one sequential scan of each table the summary reads.
async function seqScan() {
  return pg.begin(async (tx) => {
    await tx.unsafe('set local enable_indexscan = off; set local enable_indexonlyscan = off; set local enable_bitmapscan = off; set local max_parallel_workers_per_gather = 0')
    for (const table of ['organizations', 'opportunities', 'referrals', 'opportunity_participants']) await tx.unsafe(`select count(*) from ${table}`)
  })
}
const period = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') }
await seqScan() // warm the cache once
await computeSummary(handle.db, period, noFilters())

const scans: number[] = []
const summaries: number[] = []
let summary
for (let i = 0; i < 5; i++) {
  scans.push((await time(seqScan))[0])
  const [ms, s] = await time(() => computeSummary(handle.db, period, noFilters()))
  summaries.push(ms)
  summary = s
}
// Recomputing the whole partner_touched_at rollup from scratch (what migration 0017's backfill
// computes), read only: the most bringing it current could ever cost at once.
const REBUILD_ROLLUP = `
  select count(*), max(at) from (
    select x.id, min(x.at) as at from (
      select r.opportunity_id as id, r.created_at as at
      from referrals r
      where r.opportunity_id is not null and r.status in ('accepted', 'in_progress', 'won', 'lost')
        and exists (select 1 from organizations g where g.kind = 'partner' and (g.id = r.from_org_id or g.id = r.to_org_id))
      union all
      select c.opportunity_id, coalesce(c.joined_at, 'infinity'::timestamptz)
      from opportunity_participants c join organizations g on g.id = c.org_id and g.kind = 'partner'
      where c.status = 'accepted'
    ) x group by x.id
  ) t`
const rebuilds: number[] = []
for (let i = 0; i < 3; i++) rebuilds.push((await time(() => pg.begin((tx) => tx.unsafe(`set local jit = off; set local work_mem = '64MB'; ${REBUILD_ROLLUP}`))))[0])

const scan = median(scans)
const sum = median(summaries)
const rebuild = median(rebuilds)
console.log(
  JSON.stringify(
    {
      sizes: SIZES,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      seqScanMs: +scan.toFixed(1),
      summaryMs: +sum.toFixed(1),
      ratio: +(sum / scan).toFixed(2),
      target: 3,
      rollupRebuildMs: +rebuild.toFixed(1),
      ratioWithRollupRebuild: +((sum + rebuild) / scan).toFixed(2),
      summary,
    },
    null,
    2,
  ),
)
console.error(`one-year summary ${sum.toFixed(0)} ms vs one sequential scan ${scan.toFixed(0)} ms → ratio ${(sum / scan).toFixed(2)}× (target ≤ 3×)`)
console.error(`(rebuilding the touch rollup from scratch: ${rebuild.toFixed(0)} ms; summary + rebuild → ${((sum + rebuild) / scan).toFixed(2)}×)`)
await closeDb()
