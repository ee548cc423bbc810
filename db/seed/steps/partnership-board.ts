import { sql } from 'drizzle-orm'
import { hashPassword } from '#app/features/auth/password.server.ts'
import { createId } from '#app/utils/id.ts'
import { db, queryRows } from '#db/client.server.ts'
import { memberships, partnershipCommitments, partnershipFitAssessments, partnershipPlans, partnerships, partnershipSponsors, partnershipStageChanges, users } from '#db/schema/index.ts'
import { PARTNERSHIP_STAGES, type PartnershipStage } from '#db/schema/partnerships.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { DEMO_ACCOUNTS, DEMO_PARTNER_SLUGS, DEMO_PASSWORD } from '#db/seed/steps/foundation.ts'

const DAY = 86_400_000

/**
 * The partner whose alliance manager walks the plan journey (tests/e2e/partnerships.spec.ts): a
 * known account on a generated partner collaborating with the vendor, not yet assessed and without a plan.
 */
export const PLAN_JOURNEY_ADMIN = { email: 'alliances@plan-journey.test', name: 'Jordan Ellis' } as const

/**
 * The partnerships board (`/admin/partnerships`) with partnerships at several stages, each with its
 * history: one in identification whose fit assessment is in progress (below the threshold on one
 * dimension), one in agreement, one in active collaboration with a first plan drafted and signed by
 * the vendor only, one in performance review, one in relationship development, one concluded. The
 * three strategic partnerships (Northwind, Bluepeak and the first other partner) come from the
 * `partnerships` step; this one uses the partners after them.
 */
export const partnershipBoardStep: SeedStep = {
  name: 'partnership board',
  async run({ now, log }) {
    const [vendor] = await queryRows<{ id: string; name: string }>(db, sql`select id, name from organizations where kind = 'vendor' order by created_at limit 1`)
    const [vendorAdmin] = await queryRows<{ id: string }>(db, sql`select id from users where email = ${DEMO_ACCOUNTS.vendorAdmin.email}`)
    const partners = await queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from organizations where kind = 'partner' and status = 'active' and slug not in (${DEMO_PARTNER_SLUGS.northwind}, ${DEMO_PARTNER_SLUGS.bluepeak})
          order by approved_at nulls last, slug offset 1 limit 7`,
    )
    if (!vendor || !vendorAdmin || partners.length < 7) return log('Not enough partners: skipping the partnership board.')
    const [journey, ...board] = partners as [{ id: string; name: string }, ...{ id: string; name: string }[]]

    // The journey partner's alliance manager (an admin with a known sign-in).
    const userId = createId()
    await db
      .insert(users)
      .values({ id: userId, email: PLAN_JOURNEY_ADMIN.email, name: PLAN_JOURNEY_ADMIN.name, passwordHash: await hashPassword(DEMO_PASSWORD), createdAt: new Date(now.getTime() - 60 * DAY) })
    await db.insert(memberships).values({ orgId: journey.id, userId, role: 'partner_admin', createdAt: new Date(now.getTime() - 60 * DAY) })
    // Its partnership with the vendor: collaborating, not assessed, no plan yet.
    const journeyId = createId()
    const journeyStart = new Date(now.getTime() - 40 * DAY)
    await db
      .insert(partnerships)
      .values({ id: journeyId, orgAId: vendor.id, orgBId: journey.id, stage: 'active_collaboration', createdBy: vendorAdmin.id, createdAt: journeyStart, updatedAt: journeyStart })
    await db.insert(partnershipStageChanges).values([
      { partnershipId: journeyId, fromStage: null, toStage: 'identification', note: 'Introduced by the EMEA channel team.', changedBy: vendorAdmin.id, changedAt: journeyStart },
      { partnershipId: journeyId, fromStage: 'identification', toStage: 'agreement_onboarding', changedBy: vendorAdmin.id, changedAt: new Date(journeyStart.getTime() + 10 * DAY) },
      {
        partnershipId: journeyId,
        fromStage: 'agreement_onboarding',
        toStage: 'active_collaboration',
        note: 'Onboarding complete.',
        changedBy: vendorAdmin.id,
        changedAt: new Date(journeyStart.getTime() + 25 * DAY),
      },
    ])

    const plans: { stage: PartnershipStage; startedDaysAgo: number; notes: string[] }[] = [
      { stage: 'identification', startedDaysAgo: 12, notes: ['Strong overlap in mid-market retail; assessing fit.'] },
      { stage: 'agreement_onboarding', startedDaysAgo: 75, notes: ['Qualified: complementary data services.', 'Partner agreement sent for signature.'] },
      { stage: 'active_collaboration', startedDaysAgo: 160, notes: ['Qualified.', 'Agreement signed; onboarding done.', 'First joint pursuits under way.'] },
      { stage: 'performance_review', startedDaysAgo: 300, notes: ['Qualified.', 'Agreement signed.', 'Joint pipeline building.', 'Half-year review of results.'] },
      { stage: 'relationship_development', startedDaysAgo: 420, notes: ['Qualified.', 'Agreement signed.', 'Co-selling in two regions.', 'Reviewed.', 'Expanding into managed services.'] },
      { stage: 'concluded', startedDaysAgo: 380, notes: ['Qualified.', 'Agreement signed.', 'Concluded: the partner left the cloud practice.'] },
    ]
    for (const [i, spec] of plans.entries()) {
      const partner = board[i]!
      const start = new Date(now.getTime() - spec.startedDaysAgo * DAY)
      const id = createId()
      const path: PartnershipStage[] = spec.stage === 'concluded' ? ['identification', 'agreement_onboarding', 'concluded'] : PARTNERSHIP_STAGES.slice(0, PARTNERSHIP_STAGES.indexOf(spec.stage) + 1)
      const step = spec.startedDaysAgo / path.length
      const at = (k: number) => new Date(start.getTime() + k * step * DAY)
      await db.insert(partnerships).values({ id, orgAId: vendor.id, orgBId: partner.id, stage: spec.stage, createdBy: vendorAdmin.id, createdAt: start, updatedAt: at(path.length - 1) })
      await db
        .insert(partnershipStageChanges)
        .values(path.map((toStage, k) => ({ partnershipId: id, fromStage: k === 0 ? null : path[k - 1]!, toStage, note: spec.notes[k] ?? '', changedBy: vendorAdmin.id, changedAt: at(k) })))
      if (spec.stage === 'identification') {
        await db.insert(partnershipFitAssessments).values({
          partnershipId: id,
          kind: 'initial',
          marketAccess: 4,
          capability: 3,
          commitment: 2,
          alignment: 3,
          evidence: {
            marketAccess: 'Both sell into mid-market retail in EMEA; account lists overlap.',
            capability: 'Their data engineering practice complements our platform.',
            commitment: 'No executive sponsor named yet; only one certified engineer.',
            alignment: 'Both prioritise retail analytics for next year.',
          },
          assessedBy: vendorAdmin.id,
          assessedAt: new Date(now.getTime() - 5 * DAY),
        })
      }
      if (spec.stage === 'active_collaboration') {
        const planId = createId()
        await db.insert(partnershipPlans).values({
          id: planId,
          partnershipId: id,
          version: 1,
          status: 'draft',
          revision: 3,
          valueProposition: `Together, ${vendor.name} and ${partner.name} enable faster analytics roll-outs for regional retailers`,
          scope: { segments: ['Retail'], territories: ['EMEA'], categories: ['Data & analytics'] },
          provisions: `${partner.name} is a preferred implementation partner for retail analytics in EMEA.`,
          currency: 'EUR',
          targets: [
            { quarter: quarterAfter(now, 1), pipeline: 40_000_000, revenue: 10_000_000 },
            { quarter: quarterAfter(now, 2), pipeline: 60_000_000, revenue: 20_000_000 },
          ],
          createdBy: vendorAdmin.id,
          createdAt: new Date(now.getTime() - 10 * DAY),
          updatedAt: new Date(now.getTime() - 2 * DAY),
        })
        await db.insert(partnershipSponsors).values([
          { planId, orgId: vendor.id, userId: vendorAdmin.id, name: DEMO_ACCOUNTS.vendorAdmin.name, title: 'VP Alliances' },
          { planId, orgId: partner.id, name: 'Chris Morgan', title: 'Managing Director' },
        ])
        await db.insert(partnershipCommitments).values([
          {
            planId,
            ownerOrgId: vendor.id,
            kind: 'co_marketing_budget',
            title: 'Fund two retail analytics webinars',
            measure: 'EUR 20,000 spent',
            dueAt: new Date(now.getTime() + 80 * DAY),
            createdBy: vendorAdmin.id,
          },
          {
            planId,
            ownerOrgId: partner.id,
            kind: 'certifications',
            title: 'Certify four data engineers',
            measure: '4 certified',
            dueAt: new Date(now.getTime() + 70 * DAY),
            createdBy: vendorAdmin.id,
          },
        ])
        await db.execute(
          sql`insert into partnership_plan_signoffs (plan_id, org_id, revision, signed_by, signed_at) values (${planId}, ${vendor.id}, 3, ${vendorAdmin.id}, ${new Date(now.getTime() - 2 * DAY).toISOString()})`,
        )
      }
    }
    log(`Seeded ${plans.length} partnerships across the board and the plan journey's partner (${journey.name}).`)
  },
}

function quarterAfter(now: Date, n: number) {
  const q = Math.floor(now.getUTCMonth() / 3) + n
  return `${now.getUTCFullYear() + Math.floor(q / 4)}-Q${(q % 4) + 1}`
}
