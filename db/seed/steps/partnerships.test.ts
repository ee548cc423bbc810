import { faker } from '@faker-js/faker'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { loadActor } from '#app/features/auth/session.server.ts'
import { ownPortfolio, vendorPortfolio } from '#app/features/partnerships/portfolio.server.ts'
import { db } from '#db/client.server.ts'
import { partnershipFitAssessments, partnerships, users } from '#db/schema/index.ts'
import { seedAnalytics } from '#db/seed/steps/analytics.ts'
import { DEMO_ACCOUNTS, seedFoundation } from '#db/seed/steps/foundation.ts'
import { partnershipsStep, SEEDED_PARTNERSHIPS } from '#db/seed/steps/partnerships.ts'

const actorOf = async (email: string) => {
  const [user] = await db.select().from(users).where(eq(users.email, email))
  return (await loadActor(user!.id))!
}

describe('partnerships seed step', () => {
  const now = new Date('2026-11-22T06:00:00Z')
  it('shows one healthy, one asymmetric and one drifting strategic partnership', async () => {
    faker.seed(20261122)
    const log = () => {}
    await seedFoundation({ faker, now, log })
    await seedAnalytics({ faker, now, log })
    await partnershipsStep.run({ faker, now, log })

    const vendor = await actorOf(DEMO_ACCOUNTS.vendorMember.email)
    const { rows } = await vendorPortfolio(vendor, { at: now })
    const byKey = new Map(rows.map((r) => [r.health.partnership, r]))
    expect([...byKey.keys()].sort()).toEqual([SEEDED_PARTNERSHIPS.asymmetric, SEEDED_PARTNERSHIPS.drifting, SEEDED_PARTNERSHIPS.healthy].sort())

    const healthy = byKey.get(SEEDED_PARTNERSHIPS.healthy)!
    expect(healthy.warnings).toEqual([])
    expect(healthy.health.fulfilment.A).toBeGreaterThanOrEqual(0.8)
    expect(healthy.health.engagement.rate).toBe(1)
    expect(healthy.health.pipeline.attainment).toBeCloseTo(1.12, 2)
    expect(healthy.health.strategicInNameOnly).toBe(false)

    const asym = byKey.get(SEEDED_PARTNERSHIPS.asymmetric)!
    expect(asym.warnings.map((w) => w.kind)).toEqual(['asymmetry'])
    expect(asym.health.fulfilment.A).toBe(1)
    expect(asym.health.fulfilment.asymmetry).toBeGreaterThanOrEqual(0.6)
    expect(asym.actions.map((a) => a.kind)).toEqual(expect.arrayContaining(['overdue_commitments', 'unsigned_draft', 'review_due']))

    const drifting = byKey.get(SEEDED_PARTNERSHIPS.drifting)!
    expect(drifting.warnings.map((w) => w.kind)).toEqual(['drifting'])
    expect(drifting.health.pipeline.attainment).toBeCloseTo(0.41, 2)
    // Weakest first: the two with a warning (drifting has the lower attainment), then the healthy one.
    expect(rows.map((r) => r.health.partnership)).toEqual([SEEDED_PARTNERSHIPS.drifting, SEEDED_PARTNERSHIPS.asymmetric, SEEDED_PARTNERSHIPS.healthy])

    // Each strategic one was designated on a fit assessment at or above the threshold (3) on all four dimensions: no "Not assessed yet" beside "Designated strategic".
    const fits = await db
      .select({ key: partnerships.importKey, a: partnershipFitAssessments })
      .from(partnerships)
      .leftJoin(partnershipFitAssessments, eq(partnershipFitAssessments.partnershipId, partnerships.id))
      .where(eq(partnerships.strategic, true))
    expect(fits.map((f) => f.key).sort()).toEqual([SEEDED_PARTNERSHIPS.asymmetric, SEEDED_PARTNERSHIPS.drifting, SEEDED_PARTNERSHIPS.healthy].sort())
    for (const { a } of fits) expect(Math.min(a!.marketAccess, a!.capability, a!.commitment, a!.alignment)).toBeGreaterThanOrEqual(3)

    // Northwind sees its partnership with the vendor and its plan with Bluepeak, not Bluepeak's with the vendor.
    const northwind = await actorOf(DEMO_ACCOUNTS.northwindMember.email)
    const own = await ownPortfolio(northwind, { at: now })
    expect(own.rows.map((r) => r.health.partnership).sort()).toEqual([SEEDED_PARTNERSHIPS.healthy, SEEDED_PARTNERSHIPS.p2p].sort())
    expect(own.rows.find((r) => r.health.partnership === SEEDED_PARTNERSHIPS.p2p)!.health.fulfilment.A).toBe(1)
  }, 300_000)
})
