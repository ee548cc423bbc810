import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { computeSeries } from '#app/features/analytics/dashboard.server.ts'

const noFilters = { partnerTypes: [], tiers: [], regions: [] }
const year = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }

describe('monthly series', () => {
  it('marks the month still running as partial, and only that one', async () => {
    const series = await computeSeries(db, year, noFilters, new Date('2026-12-06T12:00:00Z'))
    expect(series.map((s) => s.month)).toHaveLength(12)
    expect(series.filter((s) => s.partial).map((s) => s.month)).toEqual(['2026-12'])
  })

  it('marks nothing partial once the period is over, and a month ends at its last instant', async () => {
    expect((await computeSeries(db, year, noFilters, new Date('2027-01-01T00:00:00Z'))).some((s) => s.partial)).toBe(false)
    const lastInstant = await computeSeries(db, year, noFilters, new Date('2026-11-30T23:59:59Z'))
    expect(lastInstant.filter((s) => s.partial).map((s) => s.month)).toEqual(['2026-11', '2026-12'])
  })
})
