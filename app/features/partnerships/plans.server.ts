import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { db, queryRows, type Tx } from '#db/client.server.ts'
import { memberships } from '#db/schema/orgs.ts'
import {
  partnershipCommitments,
  partnershipPlans,
  partnershipPlanSignoffs,
  partnerships,
  partnershipSponsors,
  type CommitmentStatus,
  type PlanScope,
  type PlanTarget,
} from '#db/schema/partnerships.ts'
import { conflict, forbidden, invalid, notFound } from '#app/utils/errors.ts'
import { isOrgAdmin, isVendor, orgMayAct, type Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { assertSideEditor, isSide, visiblePartnership, type Partnership } from '#app/features/partnerships/access.server.ts'
import { audienceOf, getPartnershipSettings, jointOpportunitiesSql, lockPartnership, peopleOf, sidesOf, type Sides } from '#app/features/partnerships/partnerships.server.ts'
import { quarterRange } from '#app/features/partnerships/quarters.ts'
import { CommitmentSchema, CommitmentStatusSchema, COMMITMENT_KIND_LABELS, PlanDraftSchema, SignSchema, EditCommitmentSchema } from '#app/features/partnerships/schemas.ts'

export type Plan = typeof partnershipPlans.$inferSelect
export type Sponsor = typeof partnershipSponsors.$inferSelect
export type Commitment = typeof partnershipCommitments.$inferSelect

// ---------------------------------------------------------------- reading ----------------------

/** May this actor co-author the plan and sign for its side? (A side's admin, or the vendor's team for the vendor's side.) */
export function canEditSide(actor: Actor, p: Pick<Partnership, 'orgAId' | 'orgBId'>) {
  return isSide(p, actor.orgId) && orgMayAct(actor) && (isVendor(actor) || isOrgAdmin(actor))
}

/**
 * Everything the plan page shows: the active version, the draft (if any) with its sign-offs and a
 * diff against the active one, every commitment agreed so far (and those proposed in the draft),
 * the activation window and pipeline against targets.
 */
export async function getPlanView(actor: Actor, partnershipId: string, now = new Date()) {
  const p = await visiblePartnership(db, actor, partnershipId)
  const sides = await sidesOf(db, p)
  const plans = await db.select().from(partnershipPlans).where(eq(partnershipPlans.partnershipId, p.id)).orderBy(desc(partnershipPlans.version))
  const active = plans.find((x) => x.status === 'active') ?? null
  const draft = plans.find((x) => x.status === 'draft') ?? null
  const planIds = plans.map((x) => x.id)
  const [sponsors, signoffs, commitments, people] = await Promise.all([
    planIds.length ? db.select().from(partnershipSponsors).where(inArray(partnershipSponsors.planId, planIds)).orderBy(asc(partnershipSponsors.name)) : [],
    draft ? db.select().from(partnershipPlanSignoffs).where(eq(partnershipPlanSignoffs.planId, draft.id)) : [],
    planIds.length ? db.select().from(partnershipCommitments).where(inArray(partnershipCommitments.planId, planIds)).orderBy(asc(partnershipCommitments.dueAt), asc(partnershipCommitments.id)) : [],
    peopleOf(db, [p.orgAId, p.orgBId]),
  ])
  const signed = new Set(plans.filter((x) => x.status !== 'draft').map((x) => x.id))
  const rows = commitments.map((c) => ({
    ...c,
    agreed: signed.has(c.planId),
    overdue: signed.has(c.planId) && c.status === 'open' && c.dueAt.getTime() < now.getTime(),
    ownerName: people.find((u) => u.userId === c.ownerUserId)?.name ?? null,
    canChangeStatus: signed.has(c.planId) && actor.orgId === c.ownerOrgId && canEditSide(actor, p),
  }))
  const settings = await getPartnershipSettings()
  const sponsorsOf = (plan: Plan | null) => (plan ? sponsors.filter((s) => s.planId === plan.id) : [])
  return {
    partnership: p,
    sides,
    active,
    draft,
    versions: plans.map((x) => ({ id: x.id, version: x.version, status: x.status, signedAt: x.signedAt, supersededAt: x.supersededAt })),
    activeSponsors: sponsorsOf(active),
    draftSponsors: sponsorsOf(draft),
    signoffs,
    commitments: rows,
    diff: draft
      ? planDiff(
          active,
          sponsorsOf(active),
          draft,
          sponsorsOf(draft),
          sides,
          rows.filter((c) => c.planId === draft.id),
        )
      : [],
    activation: await activationStatus(p, plans, now),
    pipeline: active ? await pipelineAgainstTargets(p, active.targets) : [],
    people,
    currencies: settings.currencies,
    defaultWindow: settings.activationWindowDays,
    canEdit: canEditSide(actor, p),
    mySide: isSide(p, actor.orgId) ? actor.orgId : null,
  }
}

export type DiffLine = { field: string; before: string; after: string }

const fmtTargets = (targets: PlanTarget[], currency: string) =>
  targets
    .map((t) => `${t.quarter}: pipeline ${currency} ${(t.pipeline / 100).toLocaleString('en-US')}${t.revenue != null ? `, revenue ${currency} ${(t.revenue / 100).toLocaleString('en-US')}` : ''}`)
    .join('; ') || '(none)'
const fmtSponsors = (sponsors: Sponsor[], orgId: string) =>
  sponsors
    .filter((s) => s.orgId === orgId)
    .map((s) => (s.title ? `${s.name} (${s.title})` : s.name))
    .join(', ') || '(none)'

/**
 * A readable diff of a draft against the active version: each changed field with its value
 * before and after, and the commitments the draft adds. Without an active version (the first
 * plan), every filled field reads as added.
 */
export function planDiff(
  active: Plan | null,
  activeSponsors: Sponsor[],
  draft: Plan,
  draftSponsors: Sponsor[],
  sides: Sides,
  draftCommitments: Pick<Commitment, 'title' | 'ownerOrgId' | 'dueAt' | 'kind'>[],
): DiffLine[] {
  const lines: DiffLine[] = []
  const compare = (field: string, before: string, after: string) => {
    if (before !== after) lines.push({ field, before, after })
  }
  const scope = (s: PlanScope | undefined, k: keyof PlanScope) => (s?.[k] ?? []).join(', ') || '(none)'
  compare('Value proposition', active?.valueProposition || '(none)', draft.valueProposition || '(none)')
  compare('Segments', scope(active?.scope, 'segments'), scope(draft.scope, 'segments'))
  compare('Territories', scope(active?.scope, 'territories'), scope(draft.scope, 'territories'))
  compare('Solution categories', scope(active?.scope, 'categories'), scope(draft.scope, 'categories'))
  compare('Provisions', active?.provisions || '(none)', draft.provisions || '(none)')
  compare('Currency', active?.currency ?? '(none)', draft.currency)
  compare('Activation window', active ? `${active.activationWindowDays} days` : '(none)', `${draft.activationWindowDays} days`)
  compare('Targets', active ? fmtTargets(active.targets, active.currency) : '(none)', fmtTargets(draft.targets, draft.currency))
  compare(`Sponsors of ${sides.orgAName}`, fmtSponsors(activeSponsors, sides.orgAId), fmtSponsors(draftSponsors, sides.orgAId))
  compare(`Sponsors of ${sides.orgBName}`, fmtSponsors(activeSponsors, sides.orgBId), fmtSponsors(draftSponsors, sides.orgBId))
  for (const c of draftCommitments) {
    lines.push({
      field: 'New commitment',
      before: '',
      after: `${c.ownerOrgId === sides.orgAId ? sides.orgAName : sides.orgBName}: ${c.title} (${COMMITMENT_KIND_LABELS[c.kind]}), due ${c.dueAt.toISOString().slice(0, 10)}`,
    })
  }
  return lines
}

export type Activation =
  | { state: 'not_active' }
  | { state: 'met'; activatedAt: Date; windowEndsAt: Date; firstDealAt: Date; days: number; withinWindow: boolean }
  | { state: 'pending'; activatedAt: Date; windowEndsAt: Date; daysLeft: number }
  | { state: 'missed'; activatedAt: Date; windowEndsAt: Date }

/** The first joint deal on or after a time: a referral between the two, or an opportunity both touched. */
export async function firstJointDealAt(p: Pick<Partnership, 'orgAId' | 'orgBId'>, since: Date) {
  const [row] = await queryRows<{ at: Date | string | null }>(
    db,
    sql`select min(at) as at from (
          select r.created_at as at from referrals r
          where ((r.from_org_id = ${p.orgAId} and r.to_org_id = ${p.orgBId}) or (r.from_org_id = ${p.orgBId} and r.to_org_id = ${p.orgAId})) and r.created_at >= ${since.toISOString()}
          union all
          select j.created_at as at from (${jointOpportunitiesSql(p.orgAId, p.orgBId)}) j where j.created_at >= ${since.toISOString()}
        ) d`,
  )
  return row?.at ? new Date(row.at) : null
}

/**
 * The activation window: from the first signed version, the plan expects the first joint deal
 * within its window (days). Met (and whether in time), still pending, or missed.
 */
export async function activationStatus(p: Pick<Partnership, 'orgAId' | 'orgBId'>, plans: Plan[], now = new Date()): Promise<Activation> {
  const first = plans.filter((x) => x.signedAt).sort((x, y) => x.signedAt!.getTime() - y.signedAt!.getTime())[0]
  if (!first) return { state: 'not_active' }
  const activatedAt = first.signedAt!
  const windowEndsAt = new Date(activatedAt.getTime() + first.activationWindowDays * 86_400_000)
  const firstDealAt = await firstJointDealAt(p, activatedAt)
  if (firstDealAt) {
    const days = Math.floor((firstDealAt.getTime() - activatedAt.getTime()) / 86_400_000)
    return { state: 'met', activatedAt, windowEndsAt, firstDealAt, days, withinWindow: firstDealAt.getTime() <= windowEndsAt.getTime() }
  }
  if (now.getTime() > windowEndsAt.getTime()) return { state: 'missed', activatedAt, windowEndsAt }
  return { state: 'pending', activatedAt, windowEndsAt, daysLeft: Math.ceil((windowEndsAt.getTime() - now.getTime()) / 86_400_000) }
}

/** Per target quarter: joint pipeline created and joint revenue won in it, against the targets. */
export async function pipelineAgainstTargets(p: Pick<Partnership, 'orgAId' | 'orgBId'>, targets: PlanTarget[]) {
  if (!targets.length) return []
  const opps = await queryRows<{ amount: string | number; stage: string; created_at: Date | string; closed_at: Date | string | null }>(
    db,
    sql`select amount, stage, created_at, closed_at from (${jointOpportunitiesSql(p.orgAId, p.orgBId)}) j`,
  )
  return targets.map((t) => {
    const [start, end] = quarterRange(t.quarter)
    const inQ = (d: Date | string | null) => d != null && new Date(d) >= start && new Date(d) < end
    const pipeline = opps.filter((o) => inQ(o.created_at)).reduce((s, o) => s + Number(o.amount), 0)
    const revenue = opps.filter((o) => o.stage === 'won' && inQ(o.closed_at)).reduce((s, o) => s + Number(o.amount), 0)
    return { quarter: t.quarter, pipelineTarget: t.pipeline, pipeline, revenueTarget: t.revenue ?? null, revenue, attainment: t.pipeline > 0 ? pipeline / t.pipeline : null }
  })
}

// ---------------------------------------------------------------- drafting ---------------------

async function lockedPlans(tx: Tx, partnershipId: string) {
  return tx.select().from(partnershipPlans).where(eq(partnershipPlans.partnershipId, partnershipId)).orderBy(desc(partnershipPlans.version))
}

/**
 * The draft to edit, inside the caller's transaction (the partnership row locked): the existing
 * draft, or a new version copied from the active one (version + 1, same sponsors; commitments stay
 * with the version that introduced them), or a first empty version.
 */
async function ensureDraft(tx: Tx, actor: Actor, p: Partnership) {
  const plans = await lockedPlans(tx, p.id)
  const draft = plans.find((x) => x.status === 'draft')
  if (draft) return { draft, created: false }
  const active = plans.find((x) => x.status === 'active')
  const version = (plans[0]?.version ?? 0) + 1
  const settings = await getPartnershipSettings(tx)
  const [row] = await tx
    .insert(partnershipPlans)
    .values({
      partnershipId: p.id,
      version,
      status: 'draft',
      revision: 1,
      valueProposition: active?.valueProposition ?? '',
      scope: active?.scope ?? { segments: [], territories: [], categories: [] },
      provisions: active?.provisions ?? '',
      currency: active?.currency ?? settings.currencies[0] ?? 'USD',
      targets: active?.targets ?? [],
      activationWindowDays: active?.activationWindowDays ?? settings.activationWindowDays,
      createdBy: actor.userId,
    })
    .returning()
  if (active) {
    const sponsors = await tx.select().from(partnershipSponsors).where(eq(partnershipSponsors.planId, active.id))
    if (sponsors.length) await tx.insert(partnershipSponsors).values(sponsors.map(({ id: _id, planId: _p, ...s }) => ({ ...s, planId: row!.id })))
  }
  return { draft: row!, created: true }
}

function checkRevision(draft: Plan, created: boolean, revision: number | undefined) {
  if (created || revision === undefined) return
  if (draft.revision !== revision)
    throw conflict(
      `The draft changed since you opened it (it is now at revision ${draft.revision}, you read revision ${revision}). Nothing was saved: reload the page to see the other changes, then make yours again.`,
    )
}

async function bump(tx: Tx, actor: Actor, p: Partnership, draft: Plan, set: Partial<Plan> = {}) {
  const [row] = await tx
    .update(partnershipPlans)
    .set({ ...set, revision: draft.revision + 1, updatedAt: new Date() })
    .where(eq(partnershipPlans.id, draft.id))
    .returning()
  await recordEvent(tx, {
    type: 'partnership.plan.drafted',
    actorId: actor.userId,
    orgId: actor.orgId,
    subjectType: 'partnership',
    subjectId: p.id,
    payload: { ...(await sidesOf(tx, p)), planId: draft.id, version: draft.version, revision: row!.revision, byOrgId: actor.orgId },
    audience: audienceOf(p),
  })
  return row!
}

/**
 * Either side's admin edits the draft (creating it from the active version when there is none).
 * Every edit bumps the revision, so both sides sign what they read. The currency must be one of
 * the vendor's plan currencies; targets are non-negative and in quarter order.
 */
export async function saveDraft(actor: Actor, partnershipId: string, input: unknown) {
  const p0 = await visiblePartnership(db, actor, partnershipId)
  assertSideEditor(actor, p0, actor.orgId)
  const data = parseOrThrow(PlanDraftSchema, input, 'The plan was not saved: correct the highlighted fields.')
  const settings = await getPartnershipSettings()
  if (!settings.currencies.includes(data.currency)) throw invalid('Choose a currency from the list.', { currency: [`Choose one of ${settings.currencies.join(', ')}.`] })
  if (p0.stage === 'concluded') throw invalid('This partnership is concluded: its plan can no longer change.')
  const targets: PlanTarget[] = data.targets.filter((t) => t.quarter).map((t) => ({ quarter: t.quarter, pipeline: t.pipeline!, ...(t.revenue != null ? { revenue: t.revenue } : {}) }))
  return db.transaction(async (tx) => {
    const p = await lockPartnership(tx, actor, partnershipId)
    const { draft, created } = await ensureDraft(tx, actor, p)
    checkRevision(draft, created, data.revision)
    await tx.delete(partnershipSponsors).where(eq(partnershipSponsors.planId, draft.id))
    const sponsors = [
      { orgId: p.orgAId, name: data.sponsorAName, title: data.sponsorATitle },
      { orgId: p.orgBId, name: data.sponsorBName, title: data.sponsorBTitle },
    ].filter((s) => s.name)
    if (sponsors.length) await tx.insert(partnershipSponsors).values(sponsors.map((s) => ({ ...s, planId: draft.id })))
    return bump(tx, actor, p, draft, {
      valueProposition: data.valueProposition,
      scope: { segments: data.segments, territories: data.territories, categories: data.categories },
      provisions: data.provisions,
      currency: data.currency,
      targets,
      activationWindowDays: data.activationWindowDays,
    })
  })
}

/**
 * A side's admin adds a commitment to the draft (a plan change: the revision moves). The owner
 * must be one of the two sides, and the owner person a member of that side.
 */
export async function addCommitment(actor: Actor, partnershipId: string, input: unknown) {
  const p0 = await visiblePartnership(db, actor, partnershipId)
  assertSideEditor(actor, p0, actor.orgId)
  const data = parseOrThrow(CommitmentSchema, input, 'The commitment was not added: correct the highlighted fields.')
  if (!isSide(p0, data.ownerOrgId)) throw invalid('A commitment is owned by one of the two organizations of the plan.', { ownerOrgId: ['Choose one of the two sides of this plan.'] })
  if (data.ownerUserId) {
    const [member] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, data.ownerUserId), eq(memberships.orgId, data.ownerOrgId)))
    if (!member) throw invalid('The owner must be someone from the side that owns the commitment.', { ownerUserId: ['Choose a person from the owning side.'] })
  }
  return db.transaction(async (tx) => {
    const p = await lockPartnership(tx, actor, partnershipId)
    const { draft, created } = await ensureDraft(tx, actor, p)
    checkRevision(draft, created, data.revision)
    const [row] = await tx
      .insert(partnershipCommitments)
      .values({
        planId: draft.id,
        ownerOrgId: data.ownerOrgId,
        ownerUserId: data.ownerUserId || null,
        kind: data.kind,
        title: data.title,
        measure: data.measure,
        dueAt: new Date(`${data.dueAt}T12:00:00Z`),
        createdBy: actor.userId,
      })
      .returning()
    await bump(tx, actor, p, draft)
    return row!
  })
}

/** The owning side removes a commitment it proposed in the draft (a plan change). Agreed commitments are not removed: they are waived. */
export async function removeDraftCommitment(actor: Actor, commitmentId: string) {
  return db.transaction(async (tx) => {
    const { c, plan, p } = await commitmentFor(tx, actor, commitmentId)
    assertSideEditor(actor, p, c.ownerOrgId)
    if (plan.status !== 'draft') throw invalid('This commitment is part of a signed plan: mark it waived instead of removing it.')
    await tx.execute(sql`select 1 from partnerships where id = ${p.id} for update`)
    const [fresh] = await tx.select().from(partnershipPlans).where(eq(partnershipPlans.id, plan.id))
    await tx.delete(partnershipCommitments).where(eq(partnershipCommitments.id, c.id))
    await bump(tx, actor, p, fresh!)
  })
}

/**
 * The owning side edits a commitment it proposed in the draft, in place: kind, title, measure, due
 * date and owner. A plan change like any other: at the draft revision the editor read (a moved
 * revision is refused, nothing written), and it moves the revision, so both sides sign again.
 */
export async function updateDraftCommitment(actor: Actor, input: unknown) {
  const data = parseOrThrow(EditCommitmentSchema, input, 'The commitment was not changed: correct the highlighted fields.')
  return db.transaction(async (tx) => {
    const { c, plan, p } = await commitmentFor(tx, actor, data.commitmentId)
    assertSideEditor(actor, p, c.ownerOrgId)
    if (plan.status !== 'draft') throw invalid('This commitment is part of a signed plan: change its status, or propose a new commitment in the draft.')
    if (data.ownerUserId) {
      const [member] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.userId, data.ownerUserId), eq(memberships.orgId, c.ownerOrgId)))
      if (!member) throw invalid('The owner must be someone from the side that owns the commitment.', { ownerUserId: ['Choose a person from the owning side.'] })
    }
    await tx.execute(sql`select 1 from partnerships where id = ${p.id} for update`)
    const [fresh] = await tx.select().from(partnershipPlans).where(eq(partnershipPlans.id, plan.id))
    checkRevision(fresh!, false, data.revision)
    const [row] = await tx
      .update(partnershipCommitments)
      .set({
        ownerUserId: data.ownerUserId || null,
        kind: data.kind,
        title: data.title,
        measure: data.measure,
        dueAt: new Date(`${data.dueAt}T12:00:00Z`),
        updatedAt: new Date(),
      })
      .where(eq(partnershipCommitments.id, c.id))
      .returning()
    await bump(tx, actor, p, fresh!)
    return row!
  })
}

async function commitmentFor(tx: Tx, actor: Actor, commitmentId: string) {
  const [row] = await tx
    .select({ c: partnershipCommitments, plan: partnershipPlans })
    .from(partnershipCommitments)
    .innerJoin(partnershipPlans, eq(partnershipPlans.id, partnershipCommitments.planId))
    .where(eq(partnershipCommitments.id, commitmentId))
  if (!row) throw notFound('We could not find that commitment.')
  const p = await visiblePartnership(tx, actor, row.plan.partnershipId).catch(() => {
    throw notFound('We could not find that commitment.')
  })
  return { c: row.c, plan: row.plan, p }
}

// ---------------------------------------------------------------- sign-off ---------------------

/**
 * A side signs the draft at the revision it read. A revision that moved since then is refused
 * (nothing written). When both sides have signed the same revision, the draft becomes the active
 * version and the previous active version is superseded.
 */
export async function signPlan(actor: Actor, input: unknown) {
  const data = parseOrThrow(SignSchema, input, 'The plan was not signed.')
  return db.transaction(async (tx) => {
    const [plan0] = await tx.select().from(partnershipPlans).where(eq(partnershipPlans.id, data.planId))
    if (!plan0) throw notFound('We could not find that plan.')
    const p = await lockPartnership(tx, actor, plan0.partnershipId)
    assertSideEditor(actor, p, actor.orgId)
    const [plan] = await tx.select().from(partnershipPlans).where(eq(partnershipPlans.id, plan0.id))
    if (plan!.status !== 'draft') throw conflict(`Version ${plan!.version} is already ${plan!.status}: there is nothing to sign.`)
    if (plan!.revision !== data.revision)
      throw conflict(`The plan changed since you read it (it is now at revision ${plan!.revision}, you read revision ${data.revision}). Nothing was signed: review the changes, then sign again.`)
    if (!plan!.valueProposition.trim())
      throw invalid('A plan cannot be signed without its joint value proposition. Write it (“Together, A and B enable [outcome] for [segment]”) in the draft, then sign.', {
        valueProposition: ['Write the joint value proposition before signing.'],
      })
    const now = new Date()
    await tx
      .insert(partnershipPlanSignoffs)
      .values({ planId: plan!.id, orgId: actor.orgId, revision: plan!.revision, signedBy: actor.userId, signedAt: now })
      .onConflictDoUpdate({ target: [partnershipPlanSignoffs.planId, partnershipPlanSignoffs.orgId], set: { revision: plan!.revision, signedBy: actor.userId, signedAt: now } })
    const signoffs = await tx.select().from(partnershipPlanSignoffs).where(eq(partnershipPlanSignoffs.planId, plan!.id))
    const both = [p.orgAId, p.orgBId].every((org) => signoffs.some((s) => s.orgId === org && s.revision === plan!.revision))
    const sides = await sidesOf(tx, p)
    if (!both) {
      const waitingOrgId = actor.orgId === p.orgAId ? p.orgBId : p.orgAId
      await recordEvent(tx, {
        type: 'partnership.plan.signoff_requested',
        actorId: actor.userId,
        orgId: actor.orgId,
        subjectType: 'partnership',
        subjectId: p.id,
        payload: {
          ...sides,
          planId: plan!.id,
          version: plan!.version,
          revision: plan!.revision,
          signedByOrgId: actor.orgId,
          signedByOrgName: actor.orgId === p.orgAId ? sides.orgAName : sides.orgBName,
          waitingOrgId,
        },
        audience: audienceOf(p),
      })
      return { activated: false, plan: plan! }
    }
    const [previous] = await tx
      .update(partnershipPlans)
      .set({ status: 'superseded', supersededAt: now, updatedAt: now })
      .where(and(eq(partnershipPlans.partnershipId, p.id), eq(partnershipPlans.status, 'active')))
      .returning()
    const [activated] = await tx.update(partnershipPlans).set({ status: 'active', signedAt: now, updatedAt: now }).where(eq(partnershipPlans.id, plan!.id)).returning()
    await tx.update(partnerships).set({ updatedAt: now }).where(eq(partnerships.id, p.id))
    await recordEvent(tx, {
      type: 'partnership.plan.activated',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'partnership',
      subjectId: p.id,
      payload: { ...sides, planId: plan!.id, version: plan!.version, supersededPlanId: previous?.id ?? null },
      audience: audienceOf(p),
    })
    return { activated: true, plan: activated! }
  })
}

// ---------------------------------------------------------------- commitment status ------------

/**
 * The owning side marks an agreed commitment met (with the time), missed, waived, or open again.
 * Not a plan change: no new version, no sign-off. Nobody changes the other side's commitments.
 */
export async function setCommitmentStatus(actor: Actor, input: unknown) {
  const data = parseOrThrow(CommitmentStatusSchema, input, 'The status was not changed.')
  return db.transaction(async (tx) => {
    const { c, plan, p } = await commitmentFor(tx, actor, data.commitmentId)
    if (!isSide(p, actor.orgId)) throw forbidden('Only the side that owns a commitment changes its status.')
    assertSideEditor(actor, p, c.ownerOrgId)
    if (plan.status === 'draft') throw invalid('This commitment is only proposed: it gets a status once both sides have signed the plan.')
    if (c.status === data.status) return c
    const now = new Date()
    const [row] = await tx
      .update(partnershipCommitments)
      .set({ status: data.status as CommitmentStatus, metAt: data.status === 'met' ? now : null, updatedAt: now })
      .where(eq(partnershipCommitments.id, c.id))
      .returning()
    await recordEvent(tx, {
      type: 'partnership.commitment.status_changed',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'partnership',
      subjectId: p.id,
      payload: { ...(await sidesOf(tx, p)), planId: plan.id, commitmentId: c.id, ownerOrgId: c.ownerOrgId, title: c.title, status: data.status },
      audience: audienceOf(p),
    })
    return row!
  })
}
