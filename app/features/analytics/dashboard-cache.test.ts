import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { countStatements } from '#db/query-stats.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { getDashboard } from '#app/features/analytics/dashboard.server.ts'
import { readAnalyticsDataVersion } from '#app/features/analytics/data-version.server.ts'
import { computeSummaryDetailed, noFilters } from '#app/features/analytics/metrics.server.ts'
import { createOpportunity } from '#app/features/analytics/opportunities.server.ts'
import { createSpace } from '#app/features/community/spaces.server.ts'
import { createTopic } from '#app/features/community/topics.server.ts'

const now = new Date()
const period = { from: new Date(now.getTime() - 40 * 86_400_000), to: new Date(now.getTime() + 86_400_000) }

describe('dashboard figures kept per analytics data version', () => {
  it('computes once per version, and a write to any table the figures read shows on the next call', async () => {
    const vendor = await createVendor()
    const partner = await createPartner({ tier: 'gold' })
    const first = await getDashboard(vendor.admin, period, noFilters())
    expect(first.summary).toEqual((await computeSummaryDetailed(db, period, noFilters())).summary)

    // Nothing changed: the kept figures, one statement (the version) to know they are current.
    const again = await countStatements(() => getDashboard(vendor.member, period, noFilters()))
    expect(again.result.summary).toEqual(first.summary)
    expect(again.stats.statements).toBe(1)

    // Through the app: a new opportunity sourced by the partner.
    const before = await readAnalyticsDataVersion(db)
    await createOpportunity(vendor.admin, { accountName: 'Acme', amount: '1000', stage: 'prospect', sourcedBy: partner.org.slug })
    expect(await readAnalyticsDataVersion(db)).toBeGreaterThan(before)
    const afterOpportunity = await getDashboard(vendor.admin, period, noFilters())
    expect(afterOpportunity.summary.pipeline.partnerSourced).toBe(first.summary.pipeline.partnerSourced + 100_000)
    expect(afterOpportunity.summary).toEqual((await computeSummaryDetailed(db, period, noFilters())).summary)

    // Outside the app (SQL by hand): the partner leaves the gold tier, so a gold filter drops its pipeline.
    const gold = { ...noFilters(), tiers: ['gold' as const] }
    expect((await getDashboard(vendor.admin, period, gold)).summary.pipeline.partnerSourced).toBeGreaterThanOrEqual(100_000)
    await db.execute(sql`update organizations set tier = 'silver' where id = ${partner.org.id}`)
    const afterTier = await getDashboard(vendor.admin, period, gold)
    expect(afterTier.summary).toEqual((await computeSummaryDetailed(db, period, gold)).summary)
    expect(afterTier.top.sourced.some((row) => row.id === partner.org.id)).toBe(false)

    // The community figures are part of the summary: a new question shows on the next call.
    const space = await createSpace(vendor.admin, { name: 'Cache check', slug: 'cache-check', visibility: 'partners' })
    await createTopic(partner.admin, space.slug, { kind: 'question', title: 'Does the dashboard see this?', body: 'It should.' })
    const afterTopic = await getDashboard(vendor.admin, period, noFilters())
    expect(afterTopic.summary.community.topics).toBe(afterTier.summary.community.topics + 1)
    expect(afterTopic.summary).toEqual((await computeSummaryDetailed(db, period, noFilters())).summary)
  })

  it('works out the running month from the clock on every call, not from when the figures were kept', async () => {
    const vendor = await createVendor()
    const year = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }
    const inDecember = await getDashboard(vendor.admin, year, noFilters(), new Date('2026-12-06T12:00:00Z'))
    expect(inDecember.series.filter((s) => s.partial).map((s) => s.month)).toEqual(['2026-12'])
    const inNovember = await getDashboard(vendor.admin, year, noFilters(), new Date('2026-11-30T23:59:59Z'))
    expect(inNovember.series.filter((s) => s.partial).map((s) => s.month)).toEqual(['2026-11', '2026-12'])
    const after = await getDashboard(vendor.admin, year, noFilters(), new Date('2027-01-01T00:00:00Z'))
    expect(after.series.some((s) => s.partial)).toBe(false)
  })
})
