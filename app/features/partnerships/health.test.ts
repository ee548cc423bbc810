import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { formatProblem } from '#app/features/analytics/snapshot.ts'
import { completeQuartersBefore, partnershipHealth, partnershipHealthMany, resolvePartnershipId } from '#app/features/partnerships/health.server.ts'
import { healthFixture, HEALTH_TIMES } from '#app/features/partnerships/testing/fixture.ts'
import { referenceHealth } from '#app/features/partnerships/testing/reference.ts'

const doc = healthFixture()
let ids: Map<string, string>

beforeAll(async () => {
  const result = await importSnapshotFromCli(JSON.stringify(doc), { fileName: 'health.json' })
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
  const rows = await queryRows<{ id: string; key: string }>(db, sql`select id, import_key as key from partnerships where import_key like 'hv-%'`)
  ids = new Map(rows.map((r) => [r.key, r.id]))
})

describe('partnership health', () => {
  it('matches the independent calculation for every partnership at every time, set-based and one by one', async () => {
    for (const at of HEALTH_TIMES) {
      const many = await partnershipHealthMany(db, [...ids.values()], new Date(at))
      expect(many.size).toBe(doc.partnerships.length)
      for (const p of doc.partnerships) {
        const expected = referenceHealth(doc, p.key, at)
        expect(many.get(ids.get(p.key)!), `${p.key} at ${at}`).toEqual(expected)
        expect(await partnershipHealth(db, ids.get(p.key)!, new Date(at))).toEqual(expected)
      }
    }
  })

  it('gives the hand-computed figures of the fixture', async () => {
    const at = new Date('2026-04-10T00:00:00Z')
    const h = (await partnershipHealthMany(db, [...ids.values()], at))!
    const ps1 = h.get(ids.get('hv-ps1')!)!
    // Vendor: on time c1, c9; late c2; missed c4; open past due c5 (waived c3, c6 later, c7 earlier, c8 draft left out).
    expect(ps1.fulfilment.A).toBeCloseTo(2 / 5)
    expect(ps1.fulfilment.B).toBeCloseTo(2 / 3)
    expect(ps1.fulfilment.asymmetry).toBeCloseTo(2 / 3 - 2 / 5)
    // v1 and v5 with both sponsors, v2 with one, v3 not held; v4 scheduled before the window.
    expect(ps1.engagement.rate).toBe(0.5)
    // Version 2 (signed last) is active; 2026-Q1: o1 + o2 + o3 + o6 (o5 touched after its close) over 200,000.
    expect(ps1.pipeline.attainment).toBeCloseTo(183_000 / 200_000)
    expect(ps1.activity).toEqual({ byQuarter: { '2025-Q2': 0, '2025-Q3': 2, '2025-Q4': 2, '2026-Q1': 6 }, drifting: false })
    expect(ps1.strategicInNameOnly).toBe(false)
    expect(ps1.partnership).toBe('hv-ps1')

    const ps2 = h.get(ids.get('hv-ps2')!)!
    expect(ps2.fulfilment).toEqual({ A: 1, B: 0, asymmetry: 1 })
    expect(ps2.pipeline.attainment).toBeNull() // target 0
    expect(ps2.activity).toEqual({ byQuarter: { '2025-Q2': 0, '2025-Q3': 1, '2025-Q4': 6, '2026-Q1': 1 }, drifting: true })

    const ps3 = h.get(ids.get('hv-ps3')!)!
    expect(ps3.fulfilment).toEqual({ A: 1, B: null, asymmetry: null })
    expect(ps3.pipeline.attainment).toBeNull() // no active version
    expect(ps3.strategicInNameOnly).toBe(true)

    const ps4 = h.get(ids.get('hv-ps4')!)!
    expect(ps4.engagement.rate).toBeNull()
    expect(ps4.strategicInNameOnly).toBe(false) // designated after `at`
    expect(ps4.activity.drifting).toBe(false) // the quarter before had no activity

    const later = await partnershipHealthMany(db, [ids.get('hv-ps2')!, ids.get('hv-ps4')!], new Date('2026-07-01T00:00:00Z'))
    // o7 (both touched) over 140,000; o8 sourced by bolt but only acme touched it.
    expect(later.get(ids.get('hv-ps2')!)!.pipeline.attainment).toBe(0.5)
    expect(later.get(ids.get('hv-ps4')!)!.strategicInNameOnly).toBe(true)
    expect(later.get(ids.get('hv-ps4')!)!.pipeline.attainment).toBeNull() // no target for the quarter

    // At 2026-01-20 the last complete quarter is 2025-Q4 with a target and nothing attained: 0, not null.
    const early = await partnershipHealth(db, ids.get('hv-ps1')!, new Date('2026-01-20T12:00:00Z'))
    expect(early!.pipeline.attainment).toBe(0)
  })

  it('takes the quarter that ended at `at` as complete, and resolves keys and ids', async () => {
    expect(completeQuartersBefore(new Date('2026-04-01T00:00:00Z'), 4).map((q) => q.key)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'])
    expect(completeQuartersBefore(new Date('2026-03-31T23:59:59Z'), 1).map((q) => q.key)).toEqual(['2025-Q4'])
    expect(await resolvePartnershipId(db, 'hv-ps1')).toBe(ids.get('hv-ps1'))
    expect(await resolvePartnershipId(db, ids.get('hv-ps2')!)).toBe(ids.get('hv-ps2'))
    expect(await resolvePartnershipId(db, 'nope')).toBeNull()
    expect(await partnershipHealth(db, 'nope', new Date())).toBeNull()
  })
})
