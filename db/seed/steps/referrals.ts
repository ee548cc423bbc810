import { and, asc, eq, inArray } from 'drizzle-orm'
import { computeFee } from '#app/features/referrals/schemas.ts'
import { createId } from '#app/utils/id.ts'
import { db } from '#db/client.server.ts'
import {
  endorsements,
  memberships,
  messages,
  notifications,
  organizations,
  referralFees,
  referralProgramSettings,
  referrals,
  referralTimeline,
  threadReads,
  threads,
  type ReferralStatus,
} from '#db/schema/index.ts'
import type { SeedContext, SeedStep } from '#db/seed/step.ts'
import { DEMO_PARTNER_SLUGS, DEMO_VENDOR } from '#db/seed/steps/foundation.ts'

const HOUR = 3600_000
const DAY = 24 * HOUR

const NEEDS = [
  'Migrating their data warehouse to the cloud before the end of the fiscal year.',
  'Looking for a managed security service for 40 branch offices.',
  'Needs an integration between their ERP and our platform, with SSO.',
  'Evaluating a replacement for their legacy CRM; budget approved for Q3.',
  'Wants a 24/7 support partner in APAC for their rollout.',
  'Expanding to EMEA and needs a local implementation partner.',
  'Needs help with compliance reporting (SOC 2, ISO 27001).',
  'Asked for a proof of concept on analytics dashboards for retail stores.',
]
const MESSAGES = [
  'Thanks for the intro! Do you have a contact in their IT team?',
  'Yes, their CTO is the sponsor. I will set up a call next week.',
  'Sharing the RFP summary here: https://example.com/rfp-summary',
  'We had a great first meeting. They want a proposal by Friday.',
  'Can you join the follow-up call on Tuesday at 15:00 UTC?',
  'Sure, I will be there.',
  'The procurement process takes about 6 weeks on their side.',
  'Proposal sent. Fingers crossed!',
  'They signed! Thank you for the referral.',
  'Great news. Let me know how the onboarding goes.',
]
const DECLINE_REASONS = ['Not our region', 'No capacity this quarter', 'Outside our expertise', 'expired']
const LOST_REASONS = ['Went with a competitor', 'Budget was cut', 'Project postponed indefinitely', 'Chose to build in-house']

/**
 * Hundreds of referrals in every status across the demo partners (many between Northwind and
 * Bluepeak, in both directions), each with its thread, messages and timeline; fees for the won
 * ones in every ledger state; endorsements; a few unread notifications for the demo users.
 * Written in bulk: the history is laid out before "now", so no domain events are replayed.
 */
export async function seedReferrals({ faker, now, log }: SeedContext) {
  const partners = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.kind, 'partner'), eq(organizations.status, 'active')))
    .orderBy(asc(organizations.slug))
  const northwind = partners.find((p) => p.slug === DEMO_PARTNER_SLUGS.northwind)
  const bluepeak = partners.find((p) => p.slug === DEMO_PARTNER_SLUGS.bluepeak)
  const [vendor] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, DEMO_VENDOR.slug))
  if (!northwind || !bluepeak || !vendor) throw new Error('The referrals seed needs the foundation step (Northwind, Bluepeak and the vendor).')
  const members = await db
    .select({ userId: memberships.userId, orgId: memberships.orgId })
    .from(memberships)
    .where(
      inArray(
        memberships.orgId,
        partners.map((p) => p.id),
      ),
    )
  const usersOf = new Map<string, string[]>()
  for (const m of members) usersOf.set(m.orgId, [...(usersOf.get(m.orgId) ?? []), m.userId])

  await db
    .insert(referralProgramSettings)
    .values({ orgId: vendor.id, remindAfterHours: 48, expireAfterHours: 120, defaultFeeType: 'percent', defaultFeePercentBps: 1000, defaultFeeCapAmount: 2_500_000 })
    .onConflictDoNothing()

  const others = partners.filter((p) => p.id !== northwind.id && p.id !== bluepeak.id)
  const pairs: [typeof northwind, typeof northwind][] = []
  for (let i = 0; i < 30; i++) pairs.push([northwind, bluepeak])
  for (let i = 0; i < 24; i++) pairs.push([bluepeak, northwind])
  for (let i = 0; i < 40; i++) pairs.push([northwind, faker.helpers.arrayElement(others)])
  for (let i = 0; i < 40; i++) pairs.push([faker.helpers.arrayElement(others), northwind])
  for (let i = 0; i < 40; i++) pairs.push([bluepeak, faker.helpers.arrayElement(others)])
  for (let i = 0; i < 40; i++) pairs.push([faker.helpers.arrayElement(others), bluepeak])
  for (let i = 0; i < 150; i++) {
    const [a, b] = faker.helpers.arrayElements(others, 2)
    pairs.push([a!, b!])
  }

  const statuses: ReferralStatus[] = ['submitted', 'accepted', 'declined', 'in_progress', 'won', 'lost']
  const refRows: (typeof referrals.$inferInsert)[] = []
  const timelineRows: (typeof referralTimeline.$inferInsert)[] = []
  const feeRows: (typeof referralFees.$inferInsert)[] = []
  const threadRows: (typeof threads.$inferInsert)[] = []
  const messageRows: (typeof messages.$inferInsert)[] = []
  const readRows: (typeof threadReads.$inferInsert)[] = []
  const endorsementRows: (typeof endorsements.$inferInsert)[] = []
  const notificationRows: (typeof notifications.$inferInsert)[] = []

  pairs.forEach(([from, to], i) => {
    // Every status is well represented, Northwind ↔ Bluepeak included.
    const status = statuses[i % statuses.length]!
    const id = createId()
    const company = faker.company.name()
    const domain = `${
      company
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '')
        .slice(0, 30) || 'company'
    }${i}.example.com`
    const createdAt = status === 'submitted' ? new Date(now.getTime() - faker.number.int({ min: 1, max: 40 }) * HOUR) : new Date(now.getTime() - faker.number.int({ min: 3, max: 170 }) * DAY)
    const respondedAt = status === 'submitted' ? null : new Date(createdAt.getTime() + faker.number.int({ min: 2, max: 60 }) * HOUR)
    const closedAt = status === 'won' || status === 'lost' ? new Date(Math.min(now.getTime() - HOUR, createdAt.getTime() + faker.number.int({ min: 5, max: 60 }) * DAY)) : null
    const feeType = faker.helpers.weightedArrayElement([
      { value: 'percent' as const, weight: 6 },
      { value: 'fixed' as const, weight: 3 },
      { value: 'none' as const, weight: 1 },
    ])
    const terms = {
      feeType,
      feePercentBps: feeType === 'percent' ? faker.helpers.arrayElement([500, 750, 1000, 1500]) : null,
      feeFixedAmount: feeType === 'fixed' ? faker.helpers.arrayElement([100_000, 250_000, 500_000]) : null,
      feeCapAmount: feeType === 'percent' && faker.datatype.boolean() ? 2_500_000 : null,
    }
    const estimatedValue = faker.number.int({ min: 50, max: 2_000 }) * 10_000
    const wonAmount = status === 'won' ? Math.round(estimatedValue * faker.number.float({ min: 0.6, max: 1.4 })) : null
    const fromUsers = usersOf.get(from.id) ?? []
    const toUsers = usersOf.get(to.id) ?? []
    const createdBy = fromUsers[0] ?? null
    const declineReason = status === 'declined' ? faker.helpers.arrayElement(DECLINE_REASONS) : null
    refRows.push({
      id,
      fromOrgId: from.id,
      toOrgId: to.id,
      createdBy,
      accountName: company,
      accountDomain: domain,
      contactName: faker.person.fullName(),
      contactEmail: faker.internet.email({ provider: domain }).toLowerCase(),
      need: faker.helpers.arrayElement(NEEDS),
      estimatedValue,
      status,
      declineReason,
      lostReason: status === 'lost' ? faker.helpers.arrayElement(LOST_REASONS) : null,
      wonAmount,
      ...terms,
      termsAcceptedAt: ['accepted', 'in_progress', 'won', 'lost'].includes(status) ? respondedAt : null,
      createdAt,
      respondedAt,
      closedAt,
      remindedAt: status === 'declined' && declineReason === 'expired' ? new Date(createdAt.getTime() + 48 * HOUR) : null,
      updatedAt: closedAt ?? respondedAt ?? createdAt,
    })
    const step = (at: Date, toStatus: ReferralStatus, summary: string, actorOrg: string | null) =>
      timelineRows.push({ referralId: id, kind: 'status', toStatus, summary, createdAt: at, actorOrgId: actorOrg })
    step(createdAt, 'submitted', `${from.name} referred ${company} to ${to.name}.`, from.id)
    if (status === 'declined')
      step(respondedAt!, 'declined', declineReason === 'expired' ? 'Expired: not answered within 120 hours.' : `${to.name} declined: ${declineReason}`, declineReason === 'expired' ? null : to.id)
    if (['accepted', 'in_progress', 'won', 'lost'].includes(status)) step(respondedAt!, 'accepted', `${to.name} accepted the referral and its fee terms.`, to.id)
    if (['in_progress', 'won', 'lost'].includes(status)) step(new Date(respondedAt!.getTime() + DAY), 'in_progress', `${to.name} started working with ${company}.`, to.id)
    if (status === 'won') step(closedAt!, 'won', `${to.name} won ${company}.`, to.id)
    if (status === 'lost') step(closedAt!, 'lost', `${to.name} lost ${company}.`, to.id)

    if (status === 'won' && feeType !== 'none') {
      const fee = computeFee(terms, wonAmount!)
      const feeStatus = faker.helpers.arrayElement(['owed', 'paid', 'confirmed'] as const)
      feeRows.push({
        referralId: id,
        payerOrgId: to.id,
        payeeOrgId: from.id,
        amount: fee.amount,
        basis: fee.basis,
        status: feeStatus,
        paidAt: feeStatus === 'owed' ? null : new Date(closedAt!.getTime() + 5 * DAY),
        paidBy: feeStatus === 'owed' ? null : (toUsers[0] ?? null),
        paymentReference: feeStatus === 'owed' ? null : `INV-${1000 + i}`,
        confirmedAt: feeStatus === 'confirmed' ? new Date(closedAt!.getTime() + 7 * DAY) : null,
        confirmedBy: feeStatus === 'confirmed' ? (fromUsers[0] ?? null) : null,
        createdAt: closedAt!,
      })
    }
    if (status === 'won') {
      if (faker.number.float() < 0.7)
        endorsementRows.push({
          referralId: id,
          fromOrgId: from.id,
          toOrgId: to.id,
          rating: faker.helpers.weightedArrayElement([
            { value: 5, weight: 5 },
            { value: 4, weight: 3 },
            { value: 3, weight: 1 },
          ]),
          comment: faker.helpers.arrayElement([null, 'Great partner, fast and professional.', 'Closed the deal quickly.', 'Very responsive team.']),
          createdBy: fromUsers[0] ?? null,
          createdAt: new Date(closedAt!.getTime() + 2 * DAY),
        })
      if (faker.number.float() < 0.6)
        endorsementRows.push({
          referralId: id,
          fromOrgId: to.id,
          toOrgId: from.id,
          rating: faker.helpers.weightedArrayElement([
            { value: 5, weight: 4 },
            { value: 4, weight: 3 },
            { value: 2, weight: 1 },
          ]),
          comment: faker.helpers.arrayElement([null, 'A well-qualified introduction.', 'Thanks for the warm intro!']),
          createdBy: toUsers[0] ?? null,
          createdAt: new Date(closedAt!.getTime() + 3 * DAY),
        })
    }

    const threadId = createId()
    const count = status === 'submitted' ? faker.number.int({ min: 0, max: 2 }) : faker.number.int({ min: 1, max: 8 })
    const lastAt = new Date(Math.min(now.getTime() - 60_000, createdAt.getTime() + count * 6 * HOUR))
    threadRows.push({ id: threadId, kind: 'referral', subjectId: id, title: `Referral: ${company}`, lastSeq: count, lastMessageAt: count ? lastAt : null, createdAt })
    for (let s = 1; s <= count; s++) {
      const fromSide = s % 2 === 1
      const author = fromSide ? fromUsers[s % Math.max(1, fromUsers.length)] : toUsers[s % Math.max(1, toUsers.length)]
      messageRows.push({
        threadId,
        seq: s,
        authorId: author ?? null,
        authorOrgId: fromSide ? from.id : to.id,
        body: MESSAGES[(i + s) % MESSAGES.length]!,
        createdAt: new Date(Math.min(now.getTime() - 60_000, createdAt.getTime() + s * 6 * HOUR)),
      })
    }
    // Everyone has read everything except the newest message in some Northwind/Bluepeak threads.
    for (const u of [...fromUsers, ...toUsers]) readRows.push({ threadId, userId: u, lastReadSeq: count > 0 && i % 5 === 0 ? count - 1 : count })

    if (status === 'submitted' && (to.id === bluepeak.id || to.id === northwind.id) && i % 3 === 0) {
      for (const u of toUsers)
        notificationRows.push({
          userId: u,
          orgId: to.id,
          kind: 'referral_received',
          title: `New referral from ${from.name}: ${company}`,
          body: 'Accept or decline it, and review the proposed fee.',
          link: `/referrals/${id}`,
          createdAt,
        })
    }
  })

  const chunks = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500))
  }
  await db.transaction(async (tx) => {
    await chunks(refRows, (c) => tx.insert(referrals).values(c))
    await chunks(timelineRows, (c) => tx.insert(referralTimeline).values(c))
    await chunks(feeRows, (c) => tx.insert(referralFees).values(c))
    await chunks(endorsementRows, (c) => tx.insert(endorsements).values(c))
    await chunks(threadRows, (c) => tx.insert(threads).values(c))
    await chunks(messageRows, (c) => tx.insert(messages).values(c))
    await chunks(readRows, (c) => tx.insert(threadReads).values(c).onConflictDoNothing())
    await chunks(notificationRows, (c) => tx.insert(notifications).values(c))
  })
  log(
    `  ${refRows.length} referrals (${pairs.filter(([a, b]) => (a.id === northwind.id && b.id === bluepeak.id) || (a.id === bluepeak.id && b.id === northwind.id)).length} between Northwind and Bluepeak), ${messageRows.length} messages, ${feeRows.length} fees, ${endorsementRows.length} endorsements`,
  )
}

export const referralsStep: SeedStep = { name: 'referrals, threads, fees and endorsements', run: seedReferrals }
