import { and, eq, inArray, sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { users as authUsers } from '#db/schema/auth.ts'
import { memberships } from '#db/schema/orgs.ts'
import {
  partnershipCommitments,
  partnershipFitAssessments,
  partnershipPlans,
  partnershipPlanSignoffs,
  partnershipReviewAttendees,
  partnershipReviews,
  partnerships,
  partnershipSponsors,
  partnershipStageChanges,
  type CommitmentStatus,
  type PartnershipStage,
} from '#db/schema/partnerships.ts'
import { opportunities, referrals } from '#db/schema/pipeline.ts'
import type { SeedContext, SeedStep } from '#db/seed/step.ts'
import { DEMO_PARTNER_SLUGS } from '#db/seed/steps/foundation.ts'
import { completeQuartersBefore, partnershipHealthMany, quarterAt } from '#app/features/partnerships/health.server.ts'

const DAY = 86_400_000

/**
 * Three strategic partnerships of the vendor at different health, and one plan between two
 * partners, over the last year: signed plan versions with sponsors, commitments on both sides,
 * quarterly reviews with attendance.
 * - Northwind Systems: healthy (both sides meet their commitments, sponsors attend, pipeline above target).
 * - Bluepeak Cloud: asymmetric (the vendor meets its commitments, Bluepeak far fewer), an unsigned draft.
 * - a third partner: drifting (joint activity fell last quarter) and below target.
 * - Northwind & Bluepeak: a partner-to-partner plan.
 * Activity also counts the analytics history's referrals, so the step tops up the quarters with
 * declined referrals until each partnership shows its state; the seed test asserts it.
 */
export const partnershipsStep: SeedStep = { name: 'strategic partnerships', run: seedPartnerships }

export const SEEDED_PARTNERSHIPS = { healthy: 'seed-ps-northwind', asymmetric: 'seed-ps-bluepeak', drifting: 'seed-ps-drifting', p2p: 'seed-ps-northwind-bluepeak' } as const

type Org = { id: string; name: string; userId: string | null; userName: string }

async function orgBySlug(slug: string | null): Promise<Org | null> {
  const [org] = await queryRows<{ id: string; name: string }>(
    db,
    slug
      ? sql`select id, name from organizations where slug = ${slug}`
      : sql`select id, name from organizations where kind = 'partner' and status = 'active' and slug not in (${DEMO_PARTNER_SLUGS.northwind}, ${DEMO_PARTNER_SLUGS.bluepeak}) order by approved_at nulls last, slug limit 1`,
  )
  if (!org) return null
  const [user] = await db
    .select({ id: authUsers.id, name: authUsers.name })
    .from(memberships)
    .innerJoin(authUsers, eq(authUsers.id, memberships.userId))
    .where(and(eq(memberships.orgId, org.id), inArray(memberships.role, ['vendor_admin', 'partner_admin'])))
    .orderBy(authUsers.createdAt)
    .limit(1)
  return { ...org, userId: user?.id ?? null, userName: user?.name ?? `${org.name} executive` }
}

type Spec = {
  key: string
  a: Org
  b: Org
  strategic: boolean
  stage: PartnershipStage
  designatedDaysAgo: number
  /** Per side: statuses of commitments due over the last year (oldest first); `late` = met after its due date. */
  commitments: { A: (CommitmentStatus | 'late')[]; B: (CommitmentStatus | 'late')[] }
  /** Per quarterly review over the last year (oldest first): which sponsors attended, or null when not held. */
  reviews: ('both' | 'A' | 'B' | null)[]
  draft: boolean
  attainment: number
  drifting: boolean
  /** Joint opportunities sourced by side B in the last complete quarter, amounts in cents. */
  sourced: number[]
}

async function seedPartnerships({ now, log }: SeedContext) {
  const [vendorRow] = await queryRows<{ slug: string }>(db, sql`select slug from organizations where kind = 'vendor' order by created_at limit 1`)
  const vendor = vendorRow ? await orgBySlug(vendorRow.slug) : null
  const northwind = await orgBySlug(DEMO_PARTNER_SLUGS.northwind)
  const bluepeak = await orgBySlug(DEMO_PARTNER_SLUGS.bluepeak)
  const third = await orgBySlug(null)
  if (!vendor || !northwind || !bluepeak || !third) return log('Missing the vendor or the demo partners: skipping partnerships.')
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const quarters = completeQuartersBefore(now, 4)
  const last = quarters[3]!
  const current = quarterAt(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3))

  const specs: Spec[] = [
    {
      key: SEEDED_PARTNERSHIPS.healthy,
      a: vendor,
      b: northwind,
      strategic: true,
      stage: 'active_collaboration',
      designatedDaysAgo: 330,
      commitments: { A: ['met', 'met', 'met', 'met', 'late', 'met'], B: ['met', 'met', 'met', 'waived', 'met', 'met'] },
      reviews: ['both', 'both', 'both', 'both'],
      draft: false,
      attainment: 1.12,
      drifting: false,
      sourced: [18_500_000, 9_200_000, 6_400_000],
    },
    {
      key: SEEDED_PARTNERSHIPS.asymmetric,
      a: vendor,
      b: bluepeak,
      strategic: true,
      stage: 'performance_review',
      designatedDaysAgo: 300,
      commitments: { A: ['met', 'met', 'met', 'met', 'met', 'met'], B: ['met', 'missed', 'late', 'missed', 'open', 'late'] },
      reviews: ['both', 'A', 'both', 'A'],
      draft: true,
      attainment: 0.64,
      drifting: false,
      sourced: [7_400_000, 3_100_000],
    },
    {
      key: SEEDED_PARTNERSHIPS.drifting,
      a: vendor,
      b: third,
      strategic: true,
      stage: 'active_collaboration',
      designatedDaysAgo: 360,
      commitments: { A: ['met', 'met', 'met', 'late', 'met'], B: ['met', 'met', 'late', 'met', 'met'] },
      reviews: ['both', 'both', 'both', 'B'],
      draft: false,
      attainment: 0.41,
      drifting: true,
      sourced: [4_800_000],
    },
    {
      key: SEEDED_PARTNERSHIPS.p2p,
      a: northwind,
      b: bluepeak,
      strategic: false,
      stage: 'active_collaboration',
      designatedDaysAgo: 0,
      commitments: { A: ['met', 'met', 'met'], B: ['met', 'late', 'met'] },
      reviews: [null, 'both', 'both', 'both'],
      draft: false,
      attainment: 0.9,
      drifting: false,
      sourced: [],
    },
  ]

  const ids = new Map<string, string>()
  const planOf = new Map<string, string>()
  for (const s of specs) {
    const [p] = await db
      .insert(partnerships)
      .values({
        orgAId: s.a.id,
        orgBId: s.b.id,
        stage: s.stage,
        strategic: s.strategic,
        designatedAt: s.strategic ? ago(s.designatedDaysAgo) : null,
        designatedBy: s.strategic ? vendor.userId : null,
        importKey: s.key,
        createdBy: vendor.userId,
        createdAt: ago(400),
      })
      .returning({ id: partnerships.id })
    ids.set(s.key, p!.id)
    // A strategic designation needs a fit assessment at or above the threshold: the one it was designated on.
    if (s.strategic) {
      await db.insert(partnershipFitAssessments).values({
        partnershipId: p!.id,
        kind: 'initial',
        marketAccess: 4,
        capability: 4,
        commitment: s.key === SEEDED_PARTNERSHIPS.healthy ? 5 : 3,
        alignment: 4,
        evidence: {
          marketAccess: `Both sell to mid-market healthcare and retail; ${s.b.name}'s territories add to ours.`,
          capability: `${s.b.name}'s delivery practice covers the migrations our platform needs.`,
          commitment: 'Executive sponsors named on both sides; certified engineers committed in the plan.',
          alignment: 'Both prioritise cloud migrations for the next two years.',
        },
        assessedBy: vendor.userId,
        assessedAt: ago(s.designatedDaysAgo + 5),
      })
    }
    await db
      .insert(partnershipStageChanges)
      .values([
        { partnershipId: p!.id, fromStage: null, toStage: 'identification', changedBy: vendor.userId, changedAt: ago(400) },
        { partnershipId: p!.id, fromStage: 'identification', toStage: 'agreement_onboarding', changedBy: vendor.userId, changedAt: ago(380) },
        { partnershipId: p!.id, fromStage: 'agreement_onboarding', toStage: 'active_collaboration', changedBy: vendor.userId, changedAt: ago(370) },
        ...(s.stage === 'performance_review'
          ? [{ partnershipId: p!.id, fromStage: 'active_collaboration' as const, toStage: 'performance_review' as const, changedBy: vendor.userId, changedAt: ago(20) }]
          : []),
      ])

    // Version 1 signed a year ago, superseded by version 2 signed 120 days ago; targets for the
    // last four quarters and the next one (the last complete quarter's is set below).
    const targets = [...quarters, current].map((q) => ({ quarter: q.key, pipeline: 25_000_000 }))
    const valueProposition = `Together, ${s.a.name} and ${s.b.name} enable faster cloud migrations for mid-market healthcare and retail.`
    const scope = { segments: ['Mid-market'], territories: ['EMEA', 'North America'], categories: ['Data platform'] }
    const versions = [
      { version: 1, status: 'superseded' as const, signedAt: ago(365), supersededAt: ago(120) },
      { version: 2, status: 'active' as const, signedAt: ago(120), supersededAt: null },
      ...(s.draft ? [{ version: 3, status: 'draft' as const, signedAt: null, supersededAt: null }] : []),
    ]
    for (const v of versions) {
      const [plan] = await db
        .insert(partnershipPlans)
        .values({
          partnershipId: p!.id,
          version: v.version,
          status: v.status,
          valueProposition,
          scope,
          provisions: 'Non-exclusive; each side gives the other first call on joint opportunities in scope.',
          targets,
          signedAt: v.signedAt,
          supersededAt: v.supersededAt,
          importKey: `${s.key}-v${v.version}`,
          createdBy: vendor.userId,
          createdAt: v.signedAt ? new Date(v.signedAt.getTime() - 10 * DAY) : ago(5),
        })
        .returning({ id: partnershipPlans.id })
      if (v.signedAt) {
        await db.insert(partnershipPlanSignoffs).values([
          { planId: plan!.id, orgId: s.a.id, revision: 1, signedBy: s.a.userId, signedAt: v.signedAt },
          { planId: plan!.id, orgId: s.b.id, revision: 1, signedBy: s.b.userId, signedAt: v.signedAt },
        ])
      }
      await db.insert(partnershipSponsors).values([
        { planId: plan!.id, orgId: s.a.id, userId: s.a.userId, name: s.a.userName, title: 'VP Alliances' },
        { planId: plan!.id, orgId: s.b.id, userId: s.b.userId, name: s.b.userName, title: 'Chief Executive' },
      ])
      if (v.status === 'active') planOf.set(s.key, plan!.id)
      if (v.version === 3) {
        await db.insert(partnershipCommitments).values({
          planId: plan!.id,
          ownerOrgId: s.b.id,
          kind: 'certifications',
          title: 'Certify 4 more engineers',
          measure: '4 people certified',
          dueAt: new Date(now.getTime() + 60 * DAY),
          importKey: `${s.key}-v3-c1`,
        })
      }
    }

    // Commitments due over the last year (in the version active when they fell due).
    const kinds = ['co_marketing_budget', 'presales_people', 'executive_time', 'certifications', 'customer_events', 'joint_content'] as const
    const titles: Record<(typeof kinds)[number], string> = {
      co_marketing_budget: 'Fund the joint campaign',
      presales_people: 'Assign two presales engineers',
      executive_time: 'Executive briefing with top accounts',
      certifications: 'Certify five engineers',
      customer_events: 'Co-host a customer event',
      joint_content: 'Publish the joint solution brief',
    }
    const planIds = await queryRows<{ id: string; version: number }>(db, sql`select id, version from partnership_plans where partnership_id = ${p!.id}`)
    const v1 = planIds.find((x) => x.version === 1)!.id
    const v2 = planIds.find((x) => x.version === 2)!.id
    for (const side of ['A', 'B'] as const) {
      const list = s.commitments[side]
      await db.insert(partnershipCommitments).values(
        list.map((status, i) => {
          const dueAt = ago(340 - Math.round((i * 320) / Math.max(1, list.length - 1)) + (side === 'B' ? 3 : 0))
          const kind = kinds[(i + (side === 'B' ? 3 : 0)) % kinds.length]!
          const met = status === 'met' || status === 'late'
          return {
            planId: dueAt < ago(120) ? v1 : v2,
            ownerOrgId: (side === 'A' ? s.a : s.b).id,
            ownerUserId: (side === 'A' ? s.a : s.b).userId,
            kind,
            title: titles[kind],
            measure: kind === 'co_marketing_budget' ? 'USD 40,000 spent' : 'Done and evidenced',
            dueAt,
            status: met ? ('met' as const) : status,
            metAt: met ? new Date(dueAt.getTime() + (status === 'late' ? 12 : -4) * DAY) : null,
            importKey: `${s.key}-${side}-c${i + 1}`,
          }
        }),
      )
    }
    // One commitment per side still ahead.
    await db.insert(partnershipCommitments).values([
      { planId: v2, ownerOrgId: s.a.id, kind: 'executive_time', title: 'Quarterly executive sync', measure: 'Held', dueAt: new Date(now.getTime() + 25 * DAY), importKey: `${s.key}-A-next` },
      { planId: v2, ownerOrgId: s.b.id, kind: 'joint_content', title: 'Joint customer case study', measure: 'Published', dueAt: new Date(now.getTime() + 40 * DAY), importKey: `${s.key}-B-next` },
    ])

    // Quarterly reviews: four over the last year (the last 25 days ago), and the next one coming up.
    for (const [i, who] of s.reviews.entries()) {
      const scheduledAt = ago(25 + 91 * (s.reviews.length - 1 - i))
      const [review] = await db
        .insert(partnershipReviews)
        .values({
          partnershipId: p!.id,
          scheduledAt,
          heldAt: who ? scheduledAt : null,
          notes: who ? 'Pipeline against target, commitments due and overdue per side, joint wins, open issues.' : '',
          importKey: `${s.key}-r${i + 1}`,
          createdBy: vendor.userId,
        })
        .returning({ id: partnershipReviews.id })
      if (!who) continue
      await db.insert(partnershipReviewAttendees).values([
        { reviewId: review!.id, orgId: s.a.id, userId: s.a.userId, name: s.a.userName, sponsor: who === 'both' || who === 'A' },
        { reviewId: review!.id, orgId: s.b.id, userId: s.b.userId, name: s.b.userName, sponsor: who === 'both' || who === 'B' },
      ])
    }
    await db.insert(partnershipReviews).values({ partnershipId: p!.id, scheduledAt: new Date(now.getTime() + 9 * DAY), importKey: `${s.key}-r-next`, createdBy: vendor.userId })

    // Joint pipeline in the last complete quarter: opportunities the partner sourced.
    if (s.sourced.length) {
      await db.insert(opportunities).values(
        s.sourced.map((amount, i) => ({
          orgId: vendor.id,
          title: 'Joint platform deal',
          accountName: `${s.b.name} joint account ${i + 1}`,
          amount,
          stage: 'qualified' as const,
          sourcedByOrgId: s.b.id,
          importKey: `${s.key}-opp-${i + 1}`,
          createdAt: new Date(last.start.getTime() + (10 + i * 20) * DAY),
        })),
      )
    }
  }

  // Activity: top up the last two quarters so each partnership shows its state whatever the
  // analytics history put there (declined referrals between the two sides).
  const topUp = async (s: Spec, quarter: { start: Date }, n: number) => {
    if (n <= 0) return
    await db.insert(referrals).values(
      Array.from({ length: n }, (_, i) => ({
        fromOrgId: i % 2 ? s.a.id : s.b.id,
        toOrgId: i % 2 ? s.b.id : s.a.id,
        accountName: `Joint prospect ${i + 1}`,
        status: 'declined' as const,
        createdAt: new Date(quarter.start.getTime() + (5 + i) * DAY),
        respondedAt: new Date(quarter.start.getTime() + (6 + i) * DAY),
        importKey: `${s.key}-act-${quarter.start.toISOString().slice(0, 7)}-${i + 1}`,
      })),
    )
  }
  let health = await partnershipHealthMany(db, [...ids.values()], now)
  for (const s of specs) {
    const counts = Object.values(health.get(ids.get(s.key)!)!.activity.byQuarter)
    const prev = counts[2]!
    const lastN = counts[3]!
    if (s.drifting) await topUp(s, quarters[2]!, Math.ceil((lastN + 1) / 0.7) + 2 - prev)
    else await topUp(s, last, Math.ceil(0.85 * prev) + 1 - lastN)
  }

  // Targets for the last complete quarter, so attainment lands where each story needs it.
  await db.execute(
    sql`update partnership_plans set targets = jsonb_set(targets, '{3,pipeline}', '1'::jsonb) where id in (${sql.join(
      [...planOf.values()].map((id) => sql`${id}`),
      sql`, `,
    )})`,
  )
  health = await partnershipHealthMany(db, [...ids.values()], now)
  for (const s of specs) {
    const pipeline = health.get(ids.get(s.key)!)!.pipeline.attainment ?? 0
    const target = pipeline > 0 ? Math.round(pipeline / s.attainment) : 25_000_000
    await db.execute(sql`update partnership_plans set targets = jsonb_set(targets, '{3,pipeline}', ${String(target)}::jsonb) where id = ${planOf.get(s.key)!}`)
  }
  log(`Seeded ${specs.length} partnerships with plans, commitments and reviews.`)
}

/** The seeded partnership keys → ids (for tests and the e2e spec). */
export async function seededPartnershipIds() {
  const rows = await db
    .select({ id: partnerships.id, key: partnerships.importKey })
    .from(partnerships)
    .where(inArray(partnerships.importKey, Object.values(SEEDED_PARTNERSHIPS)))
  return new Map(rows.map((r) => [r.key!, r.id]))
}
