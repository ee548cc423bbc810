import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import postgres from 'postgres'
import { db, dbHandle, queryRows } from '#db/client.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { acceptReferral, startReferral, submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { createOpportunity, importOpportunitiesCsv } from '#app/features/analytics/opportunities.server.ts'

// opportunities.partner_touched_at is a rollup the summary reads instead of joining every touch.
// Database triggers keep it exact, so every write path (manual entry, CSV, snapshot import,
// referral and co-sell changes, raw SQL) is covered by construction; these tests prove it by
// comparing the column, after each kind of write, with the value computed here from scratch.

/** Opportunities whose rollup differs from a from-scratch calculation of the earliest partner touch. */
async function staleRollups(): Promise<{ id: string; stored: string | null; expected: string | null }[]> {
  return queryRows(
    db,
    sql`
    with touches as (
      select r.opportunity_id as id, r.created_at as at
      from referrals r
      join organizations f on f.id = r.from_org_id
      join organizations t on t.id = r.to_org_id
      where r.status in ('accepted', 'in_progress', 'won', 'lost') and (f.kind = 'partner' or t.kind = 'partner')
      union all
      select c.opportunity_id, coalesce(c.joined_at, 'infinity'::timestamptz)
      from opportunity_participants c join organizations g on g.id = c.org_id
      where c.status = 'accepted' and g.kind = 'partner'
    ),
    expected as (select id, min(at) as at from touches group by id)
    select o.id, o.partner_touched_at::text as stored, e.at::text as expected
    from opportunities o left join expected e on e.id = o.id
    where o.partner_touched_at is distinct from e.at`,
  )
}

async function touchedAt(id: string): Promise<string | null> {
  const [row] = await queryRows<{ at: string | null }>(db, sql`select partner_touched_at::text as at from opportunities where id = ${id}`)
  return row!.at
}

async function reset() {
  await db.execute(sql`truncate referrals, opportunity_participants, opportunity_stage_history, opportunities, analytics_imports cascade`)
  await db.execute(sql`delete from organizations where kind = 'partner'`)
}

beforeEach(reset)

describe('partner_touched_at rollup', () => {
  it('follows the snapshot import, including a re-import that changes statuses', async () => {
    const doc = (refStatus: string, coSellStatus: string) => ({
      organizations: [
        { key: 'v', name: 'Vendor', kind: 'vendor', status: 'active' },
        { key: 'a', name: 'A', kind: 'partner', type: 'systems_integrator', tier: 'gold', status: 'active', approvedAt: '2025-01-01T00:00:00Z', regions: ['EMEA'] },
        { key: 'b', name: 'B', kind: 'partner', type: 'technology', tier: 'gold', status: 'suspended', approvedAt: '2025-01-01T00:00:00Z', regions: ['NA'] },
      ],
      opportunities: [
        { key: 'o1', accountName: 'O1', amount: 100, stage: 'won', createdAt: '2026-01-01T00:00:00Z', closedAt: '2026-03-01T00:00:00Z' },
        { key: 'o2', accountName: 'O2', amount: 100, stage: 'open', createdAt: '2026-01-01T00:00:00Z' },
      ],
      referrals: [{ key: 'r1', from: 'a', to: 'b', accountName: 'O1', status: refStatus, createdAt: '2026-02-01T00:00:00Z', opportunity: 'o1' }],
      coSell: [
        { opportunity: 'o1', org: 'b', status: coSellStatus, joinedAt: '2026-01-15T00:00:00Z' },
        { opportunity: 'o2', org: 'a', status: 'accepted', joinedAt: '2026-01-20T00:00:00Z' },
      ],
    })
    const first = await importSnapshotFromCli(JSON.stringify(doc('accepted', 'invited')))
    expect(first.ok ? [] : first.problems).toEqual([])
    expect(await staleRollups()).toEqual([])
    const [o1] = await queryRows<{ id: string }>(db, sql`select id from opportunities where import_key = 'o1'`)
    const [o2] = await queryRows<{ id: string }>(db, sql`select id from opportunities where import_key = 'o2'`)
    expect(await touchedAt(o1!.id)).toBe('2026-02-01 00:00:00+00')
    expect(await touchedAt(o2!.id)).toBe('2026-01-20 00:00:00+00')

    const second = await importSnapshotFromCli(JSON.stringify(doc('declined', 'accepted')))
    expect(second.ok ? [] : second.problems).toEqual([])
    expect(await staleRollups()).toEqual([])
    expect(await touchedAt(o1!.id)).toBe('2026-01-15 00:00:00+00')
  })

  it('follows manual entry, CSV, and referral status changes through the app', async () => {
    const vendor = await createVendor()
    const a = await createPartner({ name: 'Alpha' })
    const opp = await createOpportunity(vendor.admin, { accountName: 'Globex', amount: '1000', stage: 'open' })
    expect((await importOpportunitiesCsv(vendor.admin, 'accountName,amount,stage\nInitech,500,open\n')).ok).toBe(true)
    expect(await touchedAt(opp.id)).toBeNull()

    const referral = await submitReferral(vendor.admin, {
      toOrg: a.org.slug,
      accountName: 'Globex',
      accountDomain: 'globex.com',
      need: 'Needs help with a migration.',
      estimatedValue: '1000',
      feeType: 'none',
      opportunityId: opp.id,
    })
    expect(await touchedAt(opp.id)).toBeNull() // submitted is not a touch
    await acceptReferral(a.admin, referral.id)
    expect(await touchedAt(opp.id)).not.toBeNull()
    await startReferral(a.admin, referral.id)
    expect(await touchedAt(opp.id)).not.toBeNull() // in progress is still a touch
    expect(await staleRollups()).toEqual([])
  })

  it('follows inserts, updates, deletes and truncates of referrals and participations, and a change of org kind', async () => {
    const vendor = await createVendor()
    const a = await createPartner({ name: 'Alpha' })
    const b = await createPartner({ name: 'Beta' })
    const o1 = await createOpportunity(vendor.admin, { accountName: 'One', amount: '1', stage: 'open' })
    const o2 = await createOpportunity(vendor.admin, { accountName: 'Two', amount: '1', stage: 'open' })
    const ref = (id: string, from: string, to: string, status: string, opp: string | null, at: string) =>
      db.execute(sql`insert into referrals (id, from_org_id, to_org_id, account_name, status, opportunity_id, created_at) values (${id}, ${from}, ${to}, 'x', ${status}, ${opp}, ${at}::timestamptz)`)

    await ref('r1', a.org.id, b.org.id, 'accepted', o1.id, '2026-03-01T00:00:00Z')
    await ref('r2', vendor.org.id, a.org.id, 'won', o1.id, '2026-02-01T00:00:00Z')
    await ref('r3', a.org.id, b.org.id, 'submitted', o2.id, '2026-01-01T00:00:00Z')
    expect(await touchedAt(o1.id)).toBe('2026-02-01 00:00:00+00')
    expect(await touchedAt(o2.id)).toBeNull()

    await db.execute(sql`update referrals set status = 'in_progress' where id = 'r3'`)
    expect(await touchedAt(o2.id)).toBe('2026-01-01 00:00:00+00')
    await db.execute(sql`update referrals set opportunity_id = ${o1.id} where id = 'r3'`) // moves the touch
    expect(await touchedAt(o2.id)).toBeNull()
    expect(await touchedAt(o1.id)).toBe('2026-01-01 00:00:00+00')
    await db.execute(sql`update referrals set created_at = '2026-04-01T00:00:00Z' where id = 'r3'`)
    expect(await touchedAt(o1.id)).toBe('2026-02-01 00:00:00+00')
    await db.execute(sql`delete from referrals where id = 'r2'`)
    expect(await touchedAt(o1.id)).toBe('2026-03-01 00:00:00+00')

    await db.execute(
      sql`insert into opportunity_participants (id, opportunity_id, org_id, status, joined_at) values ('c1', ${o2.id}, ${b.org.id}, 'accepted', '2026-05-01T00:00:00Z'), ('c2', ${o2.id}, ${vendor.org.id}, 'accepted', '2026-01-01T00:00:00Z')`,
    )
    expect(await touchedAt(o2.id)).toBe('2026-05-01 00:00:00+00') // the vendor's own participation is no partner touch
    // An accepted participation without joinedAt: a touch while open, never one before a close.
    await db.execute(sql`update opportunity_participants set joined_at = null where id = 'c1'`)
    expect(await touchedAt(o2.id)).toBe('infinity')
    await db.execute(sql`update opportunity_participants set status = 'declined' where id = 'c1'`)
    expect(await touchedAt(o2.id)).toBeNull()
    expect(await staleRollups()).toEqual([])

    // Whether an org is a partner decides whether its involvement is a partner touch.
    await db.execute(sql`update organizations set kind = 'vendor' where id = ${a.org.id}`)
    expect(await staleRollups()).toEqual([])
    expect(await touchedAt(o1.id)).toBe('2026-03-01 00:00:00+00') // r1 still touches through b
    await db.execute(sql`update organizations set kind = 'vendor' where id = ${b.org.id}`)
    expect(await touchedAt(o1.id)).toBeNull()
    await db.execute(sql`update organizations set kind = 'partner' where id in (${a.org.id}, ${b.org.id})`)
    expect(await touchedAt(o1.id)).toBe('2026-03-01 00:00:00+00')

    // A copied row cannot bring someone else's value along.
    await db.execute(sql`insert into opportunities (id, org_id, account_name, partner_touched_at) values ('copy', ${vendor.org.id}, 'Copy', now())`)
    expect(await touchedAt('copy')).toBeNull()

    // Deleting an opportunity unlinks its referrals (on delete set null) without trouble.
    await db.execute(sql`delete from opportunities where id = ${o1.id}`)
    expect(await staleRollups()).toEqual([])

    await db.execute(sql`truncate referrals cascade`)
    await db.execute(sql`truncate opportunity_participants cascade`)
    expect(await staleRollups()).toEqual([])
  })

  it('stays exact through a long random sequence of writes', async () => {
    const vendor = await createVendor()
    const partners = await Promise.all([1, 2, 3, 4, 5].map((i) => createPartner({ name: `P${i}` })))
    const orgs = [vendor.org.id, ...partners.map((p) => p.org.id)]
    const opps = await Promise.all(Array.from({ length: 8 }, (_, i) => createOpportunity(vendor.admin, { accountName: `O${i}`, amount: '1', stage: 'open' })))
    let seed = 7
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const pick = <T>(xs: T[]) => xs[rand(xs.length)]!
    const time = () => new Date(Date.UTC(2026, 0, 1 + rand(60))).toISOString()
    const statuses = ['submitted', 'accepted', 'declined', 'in_progress', 'won', 'lost']
    for (let step = 0; step < 120; step++) {
      const kind = rand(8)
      if (kind <= 2) {
        const from = pick(orgs)
        const to = pick(orgs.filter((o) => o !== from))
        await db.execute(
          sql`insert into referrals (id, from_org_id, to_org_id, account_name, status, opportunity_id, created_at) values (${`r${step}`}, ${from}, ${to}, 'x', ${pick(statuses)}, ${rand(5) === 0 ? null : pick(opps).id}, ${time()}::timestamptz)`,
        )
      } else if (kind === 3) {
        await db.execute(sql`update referrals set status = ${pick(statuses)} where id in (select id from referrals order by id limit 1 offset ${rand(5)})`)
      } else if (kind === 4) {
        await db.execute(sql`update referrals set opportunity_id = ${pick(opps).id}, created_at = ${time()}::timestamptz where id in (select id from referrals order by id desc limit 2)`)
      } else if (kind === 5) {
        await db.execute(sql`delete from referrals where id in (select id from referrals order by id limit 1 offset ${rand(4)})`)
      } else if (kind === 6) {
        await db.execute(
          sql`insert into opportunity_participants (id, opportunity_id, org_id, status, joined_at) values (${`c${step}`}, ${pick(opps).id}, ${pick(orgs)}, ${pick(['invited', 'accepted', 'declined'])}, ${rand(4) === 0 ? null : time()}::timestamptz) on conflict do nothing`,
        )
      } else {
        await db.execute(
          sql`update opportunity_participants set status = ${pick(['invited', 'accepted', 'declined'])}, joined_at = ${rand(3) === 0 ? null : time()}::timestamptz where id in (select id from opportunity_participants order by id limit 2 offset ${rand(3)})`,
        )
      }
      expect(await staleRollups(), `after step ${step}`).toEqual([])
    }
    const [{ touched } = { touched: 0 }] = await queryRows<{ touched: number }>(db, sql`select count(*)::int as touched from opportunities where partner_touched_at is not null`)
    expect(touched).toBeGreaterThan(0)
  })

  it.skipIf(!process.env.DATABASE_URL)('keeps the earliest touch when two transactions add touches to one opportunity at the same time (PostgreSQL)', async () => {
    const vendor = await createVendor()
    const a = await createPartner({ name: 'Alpha' })
    const b = await createPartner({ name: 'Beta' })
    const opp = await createOpportunity(vendor.admin, { accountName: 'Race', amount: '1', stage: 'open' })
    const handle = dbHandle()
    if (handle.driver !== 'postgres') throw new Error('needs PostgreSQL')
    const first = postgres(handle.url, { max: 1, onnotice: () => {} })
    const second = postgres(handle.url, { max: 1, onnotice: () => {} })
    try {
      // The first adds the earlier touch and holds its transaction open; the second adds a later
      // touch meanwhile. Computed from the second's own snapshot alone, the later one would win.
      let release!: () => void
      const held = new Promise<void>((r) => (release = r))
      let inserted!: () => void
      const firstInserted = new Promise<void>((r) => (inserted = r))
      const t1 = first.begin(async (tx) => {
        await tx`insert into referrals (id, from_org_id, to_org_id, account_name, status, opportunity_id, created_at) values ('race1', ${a.org.id}, ${b.org.id}, 'x', 'accepted', ${opp.id}, '2026-02-01T00:00:00Z')`
        inserted()
        await held
      })
      await firstInserted
      const t2 = second.begin(async (tx) => {
        await tx`insert into opportunity_participants (id, opportunity_id, org_id, status, joined_at) values ('race2', ${opp.id}, ${b.org.id}, 'accepted', '2026-03-01T00:00:00Z')`
      })
      await new Promise((r) => setTimeout(r, 300))
      release()
      await Promise.all([t1, t2])
      expect(await touchedAt(opp.id)).toBe('2026-02-01 00:00:00+00')
      expect(await staleRollups()).toEqual([])
    } finally {
      await first.end()
      await second.end()
    }
  })
})
