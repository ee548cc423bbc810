import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import postgres from 'postgres'
import { db, dbHandle, queryRows } from '#db/client.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { evaluateAll } from '#app/features/programs/evaluation.server.ts'
import { measureAll, measured, splitByMonths } from '#app/features/programs/measure.server.ts'

// program_pipeline_months keeps the pipeline pairs' sums per partner and calendar month (UTC), and
// program_referral_months the referrals each partner sent per month; the evaluation reads a
// trailing window as its whole months' sums plus the rows of its partial months. These tests
// compare both with independent calculations: the monthly sums with the pairs (or referrals)
// summed here from scratch after every kind of write, and every window's measured values with the
// rows filtered here, in plain code, by the exact window bounds — as the window moves across month
// boundaries day by day and at odd hours.

const DAY = 86_400_000
const WINDOWS = [1, 7, 30, 31, 45, 90, 365]

/** (month, org) sums that differ between the table (all its rows, compacted or not) and the pairs summed from scratch. */
async function staleMonths() {
  return queryRows<{ month: string; org_id: string; stored: string | null; expected: string | null }>(
    db,
    sql`
    with stored as (
      select month, org_id, sum(sourced)::bigint as s, sum(influenced)::bigint as i, sum(won)::bigint as w
      from program_pipeline_months group by month, org_id
    ),
    expected as (
      select month, org_id, sum(s)::bigint as s, sum(i)::bigint as i, sum(w)::bigint as w from (
        select date_trunc('month', created_at, 'UTC') as month, org_id,
          case when sourced then amount else 0 end as s, case when not partner_sourced then amount else 0 end as i, 0 as w
        from program_pipeline_pairs
        union all
        select date_trunc('month', closed_at, 'UTC'), org_id, 0, 0, amount from program_pipeline_pairs where won and closed_at is not null
      ) x group by month, org_id
    )
    select coalesce(a.month, b.month)::text as month, coalesce(a.org_id, b.org_id) as org_id, (a.s, a.i, a.w)::text as stored, (b.s, b.i, b.w)::text as expected
    from stored a full join expected b on a.month = b.month and a.org_id = b.org_id
    where coalesce(a.s, 0) <> coalesce(b.s, 0) or coalesce(a.i, 0) <> coalesce(b.i, 0) or coalesce(a.w, 0) <> coalesce(b.w, 0)`,
  )
}

type Pair = { org_id: string; sourced: boolean; partner_sourced: boolean; won: boolean; amount: string; created_at: Date | string; closed_at: Date | string | null }

/** Every (metric, window, org) whose measured value differs from the pairs summed here by the exact bounds [now − d days, now). */
async function wrongWindows(now: Date) {
  const pairs = await queryRows<Pair>(db, sql`select org_id, sourced, partner_sourced, won, amount, created_at, closed_at from program_pipeline_pairs`)
  const m = await measureAll(db, { sourced_pipeline: WINDOWS, influenced_pipeline: WINDOWS, closed_won_revenue: WINDOWS }, now)
  const orgs = [...new Set(pairs.map((p) => p.org_id))]
  const wrong: string[] = []
  let nonZero = 0
  for (const days of WINDOWS) {
    const from = now.getTime() - days * DAY
    const inWindow = (t: Date | string | null) => t !== null && new Date(t).getTime() >= from && new Date(t).getTime() < now.getTime()
    for (const org of orgs) {
      const mine = pairs.filter((p) => p.org_id === org)
      const want = {
        sourced_pipeline: mine.filter((p) => p.sourced && inWindow(p.created_at)).reduce((s, p) => s + Number(p.amount), 0),
        influenced_pipeline: mine.filter((p) => !p.partner_sourced && inWindow(p.created_at)).reduce((s, p) => s + Number(p.amount), 0),
        closed_won_revenue: mine.filter((p) => p.won && inWindow(p.closed_at)).reduce((s, p) => s + Number(p.amount), 0),
      }
      for (const [metric, value] of Object.entries(want) as [keyof typeof want, number][]) {
        if (value !== 0) nonZero++
        const got = measured(m, org, metric, days)
        if (got !== value) wrong.push(`${metric}:${days} ${org} as of ${now.toISOString()}: measured ${got}, expected ${value}`)
      }
    }
  }
  return { wrong, nonZero }
}

/** The moments the windows are measured at: day by day across two month ends, at the nightly hour and at odd ones, and exactly at a month's start. */
const MOMENTS = [
  ...Array.from({ length: 8 }, (_, i) => new Date(Date.parse('2026-02-26T02:07:00Z') + i * DAY)),
  new Date('2026-03-01T00:00:00Z'),
  new Date('2026-03-31T23:59:59.999Z'),
  new Date('2026-04-01T00:00:00Z'),
  new Date('2026-04-15T13:30:00Z'),
  new Date('2025-12-01T00:00:00Z'), // before most of the data
]

async function reset() {
  await db.execute(sql`truncate referrals, opportunity_participants, opportunity_stage_history, opportunities, analytics_imports cascade`)
  await db.execute(sql`delete from organizations where kind = 'partner'`)
}

beforeEach(reset)

describe('splitByMonths', () => {
  it('covers each window exactly with whole months and the stretches at its ends', () => {
    const now = new Date('2026-03-02T02:07:00Z')
    const split = splitByMonths(now, [1, 7, 45, 365])
    expect(split.monthsTo.toISOString()).toBe('2026-03-01T00:00:00.000Z')
    expect(split.windows.map((w) => w.monthsFrom.toISOString())).toEqual([
      '2026-03-01T00:00:00.000Z', // one day: no whole month, read row by row
      '2026-03-01T00:00:00.000Z', // a week reaching into February: no whole month either
      '2026-02-01T00:00:00.000Z',
      '2025-04-01T00:00:00.000Z',
    ])
    expect(split.monthsFrom.toISOString()).toBe('2025-04-01T00:00:00.000Z')
    expect(split.edges.map(([a, b]) => [a.toISOString(), b.toISOString()])).toEqual([
      ['2025-03-02T02:07:00.000Z', '2025-04-01T00:00:00.000Z'],
      ['2026-01-16T02:07:00.000Z', '2026-02-01T00:00:00.000Z'],
      ['2026-02-23T02:07:00.000Z', '2026-03-02T02:07:00.000Z'], // the week, which includes the day and the month so far
    ])
    // A window starting exactly at a month's start has no stretch before it.
    const aligned = splitByMonths(new Date('2026-06-01T00:00:00Z'), [365])
    expect(aligned.edges).toEqual([])
    expect(aligned.monthsFrom.toISOString()).toBe('2025-06-01T00:00:00.000Z')
  })
})

/** A repeatable random stream, and times from it spread over four months, at any minute, many near the month ends. */
function seededRandom(seed: number) {
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
  }
  const pick = <T>(xs: T[]) => xs[rand(xs.length)]!
  const time = () => {
    const base =
      rand(3) === 0 ? Date.parse(pick(['2026-01-31T12:00:00Z', '2026-02-28T12:00:00Z', '2026-03-31T12:00:00Z'])) + (rand(48) - 24) * 3_600_000 : Date.parse('2025-12-20T00:00:00Z') + rand(120) * DAY
    return new Date(base + rand(1440) * 60_000).toISOString()
  }
  return { rand, pick, time }
}

describe('program_pipeline_months', () => {
  it('stays exact through inserts, updates, deletes and compactions, and every window measured from it equals the pairs summed by its exact bounds', async () => {
    const vendor = await createVendor()
    const partners = await Promise.all([1, 2, 3, 4].map((i) => createPartner({ name: `M${i}` })))
    const orgs = partners.map((p) => p.org.id)
    const { rand, pick, time } = seededRandom(7)
    const opps = Array.from({ length: 14 }, (_, i) => `mo${i}`)
    for (const id of opps) {
      const won = rand(2) === 0
      await db.execute(
        sql`insert into opportunities (id, org_id, account_name, amount, stage, sourced_by_org_id, created_at, closed_at)
            values (${id}, ${vendor.org.id}, ${id}, ${1 + rand(1000)}, ${won ? 'won' : 'qualified'}, ${rand(2) === 0 ? pick(orgs) : null}, ${time()}::timestamptz, ${won ? time() : null}::timestamptz)`,
      )
    }
    const statuses = ['submitted', 'accepted', 'in_progress', 'won', 'lost', 'declined']
    const checked = { steps: 0, nonZero: 0 }
    for (let step = 0; step < 60; step++) {
      const kind = rand(8)
      if (kind <= 1) {
        const from = pick(orgs)
        await db.execute(
          sql`insert into referrals (id, from_org_id, to_org_id, account_name, status, opportunity_id, created_at)
              values (${`mr${step}`}, ${from}, ${pick(orgs.filter((o) => o !== from))}, 'x', ${pick(statuses)}, ${pick(opps)}, ${time()}::timestamptz)`,
        )
      } else if (kind === 2) {
        await db.execute(
          sql`insert into opportunity_participants (id, opportunity_id, org_id, status, joined_at)
              values (${`mc${step}`}, ${pick(opps)}, ${pick(orgs)}, 'accepted', ${time()}::timestamptz) on conflict do nothing`,
        )
      } else if (kind === 3) {
        // A close (or reopening) moving across a month boundary, and the amount changing.
        const won = rand(3)
        await db.execute(
          sql`update opportunities set stage = ${won === 0 ? 'qualified' : won === 1 ? 'lost' : 'won'}, closed_at = ${won === 0 ? null : time()}::timestamptz, amount = ${rand(1000)} where id = ${pick(opps)}`,
        )
      } else if (kind === 4) {
        await db.execute(sql`update opportunities set created_at = ${time()}::timestamptz, sourced_by_org_id = ${rand(2) === 0 ? pick(orgs) : null} where id = ${pick(opps)}`)
      } else if (kind === 5) {
        await db.execute(sql`update referrals set status = ${pick(statuses)} where id in (select id from referrals order by id limit 2 offset ${rand(3)})`)
      } else if (kind === 6) {
        await db.execute(sql`delete from referrals where id in (select id from referrals order by id limit 1 offset ${rand(3)})`)
      } else {
        // The pairs' own table written directly: an update, as a maintenance job might.
        await db.execute(sql`update program_pipeline_pairs set amount = amount + 1 where opportunity_id = ${pick(opps)}`)
      }
      if (rand(4) === 0) await db.execute(sql`select program_compact_pipeline_months()`)
      expect(await staleMonths(), `after step ${step}`).toEqual([])
      if (step % 12 === 11) {
        for (const now of MOMENTS) {
          const { wrong, nonZero } = await wrongWindows(now)
          expect(wrong, `after step ${step}`).toEqual([])
          checked.nonZero += nonZero
        }
        checked.steps++
      }
    }
    expect(checked.steps).toBe(5)
    expect(checked.nonZero).toBeGreaterThan(100) // the windows did hold pipeline (not a comparison of zeros)

    // Compacted: one row per (month, org), the same sums, and the windows unchanged.
    await db.execute(sql`select program_compact_pipeline_months()`)
    const [{ rows, keys, fresh } = { rows: -1, keys: -2, fresh: -1 }] = await queryRows<{ rows: number; keys: number; fresh: number }>(
      db,
      sql`select count(*)::int as rows, count(distinct (month, org_id))::int as keys, count(*) filter (where not compacted)::int as fresh from program_pipeline_months`,
    )
    expect([rows, fresh]).toEqual([keys, 0])
    expect(await staleMonths()).toEqual([])
    for (const now of MOMENTS) expect((await wrongWindows(now)).wrong).toEqual([])

    // Deleting opportunities cascades to their pairs and out of the months; a truncate empties them.
    await db.execute(sql`delete from opportunities where id in ('mo1', 'mo2', 'mo3')`)
    expect(await staleMonths()).toEqual([])
    for (const now of MOMENTS.slice(0, 3)) expect((await wrongWindows(now)).wrong).toEqual([])
    await db.execute(sql`truncate opportunities cascade`)
    const [{ left } = { left: -1 }] = await queryRows<{ left: number }>(db, sql`select count(*)::int as left from program_pipeline_months`)
    expect(left).toBe(0)
  })

  it.skipIf(!process.env.DATABASE_URL)('two transactions adding to the same partner and month do not wait for each other here, and both count (PostgreSQL)', async () => {
    const vendor = await createVendor()
    const a = await createPartner({ name: 'Busy' })
    await db.execute(
      sql`insert into opportunities (id, org_id, account_name, amount, stage, created_at) values ('busy1', ${vendor.org.id}, 'busy1', 100, 'qualified', '2026-02-10T10:00:00Z'), ('busy2', ${vendor.org.id}, 'busy2', 20, 'qualified', '2026-02-11T10:00:00Z')`,
    )
    const handle = dbHandle()
    if (handle.driver !== 'postgres') throw new Error('needs PostgreSQL')
    const first = postgres(handle.url, { max: 1, onnotice: () => {} })
    const second = postgres(handle.url, { max: 1, onnotice: () => {} })
    // Pairs written directly: writes to opportunities, referrals and participations already take
    // turns on the analytics data version; this is about the months table alone.
    const add = (tx: postgres.TransactionSql, id: string, amount: number) =>
      tx`insert into program_pipeline_pairs (opportunity_id, org_id, sourced, partner_sourced, won, amount, created_at) values (${id}, ${a.org.id}, true, true, false, ${amount}, '2026-02-10T10:00:00Z')`
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    try {
      let added!: () => void
      const firstAdded = new Promise<void>((r) => (added = r))
      const t1 = first.begin(async (tx) => {
        await add(tx, 'busy1', 100)
        added()
        await held
      })
      await firstAdded
      // The first transaction is still open with its row for (February, Busy) appended: the second
      // commits its own without waiting (an upsert of one shared row would wait for the first here).
      await second.begin(async (tx) => {
        await tx`set local lock_timeout = '3s'`
        await add(tx, 'busy2', 20)
      })
      release()
      await t1
      expect(await staleMonths()).toEqual([])
      const m = await measureAll(db, { sourced_pipeline: [90] }, new Date('2026-04-01T00:00:00Z'))
      expect(measured(m, a.org.id, 'sourced_pipeline', 90)).toBe(120)
    } finally {
      release()
      await first.end()
      await second.end()
    }
  })

  it('the evaluation folds the appended rows before it measures', async () => {
    const vendor = await createVendor()
    const a = await createPartner({ name: 'Folded' })
    await db.execute(
      sql`insert into opportunities (id, org_id, account_name, amount, stage, sourced_by_org_id, created_at, closed_at)
          values ('f1', ${vendor.org.id}, 'f1', 500, 'won', ${a.org.id}, '2026-02-10T10:00:00Z', '2026-03-05T10:00:00Z'),
                 ('f2', ${vendor.org.id}, 'f2', 700, 'qualified', ${a.org.id}, '2026-02-11T10:00:00Z', null)`,
    )
    await db.execute(sql`update opportunities set amount = 900 where id = 'f2'`)
    const b = await createPartner({ name: 'Receiver' })
    await db.execute(sql`insert into referrals (id, from_org_id, to_org_id, account_name, status, created_at) values ('fr1', ${a.org.id}, ${b.org.id}, 'x', 'accepted', '2026-02-12T10:00:00Z')`)
    const fresh = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select ((select count(*) from program_pipeline_months where not compacted) + (select count(*) from program_referral_months where not compacted))::int as n`,
        )
      )[0]!.n
    expect(await fresh()).toBeGreaterThan(0)
    const result = await evaluateAll({ now: new Date('2026-04-01T02:00:00Z') })
    expect(result.skipped).toBe(false)
    expect(await fresh()).toBe(0)
    expect(await staleMonths()).toEqual([])
    expect(await staleReferralMonths()).toEqual([])
    expect((await wrongWindows(new Date('2026-04-01T02:00:00Z'))).wrong).toEqual([])
    expect((await wrongReferralWindows(new Date('2026-04-01T02:00:00Z'))).wrong).toEqual([])
  })
})

/** (month, org) counts that differ between program_referral_months (all its rows) and the referrals counted from scratch. */
async function staleReferralMonths() {
  return queryRows<{ month: string; org_id: string; stored: string | null; expected: string | null }>(
    db,
    sql`
    with stored as (select month, org_id, sum(sent)::int as s, sum(accepted)::int as a from program_referral_months group by month, org_id),
    expected as (
      select date_trunc('month', created_at, 'UTC') as month, from_org_id as org_id, count(*)::int as s,
        (count(*) filter (where status in ('accepted', 'in_progress', 'won', 'lost')))::int as a
      from referrals group by 1, 2
    )
    select coalesce(a.month, b.month)::text as month, coalesce(a.org_id, b.org_id) as org_id, (a.s, a.a)::text as stored, (b.s, b.a)::text as expected
    from stored a full join expected b on a.month = b.month and a.org_id = b.org_id
    where coalesce(a.s, 0) <> coalesce(b.s, 0) or coalesce(a.a, 0) <> coalesce(b.a, 0)`,
  )
}

/** Every (metric, window, org) whose measured referral count differs from the referrals counted here by the exact bounds. */
async function wrongReferralWindows(now: Date) {
  const refs = await queryRows<{ from_org_id: string; status: string; created_at: Date | string }>(db, sql`select from_org_id, status, created_at from referrals`)
  const m = await measureAll(db, { referrals_sent: WINDOWS, referrals_accepted: WINDOWS }, now)
  const wrong: string[] = []
  let nonZero = 0
  for (const days of WINDOWS) {
    const from = now.getTime() - days * DAY
    const inWindow = (t: Date | string) => new Date(t).getTime() >= from && new Date(t).getTime() < now.getTime()
    for (const org of new Set(refs.map((r) => r.from_org_id))) {
      const mine = refs.filter((r) => r.from_org_id === org && inWindow(r.created_at))
      const want = { referrals_sent: mine.length, referrals_accepted: mine.filter((r) => ['accepted', 'in_progress', 'won', 'lost'].includes(r.status)).length }
      for (const [metric, value] of Object.entries(want) as [keyof typeof want, number][]) {
        if (value !== 0) nonZero++
        const got = measured(m, org, metric, days)
        if (got !== value) wrong.push(`${metric}:${days} ${org} as of ${now.toISOString()}: measured ${got}, expected ${value}`)
      }
    }
  }
  return { wrong, nonZero }
}

describe('program_referral_months', () => {
  it('stays exact through inserts, updates, deletes and compactions, and every window equals the referrals counted by its exact bounds', async () => {
    await createVendor()
    const partners = await Promise.all([1, 2, 3, 4].map((i) => createPartner({ name: `R${i}` })))
    const orgs = partners.map((p) => p.org.id)
    const { rand, pick, time } = seededRandom(5)
    const statuses = ['submitted', 'accepted', 'in_progress', 'won', 'lost', 'declined']
    let nonZero = 0
    for (let step = 0; step < 50; step++) {
      const kind = rand(6)
      if (kind <= 2) {
        const from = pick(orgs)
        const n = 1 + rand(3) // several rows in one statement
        for (let i = 0; i < n; i++) {
          await db.execute(
            sql`insert into referrals (id, from_org_id, to_org_id, account_name, status, created_at)
                values (${`rm${step}-${i}`}, ${from}, ${pick(orgs.filter((o) => o !== from))}, 'x', ${pick(statuses)}, ${time()}::timestamptz)`,
          )
        }
      } else if (kind === 3) {
        await db.execute(sql`update referrals set status = ${pick(statuses)} where id in (select id from referrals order by id limit 3 offset ${rand(4)})`)
      } else if (kind === 4) {
        // Moved across a month boundary, or to another sender (the receiver stays distinct).
        await db.execute(sql`update referrals set created_at = ${time()}::timestamptz where id in (select id from referrals order by id desc limit 2)`)
        await db.execute(sql`update referrals set from_org_id = to_org_id, to_org_id = from_org_id where id in (select id from referrals order by id limit 1 offset ${rand(3)})`)
      } else {
        await db.execute(sql`delete from referrals where id in (select id from referrals order by id limit 1 offset ${rand(4)})`)
      }
      if (rand(4) === 0) await db.execute(sql`select program_compact_referral_months()`)
      expect(await staleReferralMonths(), `after step ${step}`).toEqual([])
      if (step % 10 === 9) {
        for (const now of MOMENTS) {
          const r = await wrongReferralWindows(now)
          expect(r.wrong, `after step ${step}`).toEqual([])
          nonZero += r.nonZero
        }
      }
    }
    expect(nonZero).toBeGreaterThan(100)
    await db.execute(sql`select program_compact_referral_months()`)
    const [{ rows, keys, fresh } = { rows: -1, keys: -2, fresh: -1 }] = await queryRows<{ rows: number; keys: number; fresh: number }>(
      db,
      sql`select count(*)::int as rows, count(distinct (month, org_id))::int as keys, count(*) filter (where not compacted)::int as fresh from program_referral_months`,
    )
    expect([rows, fresh]).toEqual([keys, 0])
    for (const now of MOMENTS) expect((await wrongReferralWindows(now)).wrong).toEqual([])
    await db.execute(sql`truncate referrals cascade`)
    const [{ left } = { left: -1 }] = await queryRows<{ left: number }>(db, sql`select count(*)::int as left from program_referral_months`)
    expect(left).toBe(0)
  })
})
