import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable, type Tx } from '#db/client.server.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import { users } from '#db/schema/auth.ts'
import {
  FIT_DIMENSIONS,
  PARTNERSHIP_STAGES,
  partnershipFitAssessments,
  partnerships,
  partnershipSettings,
  partnershipStageChanges,
  type FitDimension,
  type PartnershipStage,
} from '#db/schema/partnerships.ts'
import { conflict, invalid, notFound } from '#app/utils/errors.ts'
import { assertOrgMayAct, assertOrgMayRead, assertVendorAdmin, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { assertPartnershipGovernor, visiblePartnership, visiblePartnershipsWhere, type Partnership } from '#app/features/partnerships/access.server.ts'
import { CreatePartnershipSchema, DIMENSION_LABELS, evidenceField, FitSchema, MoveStageSchema, SettingsSchema, STAGE_LABELS } from '#app/features/partnerships/schemas.ts'
import { pageCountOf } from '#app/utils/page-query.ts'

// ---------------------------------------------------------------- settings ---------------------

export type PartnershipSettings = { fitThreshold: number; strategicLimit: number; activationWindowDays: number; currencies: string[]; asymmetryWarningPercent: number }
export const DEFAULT_PARTNERSHIP_SETTINGS: PartnershipSettings = { fitThreshold: 3, strategicLimit: 15, activationWindowDays: 90, currencies: ['USD', 'EUR', 'GBP'], asymmetryWarningPercent: 30 }

/** The vendor's rules for strategic partnerships (its row, or the defaults). */
export async function getPartnershipSettings(q: Queryable = db): Promise<PartnershipSettings> {
  const [row] = await q
    .select({ s: partnershipSettings })
    .from(organizations)
    .leftJoin(partnershipSettings, eq(partnershipSettings.orgId, organizations.id))
    .where(eq(organizations.kind, 'vendor'))
    .orderBy(asc(organizations.createdAt))
    .limit(1)
  const s = row?.s
  return s
    ? { fitThreshold: s.fitThreshold, strategicLimit: s.strategicLimit, activationWindowDays: s.activationWindowDays, currencies: s.currencies, asymmetryWarningPercent: s.asymmetryWarningPercent }
    : DEFAULT_PARTNERSHIP_SETTINGS
}

/**
 * Stores health's asymmetry warning (percentage points) inside the caller's transaction: the
 * vendor settings page (/admin/settings) validates it and records the audited event.
 */
export async function writeAsymmetryWarningPercent(tx: Tx, actor: Actor, percent: number) {
  await tx
    .insert(partnershipSettings)
    .values({ orgId: actor.orgId, asymmetryWarningPercent: percent, updatedBy: actor.userId, updatedAt: new Date() })
    .onConflictDoUpdate({ target: partnershipSettings.orgId, set: { asymmetryWarningPercent: percent, updatedBy: actor.userId, updatedAt: new Date() } })
}

/** The vendor's admins change them; audit-logged with the values. */
export async function updatePartnershipSettings(actor: Actor, input: unknown) {
  assertVendorAdmin(actor, "Only the vendor's admins can change the strategic partnership rules.")
  const data = parseOrThrow(SettingsSchema, input, 'The rules were not saved: correct the highlighted fields.')
  await db.transaction(async (tx) => {
    const values = { orgId: actor.orgId, ...data, updatedBy: actor.userId, updatedAt: new Date() }
    await tx.insert(partnershipSettings).values(values).onConflictDoUpdate({ target: partnershipSettings.orgId, set: values })
    await recordEvent(tx, {
      type: 'partnership.settings_updated',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'organization',
      subjectId: actor.orgId,
      payload: data,
      audience: { vendor: true },
    })
  })
  return data
}

// ---------------------------------------------------------------- names and events -------------

export type Sides = { partnershipId: string; orgAId: string; orgAName: string; orgBId: string; orgBName: string }

export async function sidesOf(q: Queryable, p: Pick<Partnership, 'id' | 'orgAId' | 'orgBId'>): Promise<Sides> {
  const rows = await q
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [p.orgAId, p.orgBId]))
  const name = (id: string) => rows.find((r) => r.id === id)?.name ?? 'Unknown organization'
  return { partnershipId: p.id, orgAId: p.orgAId, orgAName: name(p.orgAId), orgBId: p.orgBId, orgBName: name(p.orgBId) }
}

/** Events about a partnership reach its two organizations and the vendor's team (live pages too). */
export const audienceOf = (p: Pick<Partnership, 'orgAId' | 'orgBId'>) => ({ orgs: [p.orgAId, p.orgBId], vendor: true })

// ---------------------------------------------------------------- create and list --------------

/**
 * The vendor's team starts a partnership: the vendor and a partner (the vendor is side A), or two
 * partners. It starts in identification; the first stage change row records who started it.
 */
export async function createPartnership(actor: Actor, input: unknown) {
  assertPartnershipGovernor(actor)
  assertOrgMayAct(actor, 'start a partnership')
  const data = parseOrThrow(CreatePartnershipSchema, input, 'The partnership was not created: correct the highlighted fields.')
  if (data.orgAId === data.orgBId) throw invalid('A partnership joins two different organizations.', { orgBId: ['Choose a different organization from the first one.'] })
  const orgs = await db
    .select({ id: organizations.id, kind: organizations.kind, status: organizations.status, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [data.orgAId, data.orgBId]))
  const a = orgs.find((o) => o.id === data.orgAId)
  const b = orgs.find((o) => o.id === data.orgBId)
  if (!a) throw invalid('Choose the first organization from the list.', { orgAId: ['Choose an organization from the list.'] })
  if (!b || b.kind !== 'partner') throw invalid('Choose the partner from the list.', { orgBId: ['Choose an approved partner from the list.'] })
  if (a.kind === 'partner' && a.status !== 'active') throw invalid('Both partners must be approved.', { orgAId: ['This partner is not active.'] })
  if (b.status !== 'active') throw invalid('The partner must be approved and active.', { orgBId: ['This partner is not active.'] })
  const [existing] = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(sql`least(${partnerships.orgAId}, ${partnerships.orgBId}) = least(${a.id}, ${b.id}) and greatest(${partnerships.orgAId}, ${partnerships.orgBId}) = greatest(${a.id}, ${b.id})`)
  if (existing) throw conflict(`${a.name} and ${b.name} already have a partnership.`, { orgBId: ['These two organizations already have a partnership.'] })
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(partnerships).values({ orgAId: a.id, orgBId: b.id, createdBy: actor.userId }).returning()
    await tx.insert(partnershipStageChanges).values({ partnershipId: row!.id, fromStage: null, toStage: 'identification', note: data.note, changedBy: actor.userId })
    await recordEvent(tx, {
      type: 'partnership.created',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'partnership',
      subjectId: row!.id,
      payload: { partnershipId: row!.id, orgAId: a.id, orgAName: a.name, orgBId: b.id, orgBName: b.name, stage: 'identification' },
      audience: audienceOf(row!),
    })
    return row!
  })
}

export type PartnershipCard = {
  id: string
  stage: PartnershipStage
  strategic: boolean
  orgAId: string
  orgAName: string
  orgBId: string
  orgBName: string
  updatedAt: Date
  latestFit: Record<FitDimension, number> | null
}

async function cards(where: ReturnType<typeof visiblePartnershipsWhere>, limit: number, offset = 0): Promise<PartnershipCard[]> {
  const rows = await queryRows<{
    id: string
    stage: PartnershipStage
    strategic: boolean
    org_a_id: string
    a_name: string
    org_b_id: string
    b_name: string
    updated_at: Date | string
    market_access: number | null
    capability: number | null
    commitment: number | null
    alignment: number | null
  }>(
    db,
    sql`select partnerships.id, partnerships.stage, partnerships.strategic, partnerships.org_a_id, a.name as a_name, partnerships.org_b_id, b.name as b_name, partnerships.updated_at,
               f.market_access, f.capability, f.commitment, f.alignment
        from partnerships
        join organizations a on a.id = partnerships.org_a_id
        join organizations b on b.id = partnerships.org_b_id
        left join lateral (
          select market_access, capability, commitment, alignment from partnership_fit_assessments fa
          where fa.partnership_id = partnerships.id order by fa.assessed_at desc, fa.id desc limit 1
        ) f on true
        where ${where}
        order by partnerships.strategic desc, partnerships.updated_at desc, partnerships.id
        limit ${limit} offset ${offset}`,
  )
  return rows.map((r) => ({
    id: r.id,
    stage: r.stage,
    strategic: r.strategic,
    orgAId: r.org_a_id,
    orgAName: r.a_name,
    orgBId: r.org_b_id,
    orgBName: r.b_name,
    updatedAt: new Date(r.updated_at),
    latestFit: r.market_access == null ? null : { marketAccess: r.market_access, capability: r.capability!, commitment: r.commitment!, alignment: r.alignment! },
  }))
}

export const BOARD_COLUMN_LIMIT = 50

/** The vendor's board: every partnership by stage (at most 50 per column, with each column's total). */
export async function partnershipBoard(actor: Actor) {
  assertPartnershipGovernor(actor)
  const totals = await db.select({ stage: partnerships.stage, n: count() }).from(partnerships).groupBy(partnerships.stage)
  const columns = await Promise.all(
    PARTNERSHIP_STAGES.map(async (stage) => ({
      stage,
      label: STAGE_LABELS[stage],
      total: totals.find((t) => t.stage === stage)?.n ?? 0,
      cards: await cards(eq(partnerships.stage, stage), BOARD_COLUMN_LIMIT),
    })),
  )
  const settings = await getPartnershipSettings()
  const strategicCount = await countStrategic(db)
  return { columns, settings, strategicCount, overLimit: strategicCount > settings.strategicLimit }
}

export const LIST_PAGE_SIZE = 25

/** The partnerships this actor sees (its own, or all for the vendor's team), a page at a time. */
export async function listPartnerships(actor: Actor, page = 1) {
  assertOrgMayRead(actor, 'see its partnerships')
  const where = visiblePartnershipsWhere(actor)
  const [{ n }] = (await db.select({ n: count() }).from(partnerships).where(where)) as [{ n: number }]
  const safePage = Math.max(1, Math.floor(page) || 1)
  return { rows: await cards(where, LIST_PAGE_SIZE, (safePage - 1) * LIST_PAGE_SIZE), total: n, page: safePage, pages: pageCountOf(n, LIST_PAGE_SIZE) }
}

/** Organizations the vendor's team may pair (for the create form). */
export async function partnerChoices(actor: Actor) {
  assertPartnershipGovernor(actor)
  return db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(sql`${organizations.kind} = 'vendor' or (${organizations.kind} = 'partner' and ${organizations.status} = 'active')`)
    .orderBy(sql`${organizations.kind} desc`, asc(organizations.name))
    .limit(1000)
}

// ---------------------------------------------------------------- one partnership --------------

/** A partnership's overview: the two sides, stage history, fit assessments, and what the actor may do. */
export async function getPartnership(actor: Actor, partnershipId: string) {
  const p = await visiblePartnership(db, actor, partnershipId)
  const [sides, history, assessments, settings] = await Promise.all([
    sidesOf(db, p),
    db
      .select({
        id: partnershipStageChanges.id,
        fromStage: partnershipStageChanges.fromStage,
        toStage: partnershipStageChanges.toStage,
        note: partnershipStageChanges.note,
        changedAt: partnershipStageChanges.changedAt,
        by: users.name,
      })
      .from(partnershipStageChanges)
      .leftJoin(users, eq(users.id, partnershipStageChanges.changedBy))
      .where(eq(partnershipStageChanges.partnershipId, p.id))
      .orderBy(desc(partnershipStageChanges.changedAt), desc(partnershipStageChanges.id))
      .limit(100),
    db
      .select({ a: partnershipFitAssessments, by: users.name })
      .from(partnershipFitAssessments)
      .leftJoin(users, eq(users.id, partnershipFitAssessments.assessedBy))
      .where(eq(partnershipFitAssessments.partnershipId, p.id))
      .orderBy(desc(partnershipFitAssessments.assessedAt), desc(partnershipFitAssessments.id))
      .limit(20),
    getPartnershipSettings(),
  ])
  return {
    partnership: p,
    sides,
    history,
    assessments: assessments.map((r) => ({ ...r.a, by: r.by })),
    settings,
    canGovern: isVendor(actor),
  }
}

/** The vendor's team moves a partnership to another stage, with a note; history and audit keep who and when. */
export async function moveStage(actor: Actor, partnershipId: string, input: unknown) {
  assertPartnershipGovernor(actor)
  assertOrgMayAct(actor, 'move a partnership')
  const data = parseOrThrow(MoveStageSchema, input, 'The stage was not changed.')
  return db.transaction(async (tx) => {
    const p = await lockPartnership(tx, actor, partnershipId)
    if (p.stage === data.toStage) throw invalid(`The partnership is already in ${STAGE_LABELS[p.stage]}.`, { toStage: ['Choose a different stage.'] })
    return changeStage(tx, actor, p, data.toStage, data.note)
  })
}

export async function lockPartnership(tx: Tx, actor: Actor, partnershipId: string) {
  const p = await visiblePartnership(tx, actor, partnershipId)
  await tx.execute(sql`select 1 from partnerships where id = ${p.id} for update`)
  const [fresh] = await tx.select().from(partnerships).where(eq(partnerships.id, p.id))
  if (!fresh) throw notFound('We could not find that partnership.')
  return fresh
}

/** Inside a transaction: the stage change row, the partnership, the event. */
export async function changeStage(tx: Tx, actor: Actor, p: Partnership, toStage: PartnershipStage, note: string) {
  const now = new Date()
  await tx.insert(partnershipStageChanges).values({ partnershipId: p.id, fromStage: p.stage, toStage, note, changedBy: actor.userId, changedAt: now })
  const [row] = await tx.update(partnerships).set({ stage: toStage, updatedAt: now }).where(eq(partnerships.id, p.id)).returning()
  await recordEvent(tx, {
    type: 'partnership.stage_changed',
    actorId: actor.userId,
    orgId: actor.orgId,
    subjectType: 'partnership',
    subjectId: p.id,
    payload: { ...(await sidesOf(tx, p)), fromStage: p.stage, toStage, note },
    audience: audienceOf(p),
  })
  return row!
}

// ---------------------------------------------------------------- fit assessment ---------------

export type FitEvidence = {
  overlappingAccounts: number
  confirmedIntegrations: number
  jointOpportunities: number
  jointPipelineAmount: number
  referralsBetween: number
  endorsements: number
  suggestions: Record<FitDimension, string>
}

/**
 * What the product already knows about the pair, as suggested evidence per dimension:
 * overlapping accounts (same domain in both orgs' account lists), confirmed integrations between
 * them, joint pipeline (opportunities one owns or sourced and the other joined, or referrals
 * between them) and endorsements after won referrals (verified collaboration).
 */
export async function fitEvidence(actor: Actor, partnershipId: string): Promise<FitEvidence> {
  assertPartnershipGovernor(actor)
  const p = await visiblePartnership(db, actor, partnershipId)
  const [a, b] = [p.orgAId, p.orgBId]
  const [row] = await queryRows<{ overlap: number; integrations: number; joint_opps: number; joint_amount: string | number; referrals: number; endorsements: number }>(
    db,
    sql`select
      (select count(*)::int from accounts x join accounts y on y.org_id = ${b} and y.domain = x.domain where x.org_id = ${a}) as overlap,
      (select count(*)::int from integrations i where i.status = 'confirmed' and ((i.org_id = ${a} and i.counterpart_org_id = ${b}) or (i.org_id = ${b} and i.counterpart_org_id = ${a}))) as integrations,
      (select count(*)::int from (${jointOpportunitiesSql(a, b)}) j) as joint_opps,
      (select coalesce(sum(amount), 0) from (${jointOpportunitiesSql(a, b)}) j) as joint_amount,
      (select count(*)::int from referrals r where (r.from_org_id = ${a} and r.to_org_id = ${b}) or (r.from_org_id = ${b} and r.to_org_id = ${a})) as referrals,
      (select count(*)::int from endorsements e where (e.from_org_id = ${a} and e.to_org_id = ${b}) or (e.from_org_id = ${b} and e.to_org_id = ${a})) as endorsements`,
  )
  const r = row!
  const amount = Number(r.joint_amount)
  const money = `${(amount / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`
  return {
    overlappingAccounts: r.overlap,
    confirmedIntegrations: r.integrations,
    jointOpportunities: r.joint_opps,
    jointPipelineAmount: amount,
    referralsBetween: r.referrals,
    endorsements: r.endorsements,
    suggestions: {
      marketAccess: `${r.overlap} overlapping account${r.overlap === 1 ? '' : 's'} between the two account lists.`,
      capability: `${r.integrations} confirmed integration${r.integrations === 1 ? '' : 's'} between them.`,
      commitment: `${r.joint_opps} joint opportunit${r.joint_opps === 1 ? 'y' : 'ies'} (${money} in pipeline) and ${r.referrals} referral${r.referrals === 1 ? '' : 's'} exchanged.`,
      alignment: `${r.endorsements} verified endorsement${r.endorsements === 1 ? '' : 's'} after won referrals.`,
    },
  }
}

/** Opportunities both organizations touched: one owns or sourced it, the other accepted a part in it. */
export function jointOpportunitiesSql(a: string, b: string) {
  return sql`select distinct o.id, o.amount, o.stage, o.created_at, o.closed_at from opportunities o
    join opportunity_participants op on op.opportunity_id = o.id and op.status = 'accepted'
    where (op.org_id = ${b} and (o.org_id = ${a} or o.sourced_by_org_id = ${a}))
       or (op.org_id = ${a} and (o.org_id = ${b} or o.sourced_by_org_id = ${b}))`
}

export type FitScores = Record<FitDimension, number>

/** Inside a transaction: a fit assessment (initial, or annual with a decision). */
export async function insertAssessment(
  tx: Tx,
  actor: Actor,
  p: Partnership,
  data: FitScores & Partial<Record<`evidence${Capitalize<FitDimension>}`, string>>,
  extra: { kind: 'initial' | 'annual'; decision?: 'continue' | 'modify' | 'transition' | 'conclude' | null; decisionNote?: string },
) {
  const evidence = Object.fromEntries(FIT_DIMENSIONS.map((d) => [d, data[evidenceField(d)] ?? ''])) as Record<FitDimension, string>
  const [row] = await tx
    .insert(partnershipFitAssessments)
    .values({
      partnershipId: p.id,
      kind: extra.kind,
      marketAccess: data.marketAccess,
      capability: data.capability,
      commitment: data.commitment,
      alignment: data.alignment,
      evidence,
      decision: extra.decision ?? null,
      decisionNote: extra.decisionNote ?? '',
      assessedBy: actor.userId,
    })
    .returning()
  await tx.update(partnerships).set({ updatedAt: new Date() }).where(eq(partnerships.id, p.id))
  await recordEvent(tx, {
    type: 'partnership.fit_assessed',
    actorId: actor.userId,
    orgId: actor.orgId,
    subjectType: 'partnership',
    subjectId: p.id,
    payload: {
      ...(await sidesOf(tx, p)),
      assessmentId: row!.id,
      kind: extra.kind,
      scores: { marketAccess: data.marketAccess, capability: data.capability, commitment: data.commitment, alignment: data.alignment },
      decision: extra.decision ?? null,
    },
    audience: { vendor: true },
  })
  return row!
}

/** The vendor's team scores the four dimensions 1–5 with evidence notes. */
export async function assessFit(actor: Actor, partnershipId: string, input: unknown) {
  assertPartnershipGovernor(actor)
  assertOrgMayAct(actor, 'assess a partnership')
  const data = parseOrThrow(FitSchema, input, 'The assessment was not saved: correct the highlighted fields.')
  return db.transaction(async (tx) => {
    const p = await lockPartnership(tx, actor, partnershipId)
    return insertAssessment(tx, actor, p, data, { kind: 'initial' })
  })
}

async function countStrategic(q: Queryable) {
  const [{ n }] = (await q.select({ n: count() }).from(partnerships).where(eq(partnerships.strategic, true))) as [{ n: number }]
  return n
}

/**
 * Designates a partnership strategic (or removes the designation). Designating needs the latest
 * fit assessment at or above the vendor's threshold on all four dimensions; otherwise a refusal
 * naming the dimensions below it. When more partnerships are strategic than the vendor's limit,
 * the answer carries a warning (executive attention does not scale) — the designation stands.
 */
export async function designate(actor: Actor, partnershipId: string, strategic: boolean) {
  assertPartnershipGovernor(actor)
  assertOrgMayAct(actor, 'designate a strategic partnership')
  const settings = await getPartnershipSettings()
  return db.transaction(async (tx) => {
    const p = await lockPartnership(tx, actor, partnershipId)
    if (p.strategic === strategic) throw invalid(strategic ? 'This partnership is already strategic.' : 'This partnership is not designated strategic.')
    if (strategic) {
      if (p.stage === 'concluded') throw invalid('A concluded partnership cannot be designated strategic.')
      const [latest] = await tx
        .select()
        .from(partnershipFitAssessments)
        .where(eq(partnershipFitAssessments.partnershipId, p.id))
        .orderBy(desc(partnershipFitAssessments.assessedAt), desc(partnershipFitAssessments.id))
        .limit(1)
      if (!latest) throw invalid(`Assess the strategic fit first: a strategic partnership needs a fit assessment scoring at least ${settings.fitThreshold} on all four dimensions.`)
      const below = FIT_DIMENSIONS.filter((d) => latest[d] < settings.fitThreshold)
      if (below.length)
        throw invalid(
          `Not designated: the latest fit assessment scores below ${settings.fitThreshold} on ${below.map((d) => `${DIMENSION_LABELS[d].toLowerCase()} (${latest[d]})`).join(', ')}. A strategic partnership needs at least ${settings.fitThreshold} on all four dimensions.`,
        )
    }
    const now = new Date()
    const [row] = await tx
      .update(partnerships)
      .set(strategic ? { strategic, designatedAt: now, designatedBy: actor.userId, updatedAt: now } : { strategic, designatedAt: null, designatedBy: null, updatedAt: now })
      .where(eq(partnerships.id, p.id))
      .returning()
    const strategicCount = await countStrategic(tx)
    await recordEvent(tx, {
      type: 'partnership.designated',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'partnership',
      subjectId: p.id,
      payload: { ...(await sidesOf(tx, p)), strategic, strategicCount, limit: settings.strategicLimit },
      audience: audienceOf(p),
    })
    const warning =
      strategic && strategicCount > settings.strategicLimit
        ? `${strategicCount} partnerships are now strategic, more than the ${settings.strategicLimit} your rules allow for: executive attention does not scale. Consider concluding or de-designating one.`
        : null
    return { partnership: row!, strategicCount, warning }
  })
}

/** People of an organization (for owner, attendee and sponsor choices). */
export async function peopleOf(q: Queryable, orgIds: string[]) {
  if (!orgIds.length) return []
  return q
    .select({ userId: users.id, name: users.name, orgId: memberships.orgId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.orgId, orgIds)))
    .orderBy(asc(users.name))
    .limit(500)
}
