import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { importSnapshot, importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { formatProblem } from '#app/features/analytics/snapshot.ts'

async function tableCounts() {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*) from organizations where import_key is not null)::int as orgs,
               (select count(*) from opportunities)::int as opps,
               (select count(*) from referrals)::int as refs,
               (select count(*) from opportunity_participants)::int as cosell,
               (select count(*) from analytics_imports)::int as imports,
               (select count(*) from domain_events where type = 'analytics.snapshot_imported')::int as events`,
  )
  return row!
}

const good = {
  organizations: [
    { key: 'vendor', name: 'Vendor', kind: 'vendor', status: 'active' },
    { key: 'acme-si', name: 'Acme SI', kind: 'partner', type: 'systems_integrator', tier: 'gold', status: 'active', approvedAt: '2025-11-02T00:00:00Z', regions: ['EMEA'], industries: ['healthcare'] },
    { key: 'bolt-isv', name: 'Bolt ISV', kind: 'partner', type: 'technology', tier: 'silver', status: 'active', approvedAt: '2025-11-02T00:00:00Z', regions: ['NA'] },
  ],
  opportunities: [
    { key: 'opp-1', accountDomain: 'globex.com', accountName: 'Globex', amount: 4200000, stage: 'won', createdAt: '2026-02-01T00:00:00Z', closedAt: '2026-04-15T00:00:00Z', sourcedBy: 'acme-si' },
    { key: 'opp-2', accountName: 'Initech', amount: 1000, stage: 'open', createdAt: '2026-02-01T00:00:00Z' },
  ],
  referrals: [
    {
      key: 'ref-1',
      from: 'acme-si',
      to: 'bolt-isv',
      accountDomain: 'globex.com',
      accountName: 'Globex',
      estimatedValue: 500000,
      status: 'won',
      createdAt: '2026-02-03T00:00:00Z',
      closedAt: '2026-03-30T00:00:00Z',
      wonAmount: 450000,
      opportunity: 'opp-1',
    },
  ],
  coSell: [{ opportunity: 'opp-1', org: 'bolt-isv', status: 'accepted', joinedAt: '2026-02-10T00:00:00Z' }],
}

describe('snapshot import', () => {
  it('refuses a bad snapshot whole, listing every problem by record key and field, and writes nothing', async () => {
    const before = await tableCounts()
    const bad = {
      organizations: [
        ...good.organizations,
        { key: 'other-vendor', name: 'Second vendor', kind: 'vendor' },
        { key: 'acme-si', name: 'Duplicate', kind: 'partner', type: 'reseller' },
        { key: 'weird', name: 'Weird', kind: 'partner', tier: 'diamond', approvedAt: '2025-13-45' },
      ],
      opportunities: [
        ...good.opportunities,
        { key: 'neg', accountName: 'N', amount: -5, stage: 'open', createdAt: '2026-01-01T00:00:00Z' },
        { key: 'bad-date', accountName: 'B', amount: 5, stage: 'won', createdAt: 'yesterday', closedAt: '2026-02-30T00:00:00Z' },
        { key: 'unknown-source', accountName: 'U', amount: 5, stage: 'open', createdAt: '2026-01-01T00:00:00Z', sourcedBy: 'nobody' },
      ],
      referrals: [
        ...good.referrals,
        { key: 'won-no-amount', from: 'acme-si', to: 'bolt-isv', status: 'won', createdAt: '2026-02-03T00:00:00Z', closedAt: '2026-03-01T00:00:00Z' },
        { key: 'ghost', from: 'ghost-org', to: 'bolt-isv', status: 'submitted', createdAt: '2026-02-03T00:00:00Z', opportunity: 'opp-404' },
        { key: 'self', from: 'bolt-isv', to: 'bolt-isv', status: 'maybe', createdAt: '2026-02-03T00:00:00Z' },
      ],
      coSell: [...good.coSell, { opportunity: 'opp-1', org: 'bolt-isv', status: 'accepted', joinedAt: '2026-02-11T00:00:00Z' }, { opportunity: 'opp-2', org: 'acme-si', status: 'accepted' }],
    }
    const result = await importSnapshotFromCli(JSON.stringify(bad))
    expect(result.ok).toBe(false)
    if (result.ok) return
    const lines = result.problems.map(formatProblem)
    const expectLine = (re: RegExp) =>
      expect(
        lines.some((l) => re.test(l)),
        `${re} in\n${lines.join('\n')}`,
      ).toBe(true)
    expectLine(/^organizations vendor · kind: only one organization may be the vendor/)
    expectLine(/^organizations other-vendor · kind: only one organization may be the vendor/)
    expectLine(/^organizations acme-si · key: is used by 2 records/)
    expectLine(/^organizations weird · tier: must be one of/)
    expectLine(/^organizations weird · approvedAt: .*not an ISO 8601 time/)
    expectLine(/^opportunities neg · amount: must not be negative/)
    expectLine(/^opportunities bad-date · createdAt: .*not an ISO 8601 time/)
    expectLine(/^opportunities bad-date · closedAt: .*not an ISO 8601 time/)
    expectLine(/^opportunities unknown-source · sourcedBy: refers to unknown organization "nobody"/)
    expectLine(/^referrals won-no-amount · wonAmount: is required when the status is won/)
    expectLine(/^referrals ghost · from: refers to unknown organization "ghost-org"/)
    expectLine(/^referrals ghost · opportunity: refers to unknown opportunity "opp-404"/)
    expectLine(/^referrals self · status: must be one of/)
    expectLine(/^coSell opp-1\/bolt-isv · opportunity\/org: appears in 2 records/)
    expectLine(/^coSell opp-2\/acme-si · joinedAt: is required when the status is accepted/)
    expect(await tableCounts()).toEqual(before)
  })

  it('refuses a file that is not JSON, and one without a vendor', async () => {
    const notJson = await importSnapshotFromCli('{"organizations": [')
    expect(notJson.ok).toBe(false)
    expect(!notJson.ok && formatProblem(notJson.problems[0]!)).toMatch(/not valid JSON/)
    const noVendor = await importSnapshotFromCli(JSON.stringify({ organizations: [good.organizations[1]] }))
    expect(!noVendor.ok && noVendor.problems.map(formatProblem).join('\n')).toMatch(/exactly one organization of kind "vendor"/)
  })

  it('imports in one go, and re-importing the same file changes nothing', async () => {
    const first = await importSnapshotFromCli(JSON.stringify(good), { fileName: 'good.json' })
    expect(first.ok).toBe(true)
    if (!first.ok) return
    expect(first.counts.organizations.inserted).toBe(3)
    expect(first.counts.opportunities).toEqual({ inserted: 2, updated: 0, unchanged: 0 })
    expect(first.counts.referrals).toEqual({ inserted: 1, updated: 0, unchanged: 0 })
    expect(first.counts.coSell).toEqual({ inserted: 1, updated: 0, unchanged: 0 })
    const snapshotOf = () =>
      queryRows(
        db,
        sql`select o.import_key, o.amount, o.stage, o.created_at, o.closed_at, o.updated_at, s.import_key as sourced
            from opportunities o left join organizations s on s.id = o.sourced_by_org_id order by o.import_key`,
      )
    const rowsBefore = await snapshotOf()
    const refsBefore = await queryRows(db, sql`select * from referrals order by import_key`)
    const countsBefore = await tableCounts()

    const again = await importSnapshotFromCli(JSON.stringify(good), { fileName: 'good.json' })
    expect(again.ok && again.counts).toEqual({
      organizations: { inserted: 0, updated: 0, unchanged: 3 },
      opportunities: { inserted: 0, updated: 0, unchanged: 2 },
      referrals: { inserted: 0, updated: 0, unchanged: 1 },
      coSell: { inserted: 0, updated: 0, unchanged: 1 },
    })
    expect(await snapshotOf()).toEqual(rowsBefore)
    expect(await queryRows(db, sql`select * from referrals order by import_key`)).toEqual(refsBefore)
    const countsAfter = await tableCounts()
    expect({ ...countsAfter, imports: 0, events: 0 }).toEqual({ ...countsBefore, imports: 0, events: 0 })
    expect(rowsBefore.find((r) => r.import_key === 'opp-2')).toMatchObject({ stage: 'prospect' })

    // A changed record is updated in place, by its key.
    const changed = structuredClone(good)
    changed.opportunities[1]!.amount = 2000
    const third = await importSnapshotFromCli(JSON.stringify(changed))
    expect(third.ok && third.counts.opportunities).toEqual({ inserted: 0, updated: 1, unchanged: 1 })
    const [row] = await queryRows<{ amount: string | number }>(db, sql`select amount from opportunities where import_key = 'opp-2'`)
    expect(Number(row!.amount)).toBe(2000)
  })

  it('maps the snapshot vendor to the platform vendor and lets only the vendor admin upload', async () => {
    const { admin, member } = await createVendor()
    const partner = await createPartner()
    await expect(importSnapshot(member, JSON.stringify(good), {})).rejects.toMatchObject({ code: 'forbidden' })
    await expect(importSnapshot(partner.admin, JSON.stringify(good), {})).rejects.toMatchObject({ code: 'forbidden' })
    const progress: number[] = []
    const result = await importSnapshot(admin, JSON.stringify(good), { onProgress: (p) => void progress.push(p.done) })
    expect(result.ok).toBe(true)
    expect(progress.length).toBeGreaterThan(2)
    const vendors = await queryRows(db, sql`select id from organizations where kind = 'vendor'`)
    expect(vendors).toHaveLength(1)
    const [opp] = await queryRows<{ org_id: string }>(db, sql`select org_id from opportunities where import_key = 'opp-1'`)
    expect(opp!.org_id).toBe(admin.orgId)
  })

  it('stores account domains under the one matching key, and keeps a value that is no domain as written', async () => {
    const { admin } = await createVendor()
    const snapshot = {
      ...good,
      opportunities: [
        { ...good.opportunities[0]!, accountDomain: 'https://WWW.Globex.com/about' },
        { ...good.opportunities[1]!, accountDomain: 'not a domain' },
      ],
      referrals: [{ ...good.referrals[0]!, accountDomain: 'www.globex.com.' }],
    }
    const result = await importSnapshot(admin, JSON.stringify(snapshot), {})
    expect(result.ok).toBe(true)
    const opps = await queryRows<{ import_key: string; account_domain: string }>(db, sql`select import_key, account_domain from opportunities order by import_key`)
    expect(opps).toEqual([
      { import_key: 'opp-1', account_domain: 'globex.com' },
      { import_key: 'opp-2', account_domain: 'not a domain' },
    ])
    const [ref] = await queryRows<{ account_domain: string }>(db, sql`select account_domain from referrals where import_key = 'ref-1'`)
    expect(ref!.account_domain).toBe('globex.com')
  })
})
