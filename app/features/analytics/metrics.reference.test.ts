import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { computeSummary } from '#app/features/analytics/metrics.server.ts'
import { generateSnapshot } from '#app/features/analytics/testing/generate.ts'
import { referenceSummary, type RefFilters } from '#app/features/analytics/testing/reference.ts'

// Several hundred records, loaded through the import, compared with an independent
// JavaScript calculation written from docs/metrics.md for many periods and filters.
const doc = generateSnapshot(20260101)

const periods: [string, string][] = [
  ['2026-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
  ['2025-07-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  ['2025-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ['2026-04-01T00:00:00.000Z', '2026-04-02T00:00:00.000Z'],
  ['2030-01-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z'],
]
const filterSets: RefFilters[] = [
  {},
  { partnerTypes: ['systems_integrator', 'technology'] },
  { tiers: ['gold'] },
  { regions: ['EMEA', 'APAC'] },
  { partnerTypes: ['reseller', 'msp', 'referral'], tiers: ['silver', 'platinum'], regions: ['NA'] },
]

describe('SQL summary equals the reference calculation', () => {
  it('imports the generated snapshot', async () => {
    const records = doc.organizations.length + doc.opportunities.length + doc.referrals.length + doc.coSell.length
    expect(records).toBeGreaterThan(500)
    const result = await importSnapshotFromCli(JSON.stringify(doc))
    expect(result.ok, JSON.stringify(!result.ok && result.problems.slice(0, 5))).toBe(true)
  })

  for (const [from, to] of periods) {
    for (const filters of filterSets) {
      it(`${from.slice(0, 10)} → ${to.slice(0, 10)} ${JSON.stringify(filters)}`, async () => {
        const expected = referenceSummary(doc, from, to, filters)
        const actual = await computeSummary(
          db,
          { from: new Date(from), to: new Date(to) },
          {
            partnerTypes: (filters.partnerTypes ?? []) as never,
            tiers: (filters.tiers ?? []) as never,
            regions: (filters.regions ?? []) as never,
          },
        )
        expect(actual).toEqual(expected)
      })
    }
  }

  it('the generated data exercises the interesting cases', () => {
    const r = referenceSummary(doc, periods[0]![0], periods[0]![1])
    expect(r.pipeline.partnerSourced).toBeGreaterThan(0)
    expect(r.pipeline.partnerInfluenced).toBeGreaterThan(0)
    expect(r.pipeline.direct).toBeGreaterThan(0)
    expect(r.referrals.p2pWonCount).toBeGreaterThan(0)
    expect(r.network.edges).toBeGreaterThan(0)
    expect(r.network.reciprocity).not.toBeNull()
    expect(r.multiplier.value).not.toBeNull()
  })
})
