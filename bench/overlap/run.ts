/**
 * Account-overlap benchmark. Two partners with 100,000 accounts each (30 % overlap) and 200
 * connected partners of 5,000 accounts each (30 % of them also on the first partner's list).
 * Times the overlap matrix as the product computes it (the domain function, permission and
 * sharing checks included) against a plain SQL join of the same indexed columns in the same run,
 * and prints the ratio (target ≤ 2×); then the CSV import rate in rows per second.
 *
 *   npm run bench:overlap                         # PGlite in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:overlap   # PostgreSQL (database pe_bench_overlap)
 */
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { closeDb, db, migrate, openDatabase, queryRows, setDbHandle } from '#db/client.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { importAccountsCsv } from '#app/features/accounts/import-apply.server.ts'
import { overlapAccounts, overlapMatrix } from '#app/features/accounts/overlap.server.ts'

const SIZES = { big: 100_000, overlap: 0.3, partners: 200, partnerAccounts: 5_000, importRows: 100_000 }
const RUNS = Number(process.env.BENCH_RUNS ?? 15)

const url = process.env.DATABASE_URL
let handle
if (url) {
  const BENCH_DB = 'pe_bench_overlap'
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists "${BENCH_DB}" with (force)`)
  await admin.unsafe(`create database "${BENCH_DB}"`)
  await admin.end()
  const u = new URL(url)
  u.pathname = `/${BENCH_DB}`
  handle = openDatabase({ databaseUrl: u.toString() })
} else {
  handle = openDatabase({ inMemory: true })
}
setDbHandle(handle)
await migrate(handle)
console.log(`Database: ${handle.driver === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'}`)

const t0 = performance.now()
await db.execute(
  sql`insert into users (id, email, name, password_hash) values ('ua', 'a@bench.test', 'Bench A', 'x'), ('ub', 'b@bench.test', 'Bench B', 'x'), ('ui', 'i@bench.test', 'Bench Import', 'x')`,
)
await db.execute(sql`insert into organizations (id, kind, name, slug, status, partner_type, tier, approved_at) values
  ('A', 'partner', 'Partner A', 'partner-a', 'active', 'systems_integrator', 'gold', now()),
  ('B', 'partner', 'Partner B', 'partner-b', 'active', 'technology', 'gold', now()),
  ('I', 'partner', 'Importer', 'importer', 'active', 'reseller', 'gold', now())`)
await db.execute(sql`insert into organizations (id, kind, name, slug, status, partner_type, tier, approved_at)
  select 'c' || g, 'partner', 'Partner C' || g, 'partner-c' || g, 'active', 'msp', 'silver', now() from generate_series(1, ${SIZES.partners}) g`)
await db.execute(sql`insert into memberships (id, org_id, user_id, role) values ('ma', 'A', 'ua', 'partner_admin'), ('mb', 'B', 'ub', 'partner_admin'), ('mi', 'I', 'ui', 'partner_admin')`)
const pops = sql`(array['customer','opportunity','prospect'])[1 + abs(hashint4(g)) % 3]`
// A: acct-0 … acct-99999. B: 30 % of its accounts are A's (every third of A's first 90,000), the rest its own.
await db.execute(sql`insert into accounts (id, org_id, domain, name, population, source)
  select 'a' || g, 'A', 'acct-' || g || '.com', 'Account ' || g, ${pops}, 'seed' from generate_series(0, ${SIZES.big - 1}) g`)
const shared = Math.round(SIZES.big * SIZES.overlap)
await db.execute(sql`insert into accounts (id, org_id, domain, name, population, source)
  select 'b' || g, 'B', case when g < ${shared} then 'acct-' || (g * 3) || '.com' else 'bonly-' || g || '.com' end, 'B account ' || g,
    (array['customer','opportunity','prospect'])[1 + abs(hashint4(g * 7)) % 3], 'seed' from generate_series(0, ${SIZES.big - 1}) g`)
// 200 partners × 5,000: 30 % drawn from A's list (distinct per partner), the rest their own.
const sharedC = Math.round(SIZES.partnerAccounts * SIZES.overlap)
await db.execute(sql`insert into accounts (id, org_id, domain, name, population, source)
  select 'c' || p || '-' || g, 'c' || p,
    case when g < ${sharedC} then 'acct-' || ((g * 61 + p * 977) % ${SIZES.big}) || '.com' else 'c' || p || '-' || g || '.com' end,
    'C account ' || g, (array['customer','opportunity','prospect'])[1 + abs(hashint4(p * 100000 + g)) % 3], 'seed'
  from generate_series(1, ${SIZES.partners}) p, generate_series(0, ${SIZES.partnerAccounts - 1}) g
  on conflict (org_id, domain) do nothing`)
const all = sql`requester_share_customers, requester_share_opportunities, requester_share_prospects, recipient_share_customers, recipient_share_opportunities, recipient_share_prospects`
await db.execute(sql`insert into connections (id, requester_org_id, recipient_org_id, status, ${all}) values ('ab', 'A', 'B', 'accepted', 'names', 'names', 'names', 'names', 'names', 'names')`)
await db.execute(sql`insert into connections (id, requester_org_id, recipient_org_id, status, ${all})
  select 'ac' || g, 'A', 'c' || g, 'accepted', 'names', 'counts', 'names', 'names', 'names', 'counts' from generate_series(1, ${SIZES.partners}) g`)
await db.execute(sql`analyze accounts`)
const [{ n: totalAccounts }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from accounts`)
console.log(`Seeded ${Number(totalAccounts).toLocaleString('en-US')} accounts in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

const actorA: Actor = { userId: 'ua', email: 'a@bench.test', name: 'Bench A', orgId: 'A', orgKind: 'partner', orgStatus: 'active', orgName: 'Partner A', role: 'partner_admin' }
const actorI: Actor = { ...actorA, userId: 'ui', orgId: 'I', orgName: 'Importer' }

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await fn()
  return { ms: performance.now() - start, value }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** The baseline: the same join over the same (org_id, domain) index, no grouping, no checks. */
const plainJoin = (other: string) => queryRows<{ n: number }>(db, sql`select count(*)::int as n from accounts a join accounts b on b.org_id = ${other} and b.domain = a.domain where a.org_id = 'A'`)

// Warm up caches and plans on both sides.
for (let i = 0; i < 3; i++) {
  await overlapMatrix(actorA, 'ab')
  await plainJoin('B')
}

// 1. Two partners with 100,000 accounts each, interleaved runs.
const matrixMs: number[] = []
const joinMs: number[] = []
let matrixTotal = 0
let joinTotal = 0
for (let i = 0; i < RUNS; i++) {
  const m = await time(() => overlapMatrix(actorA, 'ab'))
  const j = await time(() => plainJoin('B'))
  matrixMs.push(m.ms)
  joinMs.push(j.ms)
  matrixTotal = m.value.cells.reduce((s, c) => s + (c.count ?? 0), 0)
  joinTotal = Number(j.value[0]!.n)
}
if (matrixTotal !== joinTotal || joinTotal !== shared) throw new Error(`Counts disagree: matrix ${matrixTotal}, join ${joinTotal}, expected ${shared}`)
const ratio1 = median(matrixMs) / median(joinMs)
console.log(`\n100,000 × 100,000 accounts, ${shared.toLocaleString('en-US')} shared (${RUNS} runs, median):`)
console.log(`  overlap matrix (domain function)  ${median(matrixMs).toFixed(1)} ms`)
console.log(`  plain SQL join, same index        ${median(joinMs).toFixed(1)} ms`)
console.log(`  ratio                             ${ratio1.toFixed(2)}×  (target ≤ 2×)`)

// 2. The 200 connected partners of 5,000 accounts: every matrix vs every plain join.
const m200 = await time(async () => {
  for (let p = 1; p <= SIZES.partners; p++) await overlapMatrix(actorA, `ac${p}`)
})
const j200 = await time(async () => {
  for (let p = 1; p <= SIZES.partners; p++) await plainJoin(`c${p}`)
})
const ratio2 = m200.ms / j200.ms
console.log(`\n200 connected partners × 5,000 accounts against A's 100,000:`)
console.log(`  200 overlap matrices              ${m200.ms.toFixed(0)} ms (${(m200.ms / SIZES.partners).toFixed(2)} ms each)`)
console.log(`  200 plain SQL joins               ${j200.ms.toFixed(0)} ms (${(j200.ms / SIZES.partners).toFixed(2)} ms each)`)
console.log(`  ratio                             ${ratio2.toFixed(2)}×  (target ≤ 2×)`)

// 3. The first page of overlapping names (with its total), for reference.
const names = await time(() => overlapAccounts(actorA, 'ab', { page: 1 }))
console.log(`\nFirst page of overlapping account names (of ${names.value.total.toLocaleString('en-US')}): ${names.ms.toFixed(1)} ms`)

// 4. CSV import: 100,000 rows, streamed, validated, staged and upserted.
function* csvChunks() {
  yield 'Company,Website,Type,Owner,Deal size\n'
  const per = 5000
  for (let s = 0; s < SIZES.importRows; s += per) {
    let chunk = ''
    for (let i = s; i < s + per; i++) chunk += `Company ${i},https://www.import-${i}.example.com/,${['customer', 'opportunity', 'prospect'][i % 3]},rep${i % 50}@importer.test,${(i % 900) * 100}\n`
    yield chunk
  }
}
async function* bytes() {
  const enc = new TextEncoder()
  for (const c of csvChunks()) yield enc.encode(c)
}
const imp = await time(() => importAccountsCsv(actorI, { filename: 'bench.csv', data: bytes(), mode: 'skip' }))
if (imp.value.status !== 'completed' || imp.value.insertedCount !== SIZES.importRows) throw new Error(`Import did not complete: ${JSON.stringify(imp.value)}`)
console.log(`\nCSV import of ${SIZES.importRows.toLocaleString('en-US')} rows: ${(imp.ms / 1000).toFixed(2)} s = ${Math.round(SIZES.importRows / (imp.ms / 1000)).toLocaleString('en-US')} rows/s`)

console.log(`\nRESULT overlap_ratio_100k=${ratio1.toFixed(2)} overlap_ratio_200x5k=${ratio2.toFixed(2)} import_rows_per_s=${Math.round(SIZES.importRows / (imp.ms / 1000))}`)
await closeDb()
