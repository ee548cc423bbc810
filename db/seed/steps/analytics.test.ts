import { faker } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { computeSeries } from '#app/features/analytics/dashboard.server.ts'
import { computeSummary, noFilters } from '#app/features/analytics/metrics.server.ts'
import { db } from '#db/client.server.ts'
import { seedAnalytics } from '#db/seed/steps/analytics.ts'
import { seedFoundation } from '#db/seed/steps/foundation.ts'

describe('analytics seed step', () => {
  it('lays out two years of growing history', async () => {
    faker.seed(20261122)
    const now = new Date('2026-11-22T06:00:00Z')
    const log = () => {}
    await seedFoundation({ faker, now, log })
    await seedAnalytics({ faker, now, log })
    const year = 365 * 86_400_000
    const recent = await computeSummary(db, { from: new Date(now.getTime() - year), to: now }, noFilters())
    const older = await computeSummary(db, { from: new Date(now.getTime() - 2 * year), to: new Date(now.getTime() - year) }, noFilters())
    expect(recent.pipeline.total).toBeGreaterThan(older.pipeline.total)
    expect(recent.pipeline.partnerSourced).toBeGreaterThan(0)
    expect(recent.pipeline.partnerInfluenced).toBeGreaterThan(0)
    expect(recent.referrals.p2pWonCount).toBeGreaterThan(0)
    expect(recent.referrals.p2pRevenue).toBeGreaterThan(older.referrals.p2pRevenue)
    expect(recent.network.edges).toBeGreaterThan(0)
    expect(recent.multiplier.value).not.toBeNull()
    const series = await computeSeries(db, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') }, noFilters())
    expect(series).toHaveLength(23)
    expect(series.at(-2)!.ecosystemPipeline + series.at(-2)!.directPipeline).toBeGreaterThan(series[0]!.ecosystemPipeline + series[0]!.directPipeline)
  })
})
