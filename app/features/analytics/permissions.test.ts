import { describe, expect, it } from 'vitest'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { loader as summaryApi } from '#app/routes/api.v1.analytics.summary.ts'
import { getDashboard } from '#app/features/analytics/dashboard.server.ts'
import { exportTable } from '#app/features/analytics/export.server.ts'
import { importSnapshot, listImports } from '#app/features/analytics/import.server.ts'
import { getPartnerInsights } from '#app/features/analytics/insights.server.ts'
import { getSummary, noFilters } from '#app/features/analytics/metrics.server.ts'
import { createOpportunity, importOpportunitiesCsv, listOpportunities, listQuerySchema } from '#app/features/analytics/opportunities.server.ts'

const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') }

async function callApi(actor: unknown, query: string) {
  const request = new Request(`http://localhost/api/v1/analytics/summary${query}`)
  const res = (await summaryApi({ request, context: { actor } as never, params: {} })) as Response
  return { status: res.status, body: await res.json() }
}

describe('analytics permissions', () => {
  it('only the vendor team reads ecosystem-wide numbers; partners get forbidden everywhere', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    for (const actor of [partner.admin, partner.member]) {
      await expect(getSummary(actor, period)).rejects.toMatchObject({ code: 'forbidden' })
      await expect(getDashboard(actor, period, noFilters())).rejects.toMatchObject({ code: 'forbidden' })
      await expect(exportTable(actor, 'summary', period, noFilters())).rejects.toMatchObject({ code: 'forbidden' })
      await expect(listOpportunities(actor, listQuerySchema.parse({}))).rejects.toMatchObject({ code: 'forbidden' })
      await expect(createOpportunity(actor, { accountName: 'X', amount: '1', stage: 'prospect' })).rejects.toMatchObject({ code: 'forbidden' })
      await expect(importOpportunitiesCsv(actor, 'accountName,amount,stage\nX,1,prospect\n')).rejects.toMatchObject({ code: 'forbidden' })
      await expect(importSnapshot(actor, '{}', {})).rejects.toMatchObject({ code: 'forbidden' })
      await expect(listImports(actor)).rejects.toMatchObject({ code: 'forbidden' })
    }
    // Vendor members read; only the vendor admin imports.
    await expect(getSummary(vendor.member, period)).resolves.toMatchObject({ period: { from: '2026-01-01T00:00:00.000Z' } })
    await expect(importSnapshot(vendor.member, '{}', {})).rejects.toMatchObject({ code: 'forbidden' })
    // The vendor has the dashboard, not partner insights.
    await expect(getPartnerInsights(vendor.admin, period)).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('the API answers 401 anonymous, 403 partner, 400 naming bad params, 200 vendor with the summary document', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    // Every refusal in the API's one error shape (what the OpenAPI document promises).
    const anonymous = await callApi(undefined, '?from=2026-01-01&to=2026-07-01')
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthenticated'])
    const partnerCall = await callApi(partner.admin, '?from=2026-01-01&to=2026-07-01')
    expect([partnerCall.status, partnerCall.body.error.code]).toEqual([403, 'forbidden'])
    expect(partnerCall.body.error.message).toEqual(expect.any(String))
    const bad = await callApi(vendor.admin, '?from=2026-13-01&to=2026-07-01&tier=diamond')
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.error.fieldErrors).sort()).toEqual(['from', 'tier'])
    const missing = await callApi(vendor.admin, '')
    expect(missing.status).toBe(400)
    expect(Object.keys(missing.body.error.fieldErrors).sort()).toEqual(['from', 'to'])
    const ok = await callApi(vendor.member, '?from=2026-01-01&to=2026-07-01&type=technology')
    expect(ok.status).toBe(200)
    expect(Object.keys(ok.body)).toEqual(['period', 'pipeline', 'referrals', 'multiplier', 'network', 'community', 'marketplace'])
    expect(ok.body.period).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' })
  })

  it('a partner sees only its own numbers, never another partner’s', async () => {
    await createVendor()
    const a = await createPartner({ name: 'Alpha Partner' })
    const b = await createPartner({ name: 'Beta Partner' })
    const c = await createPartner({ name: 'Gamma Partner' })
    const { db } = await import('#db/client.server.ts')
    const { referrals } = await import('#db/schema/pipeline.ts')
    await db.insert(referrals).values([
      { fromOrgId: a.org.id, toOrgId: b.org.id, accountName: 'Globex', status: 'won', wonAmount: 5000, createdAt: new Date('2026-02-01T00:00:00Z'), closedAt: new Date('2026-03-01T00:00:00Z') },
      { fromOrgId: b.org.id, toOrgId: c.org.id, accountName: 'Initech', status: 'won', wonAmount: 777700, createdAt: new Date('2026-02-01T00:00:00Z'), closedAt: new Date('2026-03-01T00:00:00Z') },
    ])
    const mine = await getPartnerInsights(a.admin, period)
    expect(mine.sent).toMatchObject({ created: 1, won: 1, wonRevenue: 5000 })
    expect(mine.received.created).toBe(0)
    expect(mine.connections.map((x) => x.name)).toEqual(['Beta Partner'])
    expect(JSON.stringify(mine)).not.toContain('777700')
    expect(JSON.stringify(mine)).not.toContain('Gamma')
    const theirs = await getPartnerInsights(c.member, period)
    expect(theirs.received).toMatchObject({ created: 1, wonRevenue: 777700 })
    expect(JSON.stringify(theirs)).not.toContain('Alpha')
  })
})

describe('opportunities by hand and by CSV', () => {
  it('adds one, refuses a CSV with any bad row (listing every one) and adds a good CSV whole', async () => {
    const vendor = await createVendor()
    const p = await createPartner({ name: 'Sourcing Partner' })
    await expect(createOpportunity(vendor.member, { accountName: 'Acme', amount: '-5', stage: 'won' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { amount: expect.any(Array), closedAt: expect.any(Array) },
    })
    const created = await createOpportunity(vendor.member, { accountName: 'Acme', amount: '4200.50', stage: 'prospect', sourcedBy: p.org.slug })
    expect(created.amount).toBe(420050)
    const before = (await listOpportunities(vendor.admin, listQuerySchema.parse({}))).total
    const bad = await importOpportunitiesCsv(vendor.admin, `accountName,amount,stage,closedAt,sourcedBy\nGood,100,prospect,,\n,abc,maybe,,\nLate,5,won,,nobody\n`)
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      const text = bad.problems.map((x) => `${x.row}:${x.field}`).join(' ')
      expect(text).toContain('3:accountName')
      expect(text).toContain('3:amount')
      expect(text).toContain('3:stage')
      expect(text).toContain('4:closedAt')
      expect(text).toContain('4:sourcedBy')
    }
    expect((await listOpportunities(vendor.admin, listQuerySchema.parse({}))).total).toBe(before)
    const good = await importOpportunitiesCsv(
      vendor.admin,
      `accountName,amount,stage,createdAt,closedAt,sourcedBy\n"=HYPERLINK(""x"")",100,won,2026-01-02,2026-02-01,${p.org.slug}\nInitech,2000.5,open,,,\n`,
    )
    expect(good).toEqual({ ok: true, inserted: 2 })
    const list = await listOpportunities(vendor.admin, listQuerySchema.parse({ source: 'partner' }))
    expect(list.rows.map((r) => r.accountName)).toContain('=HYPERLINK("x")')
    const csv = await exportTable(vendor.admin, 'top-sourced', { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }, noFilters())
    expect(csv.csv).toContain('Sourcing Partner')
  })
})
