import { stringify } from 'csv-stringify/sync'
import type { z } from 'zod'
import { aliasedTable, and, asc, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import { db, type Queryable, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { cosellTasks } from '#db/schema/cosell.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import { CLOSED_STAGES, opportunities, opportunityParticipants, opportunityStageHistory, type OpportunityStage } from '#db/schema/pipeline.ts'
import { conflict, fieldErrorsOf, forbidden, invalid, notFound } from '#app/utils/errors.ts'
import { assertOrgMayAct, assertOrgMayRead, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { safeRow } from '#app/features/accounts/csv-safe.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { findDealConflicts, flagDeal } from '#app/features/deals/conflicts.server.ts'
import { recordEvent, type NewEvent } from '#app/features/events/outbox.server.ts'
import type { EventPayloadInput, EventType } from '#app/features/events/catalog.ts'
import { ensureThread, registerThreadKind } from '#app/features/messaging/threads.server.ts'
import { CosellFiltersSchema, InviteSchema, OpenCosellSchema, RecordSchema, RespondSchema, StageSchema, STAGE_LABELS, TaskSchema, type CosellFilters } from '#app/features/cosell/schemas.ts'

export type Opportunity = typeof opportunities.$inferSelect
export type Participant = typeof opportunityParticipants.$inferSelect

/** Seeing co-sell opportunities: approved (or suspended, read-only) partners and the vendor's team. */
function assertCosellActor(actor: Actor) {
  if (actor.orgKind === 'vendor' && !isVendor(actor)) throw forbidden('Your organization must be approved before it can co-sell.')
  assertOrgMayRead(actor, 'co-sell')
}

/** Opening and working co-sell opportunities: the central "may this organization act" check. */
function assertCosellWriter(actor: Actor) {
  assertCosellActor(actor)
  assertOrgMayAct(actor, 'co-sell')
}

/** Orgs that are parties of a co-sell: its owner and every participant that accepted. */
async function partyOrgIds(q: Queryable, opportunityId: string): Promise<string[] | null> {
  const [opp] = await q.select({ orgId: opportunities.orgId, isCosell: opportunities.isCosell }).from(opportunities).where(eq(opportunities.id, opportunityId))
  if (!opp || !opp.isCosell) return null
  const accepted = await q
    .select({ orgId: opportunityParticipants.orgId })
    .from(opportunityParticipants)
    .where(and(eq(opportunityParticipants.opportunityId, opportunityId), eq(opportunityParticipants.status, 'accepted')))
  return [opp.orgId, ...accepted.map((p) => p.orgId)]
}

registerThreadKind('cosell', { parties: partyOrgIds, link: (id) => `/cosell/${id}` })

/** Who hears of a change live: the owner, every invited or accepted participant, and the vendor's team. */
async function audienceOrgs(q: Queryable, opp: Opportunity) {
  const parts = await q
    .select({ orgId: opportunityParticipants.orgId })
    .from(opportunityParticipants)
    .where(and(eq(opportunityParticipants.opportunityId, opp.id), ne(opportunityParticipants.status, 'declined')))
  return [...new Set([opp.orgId, ...parts.map((p) => p.orgId)])]
}

export type Access = { opp: Opportunity; participant: Participant | null; isOwner: boolean; canEdit: boolean; canRespond: boolean; viaVendor: boolean }

/**
 * What the actor may do with a co-sell: the owner org and accepted participants work the
 * record; an invited org sees it and answers; the vendor's team reads every co-sell. Anyone
 * else — including an org that declined — gets not found.
 */
async function accessFor(q: Queryable, actor: Actor, opportunityId: string, { lock = false } = {}): Promise<Access> {
  assertCosellActor(actor)
  const base = q.select().from(opportunities).where(eq(opportunities.id, opportunityId))
  const [opp] = lock ? await base.for('update') : await base
  if (!opp || !opp.isCosell) throw notFound('We could not find that co-sell opportunity.')
  const [participant] = await q
    .select()
    .from(opportunityParticipants)
    .where(and(eq(opportunityParticipants.opportunityId, opp.id), eq(opportunityParticipants.orgId, actor.orgId)))
  const isOwner = opp.orgId === actor.orgId
  const accepted = participant?.status === 'accepted'
  const invited = participant?.status === 'invited'
  const viaVendor = !isOwner && !participant && isVendor(actor)
  if (!isOwner && !accepted && !invited && !viaVendor) throw notFound('We could not find that co-sell opportunity.')
  return { opp, participant: participant ?? null, isOwner, canEdit: isOwner || accepted, canRespond: invited, viaVendor }
}

function assertCanEdit(access: Access) {
  if (!access.canEdit) {
    throw forbidden(access.canRespond ? 'Accept the invitation to work on this opportunity.' : 'Only the partners working this opportunity can change it.')
  }
}

async function findPartnerOrg(q: Queryable, key: string) {
  const [org] = await q
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, kind: organizations.kind, status: organizations.status })
    .from(organizations)
    .where(or(eq(organizations.slug, key), eq(organizations.id, key)))
  if (!org || org.kind !== 'partner' || org.status !== 'active') return null
  return org
}

async function invite(tx: Tx, actor: Actor, opp: Opportunity, input: { partner: string; role: Participant['role']; message?: string }) {
  const org = await findPartnerOrg(tx, input.partner)
  if (!org) throw invalid('Choose an approved partner to invite.', { partner: ['Choose an approved partner to invite.'] })
  if (org.id === opp.orgId) throw invalid(`${org.name} already owns this opportunity.`, { partner: ['Choose another partner.'] })
  const [existing] = await tx
    .select()
    .from(opportunityParticipants)
    .where(and(eq(opportunityParticipants.opportunityId, opp.id), eq(opportunityParticipants.orgId, org.id)))
  if (existing && existing.status !== 'declined') {
    throw conflict(`${org.name} is already ${existing.status === 'accepted' ? 'working on' : 'invited to'} this opportunity.`, { partner: ['Already invited.'] })
  }
  const values = { role: input.role, status: 'invited' as const, message: input.message || null, invitedBy: actor.userId, invitedAt: new Date(), respondedAt: null, joinedAt: null }
  if (existing) await tx.update(opportunityParticipants).set(values).where(eq(opportunityParticipants.id, existing.id))
  else await tx.insert(opportunityParticipants).values({ opportunityId: opp.id, orgId: org.id, ...values })
  await recordCosellEvent(
    tx,
    actor,
    'cosell.invited',
    { opportunityId: opp.id, invitedOrgId: org.id, role: input.role, accountName: opp.accountName, invitedByOrgName: actor.orgName, message: input.message || null },
    await audienceOrgs(tx, opp),
  )
  return org
}

/** A co-sell event about one opportunity, for its working partners and the vendor (payload.opportunityId names it). */
async function recordCosellEvent<K extends Extract<EventType, `cosell.${string}`>>(tx: Tx, actor: Actor, type: K, payload: EventPayloadInput<K>, orgs: string[]) {
  await recordEvent(tx, {
    type,
    actorId: actor.userId,
    orgId: actor.orgId,
    subjectType: 'opportunity',
    subjectId: payload.opportunityId,
    payload,
    audience: { orgs, vendor: true },
  } as NewEvent<K>)
}

/** A partner or the vendor's team opens a co-sell opportunity, optionally inviting partners right away. */
export async function openCosell(actor: Actor, input: unknown): Promise<Opportunity> {
  assertCosellWriter(actor)
  const parsed = OpenCosellSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check the opportunity.', fieldErrorsOf(parsed.error))
  const data = parsed.data
  let domain: string | null = null
  if (data.accountDomain) {
    domain = normalizeDomain(data.accountDomain)
    if (!domain) throw invalid('Check the opportunity.', { accountDomain: ['Enter a web domain like example.com, or leave it empty.'] })
  }
  return db.transaction(async (tx) => {
    // Serialize new deals for one customer (the key referrals and registrations take) so the conflict check cannot race.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deal:${domain ?? data.accountName.toLowerCase()}`}))`)
    const [opp] = await tx
      .insert(opportunities)
      .values({
        orgId: actor.orgId,
        title: data.title || null,
        accountName: data.accountName,
        accountDomain: domain,
        amount: data.amount ?? 0,
        stage: data.stage,
        isCosell: true,
        sourcedByOrgId: actor.orgKind === 'partner' ? actor.orgId : null,
        expectedCloseAt: data.expectedCloseAt ?? null,
        nextSteps: data.nextSteps || null,
        createdBy: actor.userId,
      })
      .returning()
    await tx.insert(opportunityStageHistory).values({ opportunityId: opp!.id, fromStage: null, toStage: opp!.stage, changedBy: actor.userId })
    const invited = []
    for (const inv of data.invites) invited.push(await invite(tx, actor, opp!, inv))
    await recordCosellEvent(tx, actor, 'cosell.opened', { opportunityId: opp!.id, stage: opp!.stage, invitedOrgIds: invited.map((o) => o.id) }, [actor.orgId, ...invited.map((o) => o.id)])
    // The one conflict check of every new deal: deals the opener is a party of it may see; anything else goes to the vendor's queue.
    const matches = await findDealConflicts(tx, actor, { accountName: opp!.accountName, accountDomain: opp!.accountDomain, exclude: [{ kind: 'cosell', id: opp!.id }] })
    if (matches.some((m) => !m.own)) await flagDeal(tx, actor, { kind: 'cosell', id: opp!.id, orgId: actor.orgId, accountName: opp!.accountName, accountDomain: opp!.accountDomain }, matches)
    return opp!
  })
}

/** Checked inside a write's transaction on the locked opportunity, before anything is written (the public API's If-Match). */
export type CosellWriteOptions = { precondition?: (opp: Opportunity, tx: Tx) => void | Promise<void> }

/**
 * The one shape of every change to an existing co-sell: a writer, the input checked with its
 * schema (refused with `message` and the fields named), then in one transaction the
 * opportunity as this actor may reach it (locked for the change unless `lock` is false), the
 * caller's precondition on it (the public API's If-Match), and the change itself.
 */
async function changeCosell<S extends z.ZodTypeAny, T>(
  actor: Actor,
  opportunityId: string,
  input: unknown,
  { schema, message, lock = true, precondition }: { schema: S; message: string; lock?: boolean } & CosellWriteOptions,
  change: (tx: Tx, access: Access, data: z.output<S>) => Promise<T>,
): Promise<T> {
  assertCosellWriter(actor)
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw invalid(message, fieldErrorsOf(parsed.error))
  return db.transaction(async (tx) => {
    const access = await accessFor(tx, actor, opportunityId, { lock })
    await precondition?.(access.opp, tx)
    return change(tx, access, parsed.data)
  })
}

export async function inviteToCosell(actor: Actor, opportunityId: string, input: unknown, options: CosellWriteOptions = {}) {
  return changeCosell(actor, opportunityId, input, { schema: InviteSchema, message: 'Check the invitation.', ...options }, async (tx, access, data) => {
    if (!access.isOwner) throw forbidden('Only the organization that opened this opportunity can invite partners to it.')
    if (CLOSED_STAGES.includes(access.opp.stage)) throw conflict('This opportunity is closed; reopen it before inviting partners.')
    return invite(tx, actor, access.opp, data)
  })
}

/** An invited partner accepts (joining it: a touch in the vendor's metrics) or declines. */
export async function respondToCosell(actor: Actor, opportunityId: string, input: unknown) {
  return changeCosell(actor, opportunityId, input, { schema: RespondSchema, message: 'Check your answer.' }, async (tx, access, data) => {
    if (!access.participant) throw forbidden('Only an invited partner can answer an invitation.')
    if (!access.canRespond) throw conflict('You have already answered this invitation.')
    const accepted = data.decision === 'accept'
    const now = new Date()
    const audience = await audienceOrgs(tx, access.opp)
    const [participant] = await tx
      .update(opportunityParticipants)
      .set({ status: accepted ? 'accepted' : 'declined', respondedAt: now, joinedAt: accepted ? now : null })
      .where(eq(opportunityParticipants.id, access.participant.id))
      .returning()
    await recordCosellEvent(
      tx,
      actor,
      accepted ? 'cosell.accepted' : 'cosell.declined',
      { opportunityId, participantOrgId: actor.orgId, participantOrgName: actor.orgName, status: participant!.status, ownerOrgId: access.opp.orgId, accountName: access.opp.accountName },
      audience,
    )
    return participant!
  })
}

export async function changeStage(actor: Actor, opportunityId: string, input: unknown, options: CosellWriteOptions = {}) {
  return changeCosell(actor, opportunityId, input, { schema: StageSchema, message: 'Check the stage.', ...options }, async (tx, access, data) => {
    assertCanEdit(access)
    const from = access.opp.stage
    const to = data.stage
    if (from === to) return access.opp
    const closing = CLOSED_STAGES.includes(to)
    const [opp] = await tx
      .update(opportunities)
      .set({ stage: to, closedAt: closing ? new Date() : null, updatedAt: new Date() })
      .where(eq(opportunities.id, opportunityId))
      .returning()
    await tx.insert(opportunityStageHistory).values({ opportunityId, fromStage: from, toStage: to, changedBy: actor.userId })
    await recordCosellEvent(tx, actor, 'cosell.stage_changed', { opportunityId, fromStage: from, toStage: to }, await audienceOrgs(tx, opp!))
    return opp!
  })
}

/** Next steps, notes, amount and expected close: the shared record every working party edits. */
export async function updateCosellRecord(actor: Actor, opportunityId: string, input: unknown) {
  return changeCosell(actor, opportunityId, input, { schema: RecordSchema, message: 'Check the record.' }, async (tx, access, d) => {
    assertCanEdit(access)
    const [opp] = await tx
      .update(opportunities)
      .set({
        ...(d.nextSteps !== undefined ? { nextSteps: d.nextSteps || null } : {}),
        ...(d.notes !== undefined ? { notes: d.notes || null } : {}),
        ...(d.amount !== undefined ? { amount: d.amount } : {}),
        ...(d.expectedCloseAt !== undefined ? { expectedCloseAt: d.expectedCloseAt } : {}),
        updatedAt: new Date(),
      })
      .where(eq(opportunities.id, opportunityId))
      .returning()
    await recordCosellEvent(tx, actor, 'cosell.updated', { opportunityId, fields: Object.keys(d).filter((k) => d[k as keyof typeof d] !== undefined) }, await audienceOrgs(tx, opp!))
    return opp!
  })
}

async function workingOrgIds(q: Queryable, opp: Opportunity) {
  return (await partyOrgIds(q, opp.id)) ?? [opp.orgId]
}

export async function addTask(actor: Actor, opportunityId: string, input: unknown) {
  return changeCosell(actor, opportunityId, input, { schema: TaskSchema, message: 'Check the task.', lock: false }, async (tx, access, data) => {
    assertCanEdit(access)
    const ownerUserId = data.ownerUserId || actor.userId
    const [owner] = await tx.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, ownerUserId))
    if (!owner || !(await workingOrgIds(tx, access.opp)).includes(owner.orgId)) {
      throw invalid('Check the task.', { ownerUserId: ['Choose someone from a partner working on this opportunity.'] })
    }
    const [task] = await tx
      .insert(cosellTasks)
      .values({ opportunityId, title: data.title, ownerUserId, ownerOrgId: owner.orgId, dueAt: data.dueAt ?? null, createdBy: actor.userId })
      .returning()
    await recordCosellEvent(
      tx,
      actor,
      'cosell.task_added',
      { opportunityId, taskId: task!.id, title: data.title, ownerUserId, ownerOrgId: owner.orgId, accountName: access.opp.accountName },
      await audienceOrgs(tx, access.opp),
    )
    return task!
  })
}

export async function setTaskDone(actor: Actor, taskId: string, done: boolean) {
  assertCosellWriter(actor)
  return db.transaction(async (tx) => {
    const [task] = await tx.select().from(cosellTasks).where(eq(cosellTasks.id, taskId))
    if (!task) throw notFound('We could not find that task.')
    const access = await accessFor(tx, actor, task.opportunityId)
    assertCanEdit(access)
    const [updated] = await tx
      .update(cosellTasks)
      .set({ doneAt: done ? new Date() : null, doneBy: done ? actor.userId : null, updatedAt: new Date() })
      .where(eq(cosellTasks.id, taskId))
      .returning()
    await recordCosellEvent(tx, actor, done ? 'cosell.task_done' : 'cosell.task_reopened', { opportunityId: task.opportunityId, taskId }, await audienceOrgs(tx, access.opp))
    return updated!
  })
}

/** Everything the co-sell page shows, for someone allowed to see it. */
export async function getCosell(actor: Actor, opportunityId: string) {
  const access = await accessFor(db, actor, opportunityId)
  const { opp } = access
  const [owner] = await db.select({ id: organizations.id, name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, opp.orgId))
  const participants = await db
    .select({
      orgId: opportunityParticipants.orgId,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      role: opportunityParticipants.role,
      status: opportunityParticipants.status,
      message: opportunityParticipants.message,
      invitedAt: opportunityParticipants.invitedAt,
      joinedAt: opportunityParticipants.joinedAt,
      respondedAt: opportunityParticipants.respondedAt,
    })
    .from(opportunityParticipants)
    .innerJoin(organizations, eq(organizations.id, opportunityParticipants.orgId))
    .where(eq(opportunityParticipants.opportunityId, opp.id))
    .orderBy(asc(opportunityParticipants.invitedAt))
  const history = await db
    .select({ fromStage: opportunityStageHistory.fromStage, toStage: opportunityStageHistory.toStage, changedAt: opportunityStageHistory.changedAt, by: users.name })
    .from(opportunityStageHistory)
    .leftJoin(users, eq(users.id, opportunityStageHistory.changedBy))
    .where(eq(opportunityStageHistory.opportunityId, opp.id))
    .orderBy(asc(opportunityStageHistory.changedAt), asc(opportunityStageHistory.id))
  const ownerOrg = aliasedTable(organizations, 'owner_org')
  const tasks = await db
    .select({
      id: cosellTasks.id,
      title: cosellTasks.title,
      ownerUserId: cosellTasks.ownerUserId,
      ownerName: users.name,
      ownerOrgName: ownerOrg.name,
      dueAt: cosellTasks.dueAt,
      doneAt: cosellTasks.doneAt,
      createdAt: cosellTasks.createdAt,
    })
    .from(cosellTasks)
    .leftJoin(users, eq(users.id, cosellTasks.ownerUserId))
    .innerJoin(ownerOrg, eq(ownerOrg.id, cosellTasks.ownerOrgId))
    .where(eq(cosellTasks.opportunityId, opp.id))
    .orderBy(asc(cosellTasks.createdAt))
  const working = participants.filter((p) => p.status === 'accepted').map((p) => p.orgId)
  const people = access.canEdit
    ? await db
        .select({ userId: users.id, name: users.name, orgName: organizations.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(organizations, eq(organizations.id, memberships.orgId))
        .where(inArray(memberships.orgId, [opp.orgId, ...working]))
        .orderBy(asc(organizations.name), asc(users.name))
        .limit(200)
    : []
  const thread = access.canEdit ? await ensureThread(db, 'cosell', opp.id, `Co-sell: ${opp.accountName}`) : null
  return {
    access: { isOwner: access.isOwner, canEdit: access.canEdit, canRespond: access.canRespond, viaVendor: access.viaVendor },
    opp,
    owner: owner!,
    participants,
    history,
    tasks,
    people,
    threadId: thread?.id ?? null,
    myParticipation: access.participant,
  }
}

function ageCondition(age: CosellFilters['age']): SQL | undefined {
  const day = 24 * 60 * 60 * 1000
  const now = Date.now()
  if (age === 'lt30') return gte(opportunities.createdAt, new Date(now - 30 * day))
  if (age === '30to90') return and(lt(opportunities.createdAt, new Date(now - 30 * day)), gte(opportunities.createdAt, new Date(now - 90 * day)))
  if (age === 'gt90') return lt(opportunities.createdAt, new Date(now - 90 * day))
  return undefined
}

export const COSELL_PAGE_SIZE = 25

/**
 * Co-sell opportunities the actor may see: for a partner, the ones it owns or is invited to or
 * works on; for the vendor's team, all of them. Filter by stage, partner (owner or participant) and age.
 */
function visibleWhere(actor: Actor, filters: CosellFilters): SQL {
  const partnerScope =
    actor.orgKind === 'vendor'
      ? undefined
      : or(
          eq(opportunities.orgId, actor.orgId),
          sql`exists (select 1 from opportunity_participants p where p.opportunity_id = ${opportunities.id} and p.org_id = ${actor.orgId} and p.status <> 'declined')`,
        )
  const partnerFilter = filters.partner
    ? or(
        eq(opportunities.orgId, filters.partner),
        sql`exists (select 1 from opportunity_participants p where p.opportunity_id = ${opportunities.id} and p.org_id = ${filters.partner} and p.status <> 'declined')`,
      )
    : undefined
  return and(eq(opportunities.isCosell, true), partnerScope, partnerFilter, filters.stage ? eq(opportunities.stage, filters.stage) : undefined, ageCondition(filters.age))!
}

// Each participant's name by primary key: a join here made the planner hash all organizations once per listed opportunity.
const participantsAgg = sql<string | null>`(select string_agg(x.name || ' (' || x.role || ', ' || x.status || ')', '; ' order by x.name)
  from (select (select o.name from organizations o where o.id = p.org_id) as name, p.role, p.status
        from opportunity_participants p where p.opportunity_id = ${opportunities.id}) x)`

/** The organization that owns a co-sell, joined as `owner` in the lists. */
const cosellOwner = aliasedTable(organizations, 'owner')

/** What the list and the CSV export both show of a co-sell (joined with `owner`). */
const cosellColumns = {
  id: opportunities.id,
  accountName: opportunities.accountName,
  accountDomain: opportunities.accountDomain,
  amount: opportunities.amount,
  stage: opportunities.stage,
  expectedCloseAt: opportunities.expectedCloseAt,
  createdAt: opportunities.createdAt,
  ownerName: cosellOwner.name,
  participants: participantsAgg,
}

export async function listCosell(actor: Actor, rawFilters: unknown = {}) {
  assertCosellActor(actor)
  const filters = CosellFiltersSchema.parse(rawFilters ?? {})
  const where = visibleWhere(actor, filters)
  // The total needs no query of its own: the per-stage counts (computed without the stage filter) add up to it.
  const [rows, byStage] = await Promise.all([
    db
      .select({
        ...cosellColumns,
        ownerOrgId: opportunities.orgId,
        myStatus: sql<string | null>`(select p.status from opportunity_participants p where p.opportunity_id = ${opportunities.id} and p.org_id = ${actor.orgId})`,
      })
      .from(opportunities)
      .innerJoin(cosellOwner, eq(cosellOwner.id, opportunities.orgId))
      .where(where)
      .orderBy(desc(opportunities.createdAt), desc(opportunities.id))
      .limit(COSELL_PAGE_SIZE)
      .offset((filters.page - 1) * COSELL_PAGE_SIZE),
    db
      .select({ stage: opportunities.stage, n: sql<number>`count(*)::int`, amount: sql<number>`coalesce(sum(${opportunities.amount}), 0)::bigint` })
      .from(opportunities)
      .where(visibleWhere(actor, { ...filters, stage: undefined }))
      .groupBy(opportunities.stage),
  ])
  const now = Date.now()
  return {
    filters,
    opportunities: rows.map((r) => ({ ...r, ageDays: Math.floor((now - new Date(r.createdAt).getTime()) / 86_400_000) })),
    total: byStage.filter((s) => !filters.stage || s.stage === filters.stage).reduce((sum, s) => sum + Number(s.n), 0),
    pageSize: COSELL_PAGE_SIZE,
    byStage: Object.fromEntries(byStage.map((s) => [s.stage, { count: Number(s.n), amount: Number(s.amount) }])) as Partial<Record<OpportunityStage, { count: number; amount: number }>>,
  }
}

/** Partners that appear on co-sells the actor can see, for the partner filter. */
export async function cosellPartnerOptions(actor: Actor) {
  assertCosellActor(actor)
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, 'partner'),
        sql`exists (select 1 from opportunities o where o.is_cosell and (o.org_id = ${organizations.id} or exists (select 1 from opportunity_participants p where p.opportunity_id = o.id and p.org_id = ${organizations.id})))`,
      ),
    )
    .orderBy(asc(organizations.name))
    .limit(500)
}

/** CSV of the co-sells the actor can see under the filters; every cell is formula-safe. */
export async function exportCosellCsv(actor: Actor, rawFilters: unknown = {}): Promise<string> {
  assertCosellActor(actor)
  const filters = CosellFiltersSchema.parse(rawFilters ?? {})
  const rows = await db
    .select({ ...cosellColumns, closedAt: opportunities.closedAt })
    .from(opportunities)
    .innerJoin(cosellOwner, eq(cosellOwner.id, opportunities.orgId))
    .where(visibleWhere(actor, filters))
    .orderBy(desc(opportunities.createdAt))
    .limit(100_000)
  const now = Date.now()
  const header = ['id', 'account', 'domain', 'amount', 'stage', 'opened by', 'participants', 'created', 'age (days)', 'expected close', 'closed']
  const body = rows.map((r) =>
    safeRow([
      r.id,
      r.accountName,
      r.accountDomain ?? '',
      (r.amount / 100).toFixed(2),
      STAGE_LABELS[r.stage],
      r.ownerName,
      r.participants ?? '',
      r.createdAt.toISOString().slice(0, 10),
      Math.floor((now - r.createdAt.getTime()) / 86_400_000),
      r.expectedCloseAt ? r.expectedCloseAt.toISOString().slice(0, 10) : '',
      r.closedAt ? r.closedAt.toISOString().slice(0, 10) : '',
    ]),
  )
  return stringify([header, ...body])
}
