import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { memberships } from '#db/schema/orgs.ts'
import { partnershipCommitments, partnershipPlans, partnershipReviewAttendees, partnershipReviews, type PlanTarget } from '#db/schema/partnerships.ts'
import { conflict, invalid, notFound } from '#app/utils/errors.ts'
import { assertOrgMayAct, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { assertPartnershipGovernor, assertSideEditor, visiblePartnership, type Partnership } from '#app/features/partnerships/access.server.ts'
import { audienceOf, changeStage, insertAssessment, jointOpportunitiesSql, lockPartnership, peopleOf, sidesOf } from '#app/features/partnerships/partnerships.server.ts'
import { pipelineAgainstTargets } from '#app/features/partnerships/plans.server.ts'
import { isoDay, quarterEndDay, quarterOf, quarterRange } from '#app/features/partnerships/quarters.ts'
import { RecordAnnualSchema, RecordReviewSchema, ScheduleReviewSchema } from '#app/features/partnerships/schemas.ts'

/** Reviews are run by the vendor's team or either side's admins; the annual strategic review (it re-scores fit) by the vendor's team. */
function assertReviewer(actor: Actor, p: Partnership, kind: 'quarterly' | 'annual') {
  if (kind === 'annual') return assertPartnershipGovernor(actor)
  if (isVendor(actor)) return assertOrgMayAct(actor, 'run a partnership review')
  assertSideEditor(actor, p, actor.orgId)
}

export async function listReviews(actor: Actor, partnershipId: string) {
  const p = await visiblePartnership(db, actor, partnershipId)
  return db.select().from(partnershipReviews).where(eq(partnershipReviews.partnershipId, p.id)).orderBy(desc(partnershipReviews.scheduledAt)).limit(50)
}

/**
 * Schedules a review. A quarterly review comes from the active plan (none without one) and by
 * default falls on the last day of the current quarter; a date, when given, is today or later.
 */
export async function scheduleReview(actor: Actor, partnershipId: string, input: unknown, now = new Date()) {
  const data = parseOrThrow(ScheduleReviewSchema, input, 'The review was not scheduled: correct the highlighted fields.')
  const p0 = await visiblePartnership(db, actor, partnershipId)
  assertReviewer(actor, p0, data.kind)
  const scheduledAt = data.scheduledAt ? new Date(`${data.scheduledAt}T12:00:00Z`) : quarterEndDay(now)
  if (isoDay(scheduledAt) < isoDay(now)) throw invalid('A review is scheduled for today or later.', { scheduledAt: ['Choose today or a later date.'] })
  return db.transaction(async (tx) => {
    const p = await lockPartnership(tx, actor, partnershipId)
    if (p.stage === 'concluded') throw invalid('This partnership is concluded: no more reviews.')
    if (data.kind === 'quarterly') {
      const [active] = await tx
        .select({ id: partnershipPlans.id })
        .from(partnershipPlans)
        .where(and(eq(partnershipPlans.partnershipId, p.id), eq(partnershipPlans.status, 'active')))
      if (!active) throw invalid('Quarterly reviews follow the active joint business plan: have both sides sign a plan first.')
    }
    const [dup] = await tx
      .select({ id: partnershipReviews.id })
      .from(partnershipReviews)
      .where(
        and(
          eq(partnershipReviews.partnershipId, p.id),
          eq(partnershipReviews.kind, data.kind),
          sql`${partnershipReviews.heldAt} is null`,
          sql`${partnershipReviews.scheduledAt}::date = ${isoDay(scheduledAt)}::date`,
        ),
      )
    if (dup) throw conflict('A review of this kind is already scheduled on that day.', { scheduledAt: ['Already scheduled on that day.'] })
    const [row] = await tx.insert(partnershipReviews).values({ partnershipId: p.id, kind: data.kind, scheduledAt, createdBy: actor.userId }).returning()
    await recordEvent(tx, {
      type: 'partnership.review.scheduled',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'partnership',
      subjectId: p.id,
      payload: { ...(await sidesOf(tx, p)), reviewId: row!.id, kind: data.kind, scheduledAt: scheduledAt.toISOString() },
      audience: audienceOf(p),
    })
    return row!
  })
}

/**
 * A review with its agenda generated from data for the quarter it falls in: pipeline against the
 * active plan's target, commitments due in the quarter and overdue per side, joint wins, and open
 * issues (overdue commitments, a draft not signed by both sides).
 */
export async function getReview(actor: Actor, partnershipId: string, reviewId: string, now = new Date()) {
  const p = await visiblePartnership(db, actor, partnershipId)
  const [review] = await db
    .select()
    .from(partnershipReviews)
    .where(and(eq(partnershipReviews.id, reviewId), eq(partnershipReviews.partnershipId, p.id)))
  if (!review) throw notFound('We could not find that review.')
  const sides = await sidesOf(db, p)
  const quarter = quarterOf(review.scheduledAt)
  const [start, end] = quarterRange(quarter)
  const plans = await db.select().from(partnershipPlans).where(eq(partnershipPlans.partnershipId, p.id)).orderBy(desc(partnershipPlans.version))
  const active = plans.find((x) => x.status === 'active') ?? null
  const draft = plans.find((x) => x.status === 'draft') ?? null
  const signedIds = plans.filter((x) => x.status !== 'draft').map((x) => x.id)
  const commitments = signedIds.length ? await db.select().from(partnershipCommitments).where(inArray(partnershipCommitments.planId, signedIds)).orderBy(asc(partnershipCommitments.dueAt)) : []
  const target: PlanTarget | undefined = active?.targets.find((t) => t.quarter === quarter)
  const [pipeline] = target ? await pipelineAgainstTargets(p, [target]) : [null]
  const [wins] = await queryRows<{ opps: number; amount: string | number; referrals: number }>(
    db,
    sql`select
      (select count(*)::int from (${jointOpportunitiesSql(p.orgAId, p.orgBId)}) j where j.stage = 'won' and j.closed_at >= ${start.toISOString()} and j.closed_at < ${end.toISOString()}) as opps,
      (select coalesce(sum(amount), 0) from (${jointOpportunitiesSql(p.orgAId, p.orgBId)}) j where j.stage = 'won' and j.closed_at >= ${start.toISOString()} and j.closed_at < ${end.toISOString()}) as amount,
      (select count(*)::int from referrals r where ((r.from_org_id = ${p.orgAId} and r.to_org_id = ${p.orgBId}) or (r.from_org_id = ${p.orgBId} and r.to_org_id = ${p.orgAId})) and r.status = 'won' and r.closed_at >= ${start.toISOString()} and r.closed_at < ${end.toISOString()}) as referrals`,
  )
  const perSide = [p.orgAId, p.orgBId].map((orgId) => ({
    orgId,
    name: orgId === p.orgAId ? sides.orgAName : sides.orgBName,
    due: commitments.filter((c) => c.ownerOrgId === orgId && c.dueAt >= start && c.dueAt < end),
    overdue: commitments.filter((c) => c.ownerOrgId === orgId && c.status === 'open' && c.dueAt.getTime() < now.getTime()),
  }))
  const issues: string[] = []
  for (const s of perSide) for (const c of s.overdue) issues.push(`${s.name}: “${c.title}” is overdue (due ${isoDay(c.dueAt)}).`)
  if (draft) issues.push(`Version ${draft.version} of the plan is a draft not yet signed by both sides.`)
  const [attendees, actionItems, people] = await Promise.all([
    db.select().from(partnershipReviewAttendees).where(eq(partnershipReviewAttendees.reviewId, review.id)).orderBy(asc(partnershipReviewAttendees.name)),
    db.select().from(partnershipCommitments).where(eq(partnershipCommitments.reviewId, review.id)).orderBy(asc(partnershipCommitments.dueAt)),
    peopleOf(db, [p.orgAId, p.orgBId]),
  ])
  return {
    partnership: p,
    sides,
    review,
    quarter,
    agenda: { pipeline, target: target ?? null, perSide, wins: { opportunities: wins!.opps, amount: Number(wins!.amount), referrals: wins!.referrals }, issues },
    attendees,
    actionItems,
    people,
    currency: active?.currency ?? 'USD',
    canRecord:
      !review.heldAt &&
      (review.kind === 'annual' ? isVendor(actor) : isVendor(actor) || ((actor.orgId === p.orgAId || actor.orgId === p.orgBId) && (actor.role === 'partner_admin' || actor.role === 'vendor_admin'))),
  }
}

/**
 * Records a held review: attendance per side (sponsors flagged), notes, decisions, and action
 * items. Action items become commitments attached to the active version with `reviewId` set —
 * agreed in the review by both sides present, so they need no new sign-off (docs: README,
 * "Strategic partnerships"). An annual review also re-scores fit and records a decision;
 * "conclude" moves the partnership to concluded.
 */
export async function recordReview(actor: Actor, partnershipId: string, reviewId: string, input: unknown) {
  const p0 = await visiblePartnership(db, actor, partnershipId)
  const [review0] = await db
    .select()
    .from(partnershipReviews)
    .where(and(eq(partnershipReviews.id, reviewId), eq(partnershipReviews.partnershipId, p0.id)))
  if (!review0) throw notFound('We could not find that review.')
  assertReviewer(actor, p0, review0.kind)
  const message = 'The review was not recorded: correct the highlighted fields.'
  const annual = review0.kind === 'annual' ? parseOrThrow(RecordAnnualSchema, input, message) : null
  const data = annual ?? parseOrThrow(RecordReviewSchema, input, message)
  const people = await db
    .select({ userId: memberships.userId, orgId: memberships.orgId })
    .from(memberships)
    .where(inArray(memberships.orgId, [p0.orgAId, p0.orgBId]))
  const fieldErrors: Record<string, string[]> = {}
  for (const u of [...data.attendees, ...data.sponsors]) if (!people.some((m) => m.userId === u)) fieldErrors.attendees = ['Choose attendees from the two sides.']
  const items = data.actionItems.filter((a) => a.title)
  data.actionItems.forEach((a, i) => {
    if (!a.title) return
    if (a.ownerOrgId !== p0.orgAId && a.ownerOrgId !== p0.orgBId) fieldErrors[`actionItems[${i}].ownerOrgId`] = ['Choose one of the two sides of this plan.']
    if (!/^\d{4}-\d{2}-\d{2}$/.test(a.dueAt) || Number.isNaN(Date.parse(`${a.dueAt}T00:00:00Z`))) fieldErrors[`actionItems[${i}].dueAt`] = ['Enter the due date (yyyy-mm-dd).']
    else if (a.dueAt < isoDay(review0.scheduledAt)) fieldErrors[`actionItems[${i}].dueAt`] = ['An action item is due after the review.']
  })
  if (Object.keys(fieldErrors).length) throw invalid('The review was not recorded: correct the highlighted fields.', fieldErrors)
  return db.transaction(async (tx) => {
    const p = await lockPartnership(tx, actor, partnershipId)
    const [review] = await tx.select().from(partnershipReviews).where(eq(partnershipReviews.id, review0.id))
    if (review!.heldAt) throw conflict('This review has already been recorded.')
    const [active] = await tx
      .select()
      .from(partnershipPlans)
      .where(and(eq(partnershipPlans.partnershipId, p.id), eq(partnershipPlans.status, 'active')))
    if (items.length && !active) throw invalid('Action items become commitments of the active plan: have both sides sign a plan first.')
    const now = new Date()
    const names = await peopleOf(tx, [p.orgAId, p.orgBId])
    const attendeeIds = [...new Set([...data.attendees, ...data.sponsors])]
    if (attendeeIds.length)
      await tx.insert(partnershipReviewAttendees).values(
        attendeeIds.map((userId) => {
          const person = names.find((n) => n.userId === userId)!
          return { reviewId: review!.id, orgId: person.orgId, userId, name: person.name, sponsor: data.sponsors.includes(userId) }
        }),
      )
    await tx.update(partnershipReviews).set({ heldAt: now, notes: data.notes, decisions: data.decisions }).where(eq(partnershipReviews.id, review!.id))
    for (const a of items) {
      await tx
        .insert(partnershipCommitments)
        .values({ planId: active!.id, ownerOrgId: a.ownerOrgId, kind: a.kind, title: a.title, dueAt: new Date(`${a.dueAt}T12:00:00Z`), reviewId: review!.id, createdBy: actor.userId })
    }
    let decision: 'continue' | 'modify' | 'transition' | 'conclude' | null = null
    if (annual) {
      decision = annual.decision
      await insertAssessment(tx, actor, p, annual, { kind: 'annual', decision: annual.decision, decisionNote: annual.decisionNote })
      if (annual.decision === 'conclude' && p.stage !== 'concluded') await changeStage(tx, actor, p, 'concluded', annual.decisionNote || 'Concluded at the annual strategic review.')
    }
    await recordEvent(tx, {
      type: 'partnership.review.recorded',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'partnership',
      subjectId: p.id,
      payload: { ...(await sidesOf(tx, p)), reviewId: review!.id, kind: review!.kind, actionItems: items.length, decision },
      audience: audienceOf(p),
    })
    return { reviewId: review!.id, actionItems: items.length, decision }
  })
}
