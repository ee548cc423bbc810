import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { createVendor } from '#tests/factories/index.ts'
import { importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { partnershipHealthMany } from '#app/features/partnerships/health.server.ts'
import { partnershipHealthPage, vendorPortfolio } from '#app/features/partnerships/portfolio.server.ts'
import { healthFixture } from '#app/features/partnerships/testing/fixture.ts'
import { updateVendorSettings } from '#app/features/settings/vendor-settings.server.ts'

const VALID_SETTINGS = { remindAfterHours: '48', expireAfterHours: '120', feeType: 'none', onboardingSteps: ['profile'] }

let vendor: Awaited<ReturnType<typeof createVendor>>
const at = new Date('2026-04-10T00:00:00Z')

beforeAll(async () => {
  vendor = await createVendor()
  const result = await importSnapshotFromCli(JSON.stringify(healthFixture()), {})
  if (!result.ok) throw new Error('fixture did not import')
})

describe('partnership portfolio', () => {
  it('ranks strategic partnerships weakest first with their warnings and what needs action, with the health figures unchanged', async () => {
    const portfolio = await vendorPortfolio(vendor.member, { at })
    // ps2 is not strategic; ps3 has two warnings (in name only, drifting), ps4 and ps1 none (ps4 has no target: lowest attainment).
    expect(portfolio.rows.map((r) => r.health.partnership)).toEqual(['hv-ps3', 'hv-ps4', 'hv-ps1'])
    const [ps3, ps4, ps1] = portfolio.rows
    expect(ps3!.warnings.map((w) => w.kind)).toEqual(['drifting', 'in_name_only'])
    expect(ps3!.warnings[1]!.text).toBe('Strategic in name only: no active signed plan.')
    expect(ps4!.warnings).toEqual([])
    expect(ps1!.warnings).toEqual([])
    // ps1: c5 is open past due (the vendor's), v3 was never held, version 3 is a draft.
    expect(ps1!.actions.map((a) => a.text)).toEqual(['1 overdue commitment owned by Vendor Co', 'Review scheduled for 2026-01-15 not held yet', 'Plan version 3 awaits both sign-offs'])
    expect(ps4!.actions.map((a) => a.kind)).toEqual(['no_review'])
    const ids = portfolio.rows.map((r) => r.id)
    const direct = await partnershipHealthMany(db, ids, at)
    for (const r of portfolio.rows) expect(r.health).toEqual(direct.get(r.id))

    // A lower asymmetry threshold (the vendor's stored setting) flags ps1 (0.40 against 0.67), which moves it up.
    expect(portfolio.asymmetryWarning).toBe(0.3)
    await updateVendorSettings(vendor.admin, { ...VALID_SETTINGS, asymmetryWarningPercent: '20' })
    const strict = await vendorPortfolio(vendor.member, { at })
    expect(strict.asymmetryWarning).toBe(0.2)
    expect(strict.rows.map((r) => r.health.partnership)).toEqual(['hv-ps3', 'hv-ps1', 'hv-ps4'])
    expect(strict.rows[1]!.warnings[0]!.text).toBe('Asymmetric: Vendor Co met 40% of its commitments on time, HV Acme 67%.')
    await updateVendorSettings(vendor.admin, { ...VALID_SETTINGS, asymmetryWarningPercent: '30' })
  })

  it('pages the ranking and lists one partnership’s overdue commitments', async () => {
    const page2 = await vendorPortfolio(vendor.admin, { at, pageSize: 2, page: 2 })
    expect(page2).toMatchObject({ total: 3, page: 2, pageCount: 2, firstRank: 3 })
    expect(page2.rows.map((r) => r.health.partnership)).toEqual(['hv-ps1'])
    const [ps1] = await queryRows<{ id: string }>(db, sql`select id from partnerships where import_key = 'hv-ps1'`)
    const detail = await partnershipHealthPage(vendor.member, ps1!.id, { at })
    expect(detail.overdue.map((c) => c.title)).toEqual(['Open past due'])
  })

  it('keeps the figures as of now per data version: repeated requests reuse them, and a commitment change shows up at once', async () => {
    const first = await vendorPortfolio(vendor.member)
    const again = await vendorPortfolio(vendor.member)
    // Served from the cache: computed once, at the same instant.
    expect(again.at).toBe(first.at)
    expect(again.rows).toEqual(first.rows)
    const [open] = await queryRows<{ id: string; pid: string }>(
      db,
      sql`select c.id, pl.partnership_id as pid from partnership_commitments c join partnership_plans pl on pl.id = c.plan_id
          where pl.signed_at is not null and c.status = 'open' and c.due_at < now() order by c.id limit 1`,
    )
    const overdue = (p: Awaited<ReturnType<typeof vendorPortfolio>>) => p.rows.find((r) => r.id === open!.pid)!.overdue
    const before = overdue(first)
    // A write made anywhere (here: plain SQL, as another node or a script would) bumps the data version in its transaction.
    await db.execute(sql`update partnership_commitments set status = 'met', met_at = due_at where id = ${open!.id}`)
    const after = await vendorPortfolio(vendor.member)
    expect(after.at >= first.at).toBe(true)
    expect(overdue(after).A + overdue(after).B).toBe(before.A + before.B - 1)
    // Health pages of one partnership and a partner's own list follow the same version.
    const detail = await partnershipHealthPage(vendor.member, open!.pid)
    expect(detail.overdue.map((c) => c.id)).not.toContain(open!.id)
  })
})
