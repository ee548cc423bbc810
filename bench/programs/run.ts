/**
 * Program evaluation benchmark (PostgreSQL only): seeds 5,000 partners, 1,000,000 opportunities,
 * 500,000 referrals (and co-sell participations, endorsements, integrations, certifications and
 * community answers) with generate_series bulk inserts into a dedicated database, defines four
 * tracks of three tiers that use every requirement metric, then times the evaluation of every
 * partner (app/features/programs/evaluation.server.ts: measuring, deciding, writing the standings)
 * and prints it as a ratio to one sequential scan of the same tables measured in the same run
 * (target ≤ 3×).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:programs [-- --reseed]
 *   BENCH_SCALE=0.05 npm run bench:programs     # a quick run at 5 % of the sizes
 *
 * The database `pe_bench_programs` (or `pe_bench_programs_<scale>`, or BENCH_DB) is reused between runs unless --reseed;
 * BENCH_DB names a copy, e.g. to compare two versions of the code back to back on the same data.
 */
import postgres from 'postgres'
import { closeDb, migrate, openDatabase, setDbHandle } from '#db/client.server.ts'
import { evaluateAll, loadProgram } from '#app/features/programs/evaluation.server.ts'
import { measureAll, windowsOf } from '#app/features/programs/measure.server.ts'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('bench/programs needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).')
  process.exit(2)
}
const scale = Number(process.env.BENCH_SCALE ?? '1')
if (!(scale > 0 && scale <= 1)) {
  console.error('BENCH_SCALE must be a number in (0, 1], e.g. 0.05 for a quick run.')
  process.exit(2)
}
const BENCH_DB = process.env.BENCH_DB || (scale === 1 ? 'pe_bench_programs' : `pe_bench_programs_${String(scale).replace('.', '_')}`)
const reseed = process.argv.includes('--reseed')
const S = (n: number) => Math.max(10, Math.round(n * scale))
const SIZES = {
  partners: S(5_000),
  opportunities: S(1_000_000),
  referrals: S(500_000),
  coSell: S(300_000),
  endorsements: S(50_000),
  listings: S(10_000),
  certifications: S(20_000),
  answers: S(20_000),
}

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
const P = SIZES.partners

const [{ n }] = await pg<{ n: number }[]>`select count(*)::int as n from opportunities`
if (n !== SIZES.opportunities) {
  const t0 = performance.now()
  let tStep = t0
  const step = (name: string) => {
    const now = performance.now()
    console.error(`  ${name}: ${((now - tStep) / 1000).toFixed(1)}s`)
    tStep = now
  }
  console.error(`Seeding (scale ${scale}) …`)
  await pg.unsafe(`truncate program_standings, program_tier_history, program_certifications, program_requirements, program_tiers, program_tracks cascade`)
  await pg.unsafe(
    `truncate community_replies, community_topics, community_spaces, endorsements, integrations, listings, referrals, opportunity_participants, opportunity_stage_history, opportunities cascade`,
  )
  await pg.unsafe(`delete from domain_events; delete from audit_log; delete from organizations`)
  await pg.unsafe(`
    insert into organizations (id, kind, name, slug, status, approved_at)
    values ('vendor', 'vendor', 'Bench Vendor', 'bench-vendor', 'active', '2023-01-01');
    insert into organizations (id, kind, name, slug, partner_type, tier, status, approved_at)
    select 'p' || g, 'partner', 'Partner ' || g, 'partner-' || g,
      (array['reseller','technology','systems_integrator','msp','referral','hyperscaler','distributor'])[1 + g % 7],
      (array['registered','silver','gold','platinum'])[1 + (g / 7) % 4],
      case when g % 25 = 0 then 'suspended' else 'active' end, timestamptz '2023-01-01'
    from generate_series(1, ${P}) g;`)
  step('organizations')
  // Opportunities over three years up to 2026-06-01, 30 % partner-sourced, half of them closed.
  await pg.unsafe(`
    insert into opportunities (id, org_id, account_name, amount, stage, sourced_by_org_id, created_at, closed_at)
    select 'o' || g, 'vendor', 'Account ' || g, (hashint4(g) & 1048575) * 10,
      case when g % 4 = 0 then 'won' when g % 4 = 1 then 'lost' else (array['prospect','qualified','committed'])[1 + g % 3] end,
      case when hashint4(g * 3) % 10 < 3 then 'p' || (1 + abs(hashint4(g * 7)) % ${P}) end,
      c, case when g % 4 in (0, 1) then least(c + ((abs(hashint4(g * 11)) % 120) * interval '1 day'), timestamptz '2026-05-31') end
    from (select g, timestamptz '2023-06-01' + (g::float8 / ${SIZES.opportunities} * interval '1095 days') as c from generate_series(1, ${SIZES.opportunities}) g) x`)
  step('opportunities')
  await pg.unsafe(`
    insert into referrals (id, from_org_id, to_org_id, account_name, status, won_amount, opportunity_id, created_at, closed_at)
    select 'r' || g, f, case when t = f then 'p' || (1 + (substr(f, 2)::int % ${P})) else t end, 'Account ' || g, s,
      case when s = 'won' then (abs(hashint4(g * 5)) % 100000) * 10 end,
      case when g % 5 < 2 then 'o' || (1 + abs(hashint4(g * 13)) % ${SIZES.opportunities}) end,
      c, case when s in ('won', 'lost') then c + ((abs(hashint4(g * 17)) % 90) * interval '1 day') end
    from (
      select g, 'p' || (1 + abs(hashint4(g)) % ${P}) as f, 'p' || (1 + abs(hashint4(g * 31)) % ${P}) as t,
        (array['submitted','accepted','declined','in_progress','won','lost'])[1 + abs(hashint4(g * 19)) % 6] as s,
        timestamptz '2023-06-01' + (g::float8 / ${SIZES.referrals} * interval '1095 days') as c
      from generate_series(1, ${SIZES.referrals}) g
    ) x`)
  step('referrals')
  await pg.unsafe(`
    insert into opportunity_participants (id, opportunity_id, org_id, status, joined_at)
    select 'c' || g, 'o' || (1 + (g / 3) * 3 % ${SIZES.opportunities}), 'p' || (1 + abs(hashint4(g * 23)) % ${P}),
      (array['invited','accepted','accepted','declined'])[1 + g % 4],
      case when g % 4 <> 0 then timestamptz '2023-06-01' + ((((g / 3) * 3) % ${SIZES.opportunities})::float8 / ${SIZES.opportunities} * interval '1095 days') + (g % 30) * interval '1 day' end
    from generate_series(1, ${SIZES.coSell}) g
    on conflict do nothing`)
  step('co-sell participations')
  await pg.unsafe(`
    insert into endorsements (id, referral_id, from_org_id, to_org_id, rating, created_at)
    select 'e' || r.id, r.id, r.from_org_id, r.to_org_id, 5, coalesce(r.closed_at, r.created_at)
    from referrals r where r.status in ('won', 'lost') order by r.id limit ${SIZES.endorsements}`)
  await pg.unsafe(`
    insert into listings (id, org_id, kind, slug, status) select 'l' || g, 'p' || (1 + g % ${P}), 'integration', 'l-' || g, 'published' from generate_series(1, ${SIZES.listings}) g;
    insert into integrations (id, listing_id, org_id, counterpart_org_id, status)
      select 'i' || g, 'l' || g, 'p' || (1 + g % ${P}), 'p' || (1 + (g * 7 + 3) % ${P}), (array['pending','confirmed','confirmed','declined'])[1 + g % 4]
      from generate_series(1, ${SIZES.listings}) g where (1 + g % ${P}) <> (1 + (g * 7 + 3) % ${P});
    insert into program_certifications (id, org_id, person_name, name, issued_at, expires_at)
      select 'cert' || g, 'p' || (1 + abs(hashint4(g * 41)) % ${P}), 'Person ' || g, 'Architect', d, d + interval '730 days'
      from (select g, timestamptz '2024-01-01' + (abs(hashint4(g)) % 880) * interval '1 day' as d from generate_series(1, ${SIZES.certifications}) g) x;
    insert into community_spaces (id, name, slug) values ('space', 'Bench', 'bench');
    insert into community_topics (id, space_id, kind, title, body, author_org_id)
      select 't' || g, 'space', 'question', 'Q' || g, 'How?', 'p' || (1 + abs(hashint4(g * 43)) % ${P}) from generate_series(1, ${SIZES.answers}) g;
    insert into community_replies (id, topic_id, body, author_org_id, created_at)
      select 'a' || g, 't' || g, 'Like this', 'p' || (1 + abs(hashint4(g * 47)) % ${P}), timestamptz '2025-01-01' + (g % 500) * interval '1 day' from generate_series(1, ${SIZES.answers}) g;
    update community_topics set accepted_reply_id = 'a' || substr(id, 2) where substr(id, 2)::int % 3 <> 0;`)
  step('endorsements, integrations, certifications, community answers')
  // Four tracks, three tiers each, together using every requirement metric (two windows for the pipeline).
  await pg.unsafe(`
    insert into program_tracks (id, name, slug, partner_types, position) values
      ('resell', 'Resell', 'resell', '{reseller,distributor}', 0),
      ('tech', 'Technology', 'technology', '{technology,hyperscaler}', 1),
      ('services', 'Services', 'services', '{systems_integrator,msp}', 2),
      ('referral', 'Referral', 'referral', '{referral}', 3);
    insert into program_tiers (id, track_id, name, rank, org_tier)
      select t.id || '-' || r, t.id, (array['Silver','Gold','Platinum'])[r], r, (array['silver','gold','platinum'])[r]
      from program_tracks t cross join generate_series(1, 3) r;
    insert into program_requirements (id, tier_id, metric, threshold, window_days)
      select tier.id || '-' || m.metric, tier.id, m.metric, m.base * tier.rank, m.days
      from program_tiers tier join (values
        ('resell', 'sourced_pipeline', 5000000, 365), ('resell', 'closed_won_revenue', 2000000, 180), ('resell', 'active_certifications', 1, 365),
        ('tech', 'confirmed_integrations', 1, 365), ('tech', 'influenced_pipeline', 5000000, 365), ('tech', 'verified_endorsements', 2, 365),
        ('services', 'influenced_pipeline', 3000000, 180), ('services', 'active_certifications', 2, 365), ('services', 'community_accepted_answers', 1, 365),
        ('referral', 'referrals_sent', 10, 180), ('referral', 'referrals_accepted', 5, 365)
      ) as m(track, metric, base, days) on m.track = tier.track_id;`)
  step('program definitions')
  await pg.unsafe('vacuum analyze')
  step('vacuum analyze')
  console.error(`Seeded in ${((performance.now() - t0) / 1000).toFixed(1)}s`)
} else {
  console.error('Reusing the seeded bench database (--reseed to rebuild).')
  await pg.unsafe('delete from program_standings; delete from domain_events; delete from audit_log')
  await pg.unsafe('vacuum analyze')
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now()
  const out = await fn()
  return [performance.now() - t0, out]
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const TABLES = ['organizations', 'opportunities', 'referrals', 'opportunity_participants', 'endorsements', 'integrations', 'program_certifications', 'community_topics', 'community_replies']
/** Baseline: one sequential scan of each table the evaluation reads. */
async function seqScan() {
  return pg.begin(async (tx) => {
    await tx.unsafe('set local enable_indexscan = off; set local enable_indexonlyscan = off; set local enable_bitmapscan = off; set local max_parallel_workers_per_gather = 0')
    for (const table of TABLES) await tx.unsafe(`select count(*) from ${table}`)
  })
}

const now = new Date('2026-06-01T00:00:00Z')
await seqScan() // warm the cache once
// The first evaluation writes every standing and announces every proposal; later ones (the nightly steady state) rewrite the standings.
const [firstMs, first] = await time(() => evaluateAll({ now }))
const program = await loadProgram(handle.db)
const windows = windowsOf(program.flatMap((t) => t.tiers.flatMap((tier) => tier.requirements)))
const scans: number[] = []
const evaluations: number[] = []
const measures: number[] = []
let result = first
const runs = scale === 1 ? 3 : 5
for (let i = 0; i < runs; i++) {
  scans.push((await time(seqScan))[0])
  measures.push((await time(() => measureAll(handle.db, windows, now)))[0])
  const [ms, r] = await time(() => evaluateAll({ now: new Date(now.getTime() + (i + 1) * 86_400_000) }))
  evaluations.push(ms)
  result = r
}
const scan = median(scans)
const evaluation = median(evaluations)
const measure = median(measures)
const [standings] = await pg<{ pending: number; grace: number; qualified: number }[]>`
  select count(*) filter (where proposal_status = 'pending')::int as pending, count(*) filter (where grace_until is not null)::int as grace,
         count(qualified_tier_id)::int as qualified from program_standings`
console.log(
  JSON.stringify(
    {
      scale,
      sizes: SIZES,
      seqScanMs: +scan.toFixed(1),
      evaluationMs: +evaluation.toFixed(1),
      ratio: +(evaluation / scan).toFixed(2),
      target: 3,
      measureOnlyMs: +measure.toFixed(1),
      firstEvaluationMs: +firstMs.toFixed(1),
      first,
      last: result,
      standings,
    },
    null,
    2,
  ),
)
console.error(`evaluation of ${result.evaluated} partners ${evaluation.toFixed(0)} ms vs one sequential scan ${scan.toFixed(0)} ms → ratio ${(evaluation / scan).toFixed(2)}× (target ≤ 3×)`)
await closeDb()
