import { aliasedTable, and, asc, desc, eq, ilike, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm'
import { db, queryRows, type Queryable, type Tx } from '../../../db/client.server.ts'
import { users } from '../../../db/schema/auth.ts'
import { organizations } from '../../../db/schema/orgs.ts'
import { opportunities, REFERRAL_STATUSES, referrals, type ReferralStatus } from '../../../db/schema/pipeline.ts'
import { endorsements, referralFees, referralProgramSettings, referralTimeline } from '../../../db/schema/referrals.ts'
import { threads } from '../../../db/schema/messaging.ts'
import { conflict, DomainError, forbidden, invalid, notFound } from '../../utils/errors.ts'
import type { z } from 'zod'
import { normalizeDomain } from '../../utils/domain.ts'
import { accountListedBy } from '../accounts/accounts.server.ts'
import { effectiveSharingWith } from '../accounts/connections.server.ts'
import { namedOverlap } from '../accounts/overlap.server.ts'
import { describeRetryAfter, hitRateLimit } from '../auth/rate-limit.server.ts'
import { assertOrgMayAct, assertOrgMayRead, isOrgAdmin, isVendor, orgMayAct, type Actor } from '../auth/actor.ts'
import { recordEvent } from '../events/outbox.server.ts'
import { ensureThread, findThread, inviteOrgToThread, registerThreadKind, unreadCounts } from '../messaging/threads.server.ts'
import {
  computeFee,
  DeclineSchema,
  describeTerms,
  EndorseSchema,
  LostSchema,
  MarkPaidSchema,
  ProgramSettingsSchema,
  ReferralInputSchema,
  STATUS_LABELS,
  TRANSITIONS,
  WonSchema,
  type ListQuery,
} from './schemas.ts'
import { formatMoney } from '../../utils/money.ts'

export type Referral = typeof referrals.$inferSelect
export type ConflictKind = 'own_open_referral' | 'open_referral' | 'receiver_account' | 'vendor_opportunity'
/** One conflict in full; `shownToSender` says whether the sender may be told (see "conflicts" below). */
export type Conflict = { kind: ConflictKind; explanation: string; shownToSender: boolean }
type StoredConflict = { kind: string; explanation: string; shownToSender?: boolean }

const OPEN_STATUSES: ReferralStatus[] = ['submitted', 'accepted', 'in_progress']

// ---------------------------------------------------------------- threads ---------------------

registerThreadKind('referral', {
  async parties(q, subjectId) {
    const [r] = await q.select({ fromOrgId: referrals.fromOrgId, toOrgId: referrals.toOrgId }).from(referrals).where(eq(referrals.id, subjectId))
    return r ? [r.fromOrgId, r.toOrgId] : null
  },
  link: (subjectId) => `/referrals/${subjectId}`,
})

// ---------------------------------------------------------------- helpers ---------------------

function zodFieldErrors(error: { issues: { path: (string | number)[]; message: string }[] }) {
  const out: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form')
    ;(out[key] ??= []).push(issue.message)
  }
  return out
}

function parseOrThrow<T extends z.ZodTypeAny>(schema: T, input: unknown, message: string): z.output<T> {
  const result = schema.safeParse(input)
  if (!result.success) {
    const fieldErrors = zodFieldErrors(result.error)
    const first = Object.values(fieldErrors)[0]?.[0]
    throw invalid(first ? `${message} ${first}` : message, fieldErrors)
  }
  return result.data
}

async function vendorOrgId(q: Queryable) {
  const [v] = await q.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'vendor')).limit(1)
  return v?.id ?? null
}

function audienceFor(r: Pick<Referral, 'fromOrgId' | 'toOrgId'>) {
  return { orgs: [r.fromOrgId, r.toOrgId], vendor: true }
}

async function timeline(
  tx: Queryable,
  actor: Actor | null,
  referralId: string,
  entry: { kind: (typeof referralTimeline.$inferInsert)['kind']; summary: string; fromStatus?: ReferralStatus | null; toStatus?: ReferralStatus | null },
) {
  await tx.insert(referralTimeline).values({
    referralId,
    kind: entry.kind,
    summary: entry.summary,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    actorId: actor?.userId ?? null,
    actorOrgId: actor?.orgId ?? null,
  })
}

/** Locks the referral row and checks the actor may see it; not a party → not_found. */
async function lockReferral(tx: Tx, actor: Actor, id: string) {
  const [r] = await tx.select().from(referrals).where(eq(referrals.id, id)).for('update')
  if (!r || !canSee(actor, r)) throw notFound('That referral does not exist or you are not a party to it.')
  return r
}

function canSee(actor: Actor, r: Pick<Referral, 'fromOrgId' | 'toOrgId'>) {
  return isVendor(actor) || actor.orgId === r.fromOrgId || actor.orgId === r.toOrgId
}

/** The referral capability's writes go through the central "may this organization act" check. */
function assertCanAct(actor: Actor) {
  assertOrgMayAct(actor, 'work on referrals')
}

function assertTransition(r: Referral, to: ReferralStatus) {
  const allowed = TRANSITIONS[r.status] as readonly ReferralStatus[]
  if (!allowed.includes(to)) {
    const why =
      r.status === to
        ? `This referral is already ${STATUS_LABELS[r.status].toLowerCase()}.`
        : `A referral that is ${STATUS_LABELS[r.status].toLowerCase()} cannot be marked ${STATUS_LABELS[to].toLowerCase()}${allowed.length ? ` (it can only become ${allowed.map((s) => STATUS_LABELS[s].toLowerCase()).join(' or ')})` : ''}.`
    throw conflict(why)
  }
}

function assertReceiver(actor: Actor, r: Referral, what: string) {
  if (actor.orgId !== r.toOrgId) throw forbidden(`Only the partner receiving this referral can ${what}.`)
}

// ---------------------------------------------------------------- program settings ------------

export type ProgramSettings = {
  remindAfterHours: number
  expireAfterHours: number
  defaultFeeType: 'none' | 'percent' | 'fixed'
  defaultFeePercentBps: number | null
  defaultFeeFixedAmount: number | null
  defaultFeeCapAmount: number | null
}
export const DEFAULT_SETTINGS: ProgramSettings = {
  remindAfterHours: 48,
  expireAfterHours: 120,
  defaultFeeType: 'percent',
  defaultFeePercentBps: 1000,
  defaultFeeFixedAmount: null,
  defaultFeeCapAmount: null,
}

export async function getProgramSettings(q: Queryable = db): Promise<ProgramSettings> {
  // The vendor's settings (the first vendor org, as vendorOrgId picks it), in one query.
  const [row] = await q
    .select({ settings: referralProgramSettings })
    .from(organizations)
    .leftJoin(referralProgramSettings, eq(referralProgramSettings.orgId, organizations.id))
    .where(eq(organizations.kind, 'vendor'))
    .limit(1)
  return row?.settings ? { ...DEFAULT_SETTINGS, ...row.settings } : DEFAULT_SETTINGS
}

export async function updateProgramSettings(actor: Actor, input: unknown) {
  if (!(actor.orgKind === 'vendor' && actor.role === 'vendor_admin')) throw forbidden("Only the vendor's admins can change the referral program.")
  const data = parseOrThrow(ProgramSettingsSchema, input, 'The settings were not saved.')
  return db.transaction(async (tx) => {
    const values = await writeProgramSettings(tx, actor, data)
    await recordEvent(tx, { type: 'referral_program.updated', actorId: actor.userId, orgId: actor.orgId, subjectType: 'org', subjectId: actor.orgId, payload: { ...values, updatedAt: undefined } })
  })
}

/** Stores validated program settings inside the caller's transaction (the caller records the event). */
export async function writeProgramSettings(tx: Tx, actor: Actor, data: z.output<typeof ProgramSettingsSchema>) {
  const values = {
    orgId: actor.orgId,
    remindAfterHours: data.remindAfterHours,
    expireAfterHours: data.expireAfterHours,
    defaultFeeType: data.feeType,
    defaultFeePercentBps: data.feePercentBps,
    defaultFeeFixedAmount: data.feeFixedAmount,
    defaultFeeCapAmount: data.feeCapAmount,
    updatedBy: actor.userId,
    updatedAt: new Date(),
  }
  await tx.insert(referralProgramSettings).values(values).onConflictDoUpdate({ target: referralProgramSettings.orgId, set: values })
  return values
}

// ---------------------------------------------------------------- conflicts -------------------
//
// Who learns what (README, "Who learns what about conflicts"): the vendor's team and the
// receiver see every conflict in full. The sender is told only what it knows or may see anyway:
// its own organization's open referrals for the customer, and the receiver listing the customer
// exactly when the overlap page would show it that account by name (accepted connection, both
// populations shared at the names level by both sides, the sender lists the domain too). Every
// other conflict (another partner's referral, the receiver's list beyond that, the vendor's
// pipeline) only flags the referral for the vendor's review; the sender sees the same review
// notice on every referral, conflict or not, so a preview tells it nothing.

/** Shown to every sender, on every preview, whether or not a hidden conflict exists. */
export const VENDOR_REVIEW_NOTICE =
  "The vendor's partner team checks every referral against its own pipeline and the partners' records before work starts, and will contact you if someone is already working with this customer."

/** Previews (and submissions, which check again) per user per window. */
export const PREVIEW_LIMIT = { max: 30, windowSeconds: 10 * 60 }

async function assertPreviewAllowed(actor: Actor) {
  const limit = await hitRateLimit(`referral-preview:${actor.userId}`, PREVIEW_LIMIT.windowSeconds)
  if (limit.count > PREVIEW_LIMIT.max) {
    throw new DomainError('rate_limited', `You have checked ${PREVIEW_LIMIT.max} referrals for conflicts in the last ${PREVIEW_LIMIT.windowSeconds / 60} minutes. Wait ${describeRetryAfter(limit.retryAfterSeconds)} and try again.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    })
  }
}

async function listedAs(q: Queryable, orgId: string, domain: string) {
  const populations = await accountListedBy(orgId, domain, q)
  if (populations.includes('customer')) return { status: 'customer' as const }
  if (populations.includes('opportunity')) return { status: 'opportunity' as const }
  return null
}

/** Would the overlap page show `sender` that the receiver lists `domain` as `status`? The overlap code decides. */
async function overlapShows(q: Queryable, sender: Actor, toOrgId: string, domain: string, status: 'customer' | 'opportunity') {
  if (sender.orgKind !== 'partner') return false
  const sharing = await effectiveSharingWith(q, sender.orgId, toOrgId)
  const { accounts } = await namedOverlap(q, sender.orgId, toOrgId, sharing, { domain, theirs: status })
  return accounts.length > 0
}

/**
 * Every conflict of a referral from `sender` to the receiver for the domain, in full, each marked
 * with whether the sender may be told (`shownToSender`). The vendor's team sees all of them.
 */
export async function detectConflicts(
  q: Queryable,
  sender: Actor,
  input: { toOrgId: string; toOrgName: string; accountDomain: string; excludeReferralId?: string },
): Promise<Conflict[]> {
  const found: Conflict[] = []
  const senderIsVendor = isVendor(sender)
  const openRows = await q
    .select({ id: referrals.id, createdAt: referrals.createdAt, status: referrals.status, fromOrgId: referrals.fromOrgId })
    .from(referrals)
    .where(
      and(
        eq(referrals.toOrgId, input.toOrgId),
        eq(referrals.accountDomain, input.accountDomain),
        inArray(referrals.status, OPEN_STATUSES),
        input.excludeReferralId ? sql`${referrals.id} <> ${input.excludeReferralId}` : undefined,
      ),
    )
    .orderBy(asc(referrals.createdAt))
  const own = openRows.filter((r) => r.fromOrgId === sender.orgId)
  const others = openRows.filter((r) => r.fromOrgId !== sender.orgId)
  const describe = (rows: typeof openRows) =>
    `${rows.length === 1 ? 'an open referral' : `${rows.length} open referrals`} for ${input.accountDomain} (the first one is ${STATUS_LABELS[rows[0]!.status].toLowerCase()}, sent ${rows[0]!.createdAt.toISOString().slice(0, 10)})`
  if (own.length > 0) {
    found.push({
      kind: 'own_open_referral',
      explanation: `Your organization already sent ${input.toOrgName} ${describe(own)}.`,
      shownToSender: true,
    })
  }
  if (others.length > 0) {
    found.push({
      kind: 'open_referral',
      explanation: `${input.toOrgName} already has ${describe(others)} from other partners. Two referrals for the same customer to the same partner usually means someone else got there first.`,
      shownToSender: senderIsVendor,
    })
  }
  const listed = await listedAs(q, input.toOrgId, input.accountDomain)
  if (listed) {
    found.push({
      kind: 'receiver_account',
      explanation: `${input.toOrgName} already lists ${input.accountDomain} as ${listed.status === 'customer' ? 'a customer' : 'an open opportunity'} in its own account list, so it may not be new business for them.`,
      shownToSender: senderIsVendor || (await overlapShows(q, sender, input.toOrgId, input.accountDomain, listed.status)),
    })
  }
  const [opp] = await q
    .select({ id: opportunities.id, stage: opportunities.stage, n: sql<number>`count(*) over ()::int` })
    .from(opportunities)
    .innerJoin(organizations, eq(organizations.id, opportunities.orgId))
    .where(and(eq(organizations.kind, 'vendor'), eq(opportunities.accountDomain, input.accountDomain), notInArray(opportunities.stage, ['won', 'lost'])))
    .limit(1)
  if (opp) {
    found.push({
      kind: 'vendor_opportunity',
      explanation: `The vendor already has ${Number(opp.n) === 1 ? 'an open opportunity' : `${opp.n} open opportunities`} on ${input.accountDomain} (stage: ${opp.stage.replace('_', ' ')}). The vendor's partner team will check who should own it.`,
      // The vendor's pipeline is never shown to partners.
      shownToSender: senderIsVendor,
    })
  }
  return found
}

/** The conflicts a sender may be told about (see above); stored rows without the mark count as hidden. */
export function senderConflicts(conflicts: readonly StoredConflict[]): { kind: string; explanation: string }[] {
  return conflicts.filter((c) => c.shownToSender === true).map((c) => ({ kind: c.kind, explanation: c.explanation }))
}

/** The conflict status as the sender sees it: flagged only for conflicts it was shown. */
function senderConflictStatus(r: Pick<Referral, 'conflicts' | 'conflictStatus'>): Referral['conflictStatus'] {
  return senderConflicts(r.conflicts).length > 0 ? r.conflictStatus : 'none'
}

/** A referral as `actor` may see it: the sender's view hides the conflicts it may not be told about. */
function referralFor(actor: Actor, r: Referral): Referral {
  if (isVendor(actor) || actor.orgId !== r.fromOrgId) return r
  return { ...r, conflicts: senderConflicts(r.conflicts), conflictStatus: senderConflictStatus(r) }
}

// ---------------------------------------------------------------- submit ----------------------

export async function programDefaults() {
  const s = await getProgramSettings()
  return { feeType: s.defaultFeeType, feePercentBps: s.defaultFeePercentBps, feeFixedAmount: s.defaultFeeFixedAmount, feeCapAmount: s.defaultFeeCapAmount }
}

async function resolveTarget(q: Queryable, actor: Actor, toOrg: string) {
  const [org] = await q
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, kind: organizations.kind, status: organizations.status })
    .from(organizations)
    .where(or(eq(organizations.slug, toOrg), eq(organizations.id, toOrg)))
  if (!org || org.kind !== 'partner' || org.status !== 'active') throw invalid('Choose an active partner from the marketplace to refer the customer to.', { toOrg: ['That partner is not an active partner in the marketplace.'] })
  if (org.id === actor.orgId) throw invalid('You cannot refer a customer to your own organization.', { toOrg: ['Choose another partner.'] })
  return org
}

function assertCanRefer(actor: Actor) {
  assertOrgMayAct(actor, 'send referrals')
  if (actor.orgKind === 'vendor' && !isVendor(actor)) throw forbidden()
}

/**
 * Step one of "Refer a customer": the checked input, the target and the conflicts the sender may
 * be told about, nothing saved. `review` is the same notice on every preview. Rate limited per user.
 */
export async function previewReferral(actor: Actor, input: unknown) {
  assertCanRefer(actor)
  await assertPreviewAllowed(actor)
  const { data, target } = await checkReferralInput(actor, input)
  const conflicts = await detectConflicts(db, actor, { toOrgId: target.id, toOrgName: target.name, accountDomain: data.accountDomain })
  return { data, target, conflicts: senderConflicts(conflicts), review: VENDOR_REVIEW_NOTICE, terms: describeTerms(data) }
}

async function checkReferralInput(actor: Actor, input: unknown) {
  const data = parseOrThrow(ReferralInputSchema, input, 'Check the referral:')
  const domain = normalizeDomain(data.accountDomain)
  if (!domain) throw invalid(`"${data.accountDomain}" is not a web domain. Enter it like acme.com.`, { accountDomain: ['Enter a web domain, like acme.com.'] })
  const target = await resolveTarget(db, actor, data.toOrg)
  if (data.opportunityId) await checkOpportunity(db, actor, data.opportunityId)
  return { data: { ...data, accountDomain: domain }, target }
}

async function checkOpportunity(q: Queryable, actor: Actor, id: string) {
  const [opp] = await q.select({ id: opportunities.id, orgId: opportunities.orgId }).from(opportunities).where(eq(opportunities.id, id))
  if (!opp || (opp.orgId !== actor.orgId && !isVendor(actor))) throw invalid('That opportunity is not one of yours.', { opportunityId: ['Link one of your own opportunities, or leave it empty.'] })
}

/**
 * Step two: saves the referral. The conflicts are computed again; any the sender may see but has
 * not (not in `acknowledged`) send it back to review instead of saving. Hidden conflicts never
 * stop it: they flag the referral for the vendor's review. Returns the sender's view.
 */
export async function submitReferral(actor: Actor, input: unknown, { acknowledged = [] as string[] } = {}) {
  assertCanRefer(actor)
  await assertPreviewAllowed(actor)
  const { data, target } = await checkReferralInput(actor, input)
  return db.transaction(async (tx) => {
    // Serialize submissions for one receiver + domain so the open-referral check cannot race.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`referral:${target.id}:${data.accountDomain}`}))`)
    const conflicts = await detectConflicts(tx, actor, { toOrgId: target.id, toOrgName: target.name, accountDomain: data.accountDomain })
    const unseen = conflicts.filter((c) => c.shownToSender && !acknowledged.includes(c.kind))
    if (unseen.length > 0) {
      throw conflict(`Review ${unseen.length === 1 ? 'this possible conflict' : 'these possible conflicts'} before sending: ${unseen.map((c) => c.explanation).join(' ')}`, {
        conflicts: unseen.map((c) => c.explanation),
      })
    }
    const [r] = await tx
      .insert(referrals)
      .values({
        fromOrgId: actor.orgId,
        toOrgId: target.id,
        createdBy: actor.userId,
        accountName: data.accountName,
        accountDomain: data.accountDomain,
        contactName: data.contactName ?? null,
        contactEmail: data.contactEmail ?? null,
        need: data.need,
        estimatedValue: data.estimatedValue ?? 0,
        opportunityId: data.opportunityId ?? null,
        feeType: data.feeType,
        feePercentBps: data.feePercentBps,
        feeFixedAmount: data.feeFixedAmount,
        feeCapAmount: data.feeCapAmount,
        conflicts,
        conflictStatus: conflicts.length ? 'flagged' : 'none',
      })
      .returning()
    const referral = r!
    await ensureThread(tx, 'referral', referral.id, `Referral: ${referral.accountName}`)
    await timeline(tx, actor, referral.id, { kind: 'status', toStatus: 'submitted', summary: `${actor.name} (${actor.orgName}) referred ${referral.accountName} to ${target.name}. Proposed fee: ${describeTerms(referral)}.` })
    if (conflicts.length) await timeline(tx, actor, referral.id, { kind: 'conflict', summary: `Flagged for the vendor's review: ${conflicts.map((c) => c.explanation).join(' ')}` })
    await recordEvent(tx, {
      type: 'referral.submitted',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'referral',
      subjectId: referral.id,
      // No conflict kinds here: the sender's sockets receive this payload.
      payload: { fromOrgId: referral.fromOrgId, fromOrgName: actor.orgName, toOrgId: target.id, toOrgName: target.name, accountName: referral.accountName, accountDomain: referral.accountDomain, estimatedValue: referral.estimatedValue },
      audience: audienceFor(referral),
    })
    if (conflicts.length) {
      // The flag and its kinds reach the receiver and the vendor's team only.
      await recordEvent(tx, {
        type: 'referral.conflict_flagged',
        actorId: actor.userId,
        orgId: actor.orgId,
        subjectType: 'referral',
        subjectId: referral.id,
        payload: { fromOrgId: referral.fromOrgId, toOrgId: target.id, accountName: referral.accountName, conflicts: conflicts.map((c) => c.kind) },
        audience: { orgs: [target.id], vendor: true },
      })
    }
    return referralFor(actor, referral)
  })
}

// ---------------------------------------------------------------- transitions -----------------

async function transition(
  actor: Actor,
  id: string,
  to: ReferralStatus,
  apply: (r: Referral, tx: Tx) => Promise<{ set: Partial<typeof referrals.$inferInsert>; summary: string; payload?: Record<string, unknown> }>,
) {
  assertCanAct(actor)
  return db.transaction(async (tx) => {
    const r = await lockReferral(tx, actor, id)
    assertTransition(r, to)
    const { set, summary, payload } = await apply(r, tx)
    const [updated] = await tx.update(referrals).set({ ...set, status: to, updatedAt: new Date() }).where(eq(referrals.id, id)).returning()
    await timeline(tx, actor, id, { kind: 'status', fromStatus: r.status, toStatus: to, summary })
    await recordEvent(tx, {
      type: `referral.${to}`,
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'referral',
      subjectId: id,
      payload: { from: r.status, to, fromOrgId: r.fromOrgId, toOrgId: r.toOrgId, accountName: r.accountName, actorOrgName: actor.orgName, ...payload },
      audience: audienceFor(r),
    })
    return updated!
  })
}

/** The receiver accepts the referral together with the proposed fee terms. */
export async function acceptReferral(actor: Actor, id: string, input: { acceptTerms?: unknown } = {}) {
  return transition(actor, id, 'accepted', async (r) => {
    assertReceiver(actor, r, 'accept it')
    if (r.feeType !== 'none' && !(input.acceptTerms === true || input.acceptTerms === 'on' || input.acceptTerms === 'true')) {
      throw invalid(`Accept the fee terms (${describeTerms(r)}) to accept this referral, or decline it.`, { acceptTerms: ['Tick the box to accept the fee terms.'] })
    }
    const now = new Date()
    return { set: { respondedAt: now, termsAcceptedAt: now }, summary: `${actor.name} (${actor.orgName}) accepted the referral and its fee terms: ${describeTerms(r)}.` }
  })
}

export async function declineReferral(actor: Actor, id: string, input: unknown) {
  const { reason } = parseOrThrow(DeclineSchema, input, 'The referral was not declined.')
  return transition(actor, id, 'declined', async (r) => {
    assertReceiver(actor, r, 'decline it')
    return { set: { respondedAt: new Date(), declineReason: reason }, summary: `${actor.name} (${actor.orgName}) declined: ${reason}`, payload: { reason } }
  })
}

export async function startReferral(actor: Actor, id: string) {
  return transition(actor, id, 'in_progress', async (r) => {
    assertReceiver(actor, r, 'start work on it')
    return { set: {}, summary: `${actor.name} (${actor.orgName}) started working with ${r.accountName}.` }
  })
}

/** Won: records the amount, computes the fee under the accepted terms and writes it to the ledger. */
export async function winReferral(actor: Actor, id: string, input: unknown) {
  const { wonAmount } = parseOrThrow(WonSchema, input, 'The referral was not marked won.')
  return transition(actor, id, 'won', async (r, tx) => {
    assertReceiver(actor, r, 'mark it won')
    const fee = computeFee(r, wonAmount!)
    if (r.feeType !== 'none') {
      await tx.insert(referralFees).values({ referralId: r.id, payerOrgId: r.toOrgId, payeeOrgId: r.fromOrgId, amount: fee.amount, basis: fee.basis })
      await timeline(tx, actor, r.id, { kind: 'fee', summary: `Referral fee of ${formatMoney(fee.amount)} is owed by the receiving partner (${fee.basis}).` })
    }
    return {
      set: { wonAmount: wonAmount!, closedAt: new Date() },
      summary: `${actor.name} (${actor.orgName}) won ${r.accountName} for ${formatMoney(wonAmount)}.`,
      payload: { wonAmount, fee: fee.amount },
    }
  })
}

export async function loseReferral(actor: Actor, id: string, input: unknown) {
  const { reason } = parseOrThrow(LostSchema, input, 'The referral was not marked lost.')
  return transition(actor, id, 'lost', async (r) => {
    assertReceiver(actor, r, 'mark it lost')
    return { set: { lostReason: reason, closedAt: new Date() }, summary: `${actor.name} (${actor.orgName}) lost ${r.accountName}: ${reason}`, payload: { reason } }
  })
}

// ---------------------------------------------------------------- reminders and expiry --------

/**
 * Reminds receivers of referrals left unanswered, then expires them as declined ("expired").
 * Each step is one UPDATE … RETURNING, so several app nodes can run it at once: a row is claimed
 * by exactly one of them.
 */
export async function runReferralMaintenance(now = new Date()) {
  const settings = await getProgramSettings()
  const remindBefore = new Date(now.getTime() - settings.remindAfterHours * 3600_000)
  const expireBefore = new Date(now.getTime() - settings.expireAfterHours * 3600_000)
  return db.transaction(async (tx) => {
    const expired = await queryRows<{ id: string; from_org_id: string; to_org_id: string; account_name: string }>(
      tx,
      sql`update referrals set status = 'declined', decline_reason = 'expired', responded_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
          where status = 'submitted' and created_at < ${expireBefore.toISOString()}::timestamptz
          returning id, from_org_id, to_org_id, account_name`,
    )
    for (const r of expired) {
      await timeline(tx, null, r.id, { kind: 'status', fromStatus: 'submitted', toStatus: 'declined', summary: `Expired: not answered within ${settings.expireAfterHours} hours.` })
      await recordEvent(tx, {
        type: 'referral.declined',
        subjectType: 'referral',
        subjectId: r.id,
        orgId: r.to_org_id,
        payload: { from: 'submitted', to: 'declined', reason: 'expired', fromOrgId: r.from_org_id, toOrgId: r.to_org_id, accountName: r.account_name, expired: true },
        audience: audienceFor({ fromOrgId: r.from_org_id, toOrgId: r.to_org_id }),
      })
    }
    const reminded = await queryRows<{ id: string; from_org_id: string; to_org_id: string; account_name: string }>(
      tx,
      sql`update referrals set reminded_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
          where status = 'submitted' and reminded_at is null and created_at < ${remindBefore.toISOString()}::timestamptz
          returning id, from_org_id, to_org_id, account_name`,
    )
    for (const r of reminded) {
      await timeline(tx, null, r.id, { kind: 'reminder', summary: `Reminder sent: the referral has waited ${settings.remindAfterHours} hours for an answer.` })
      await recordEvent(tx, {
        type: 'referral.reminder',
        subjectType: 'referral',
        subjectId: r.id,
        orgId: r.to_org_id,
        payload: { fromOrgId: r.from_org_id, toOrgId: r.to_org_id, accountName: r.account_name, expiresInHours: settings.expireAfterHours - settings.remindAfterHours },
        audience: { orgs: [r.to_org_id] },
      })
    }
    return { reminded: reminded.length, expired: expired.length }
  })
}

// ---------------------------------------------------------------- conflicts queue -------------

export async function listFlaggedReferrals(actor: Actor, { status = 'flagged' as 'flagged' | 'resolved', page = 1 } = {}) {
  if (!isVendor(actor)) throw forbidden("Only the vendor's ecosystem team can see the conflicts queue.")
  const fromOrg = aliasedTable(organizations, 'from_org')
  const toOrg = aliasedTable(organizations, 'to_org')
  const where = eq(referrals.conflictStatus, status)
  const rows = await db
    .select({ id: referrals.id, accountName: referrals.accountName, accountDomain: referrals.accountDomain, status: referrals.status, conflicts: referrals.conflicts, createdAt: referrals.createdAt, fromName: fromOrg.name, toName: toOrg.name })
    .from(referrals)
    .innerJoin(fromOrg, eq(fromOrg.id, referrals.fromOrgId))
    .innerJoin(toOrg, eq(toOrg.id, referrals.toOrgId))
    .where(where)
    .orderBy(desc(referrals.createdAt))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(referrals).where(where)
  return { rows, total: Number(total), page, pageSize: PAGE_SIZE }
}

export async function resolveConflict(actor: Actor, id: string, input: { note?: unknown }) {
  if (!isVendor(actor)) throw forbidden("Only the vendor's ecosystem team can resolve conflicts.")
  const note = typeof input.note === 'string' ? input.note.trim().slice(0, 1000) : ''
  if (note.length < 3) throw invalid('Say how the conflict was resolved (at least 3 characters).', { note: ['Say how the conflict was resolved.'] })
  return db.transaction(async (tx) => {
    const r = await lockReferral(tx, actor, id)
    if (r.conflictStatus !== 'flagged') throw conflict('This referral has no open conflict to resolve.')
    await tx.update(referrals).set({ conflictStatus: 'resolved', updatedAt: new Date() }).where(eq(referrals.id, id))
    await timeline(tx, actor, id, { kind: 'conflict', summary: `${actor.name} (vendor) resolved the conflict: ${note}` })
    // The sender hears of the resolution only when it was shown a conflict in the first place.
    const senderSawConflict = senderConflicts(r.conflicts).length > 0
    await recordEvent(tx, {
      type: 'referral.conflict_resolved',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'referral',
      subjectId: id,
      payload: { note, fromOrgId: r.fromOrgId, toOrgId: r.toOrgId, accountName: r.accountName, senderSawConflict },
      audience: { orgs: senderSawConflict ? [r.fromOrgId, r.toOrgId] : [r.toOrgId], vendor: true },
    })
  })
}

// ---------------------------------------------------------------- reads -----------------------

export const PAGE_SIZE = 25

export async function listReferrals(actor: Actor, query: ListQuery) {
  const box = isVendor(actor) ? query.box : query.box === 'all' ? 'inbox' : query.box
  assertOrgMayRead(actor, 'use referrals')
  const scope: SQL | undefined = box === 'inbox' ? eq(referrals.toOrgId, actor.orgId) : box === 'outbox' ? eq(referrals.fromOrgId, actor.orgId) : undefined
  const fromOrg = aliasedTable(organizations, 'from_org')
  const toOrg = aliasedTable(organizations, 'to_org')
  const search = query.q ? or(ilike(referrals.accountName, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`), ilike(referrals.accountDomain, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`)) : undefined
  const where = and(scope, query.status ? eq(referrals.status, query.status) : undefined, search)
  const rowsQuery = db
    .select({
      id: referrals.id,
      accountName: referrals.accountName,
      accountDomain: referrals.accountDomain,
      status: referrals.status,
      estimatedValue: referrals.estimatedValue,
      wonAmount: referrals.wonAmount,
      conflictStatus: referrals.conflictStatus,
      conflicts: referrals.conflicts,
      createdAt: referrals.createdAt,
      fromOrgId: referrals.fromOrgId,
      toOrgId: referrals.toOrgId,
      fromName: fromOrg.name,
      toName: toOrg.name,
      threadId: threads.id,
    })
    .from(referrals)
    .innerJoin(fromOrg, eq(fromOrg.id, referrals.fromOrgId))
    .innerJoin(toOrg, eq(toOrg.id, referrals.toOrgId))
    .leftJoin(threads, and(eq(threads.kind, 'referral'), eq(threads.subjectId, referrals.id)))
    .where(where)
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(PAGE_SIZE)
    .offset((query.page - 1) * PAGE_SIZE)
  const countRowsQuery = db
    .select({ status: referrals.status, n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(and(scope, search))
    .groupBy(referrals.status)
  const [rows, countRows] = await Promise.all([rowsQuery, countRowsQuery])
  const counts = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as Record<ReferralStatus, number>
  for (const c of countRows) counts[c.status] = Number(c.n)
  const total = query.status ? counts[query.status] : Object.values(counts).reduce((a, b) => a + b, 0)
  // Unread messages per referral, for the parties only.
  const partyThreads = rows.filter((r) => r.threadId !== null && (r.fromOrgId === actor.orgId || r.toOrgId === actor.orgId))
  const unread = await unreadCounts(actor, partyThreads.map((r) => r.threadId!))
  const unreadByReferral = Object.fromEntries(partyThreads.map((r) => [r.id, unread[r.threadId!] ?? 0]))
  return {
    box,
    rows: rows.map(({ conflicts, threadId: _thread, ...r }) => ({
      ...r,
      conflictStatus: !isVendor(actor) && r.fromOrgId === actor.orgId ? senderConflictStatus({ conflicts, conflictStatus: r.conflictStatus }) : r.conflictStatus,
      unread: unreadByReferral[r.id] ?? 0,
    })),
    counts,
    total,
    page: query.page,
    pageSize: PAGE_SIZE,
  }
}

export async function getReferral(actor: Actor, id: string) {
  const fromOrg = aliasedTable(organizations, 'from_org')
  const toOrg = aliasedTable(organizations, 'to_org')
  const [row] = await db
    .select({ referral: referrals, fromName: fromOrg.name, fromSlug: fromOrg.slug, toName: toOrg.name, toSlug: toOrg.slug, createdByName: users.name })
    .from(referrals)
    .innerJoin(fromOrg, eq(fromOrg.id, referrals.fromOrgId))
    .innerJoin(toOrg, eq(toOrg.id, referrals.toOrgId))
    .leftJoin(users, eq(users.id, referrals.createdBy))
    .where(eq(referrals.id, id))
  if (!row || !canSee(actor, row.referral)) throw notFound('That referral does not exist or you are not a party to it.')
  const r = row.referral
  const [entries, [fee], given, thread] = await Promise.all([
    db
      .select({ id: referralTimeline.id, kind: referralTimeline.kind, summary: referralTimeline.summary, toStatus: referralTimeline.toStatus, createdAt: referralTimeline.createdAt })
      .from(referralTimeline)
      .where(eq(referralTimeline.referralId, id))
      .orderBy(asc(referralTimeline.createdAt), asc(referralTimeline.id)),
    db.select().from(referralFees).where(eq(referralFees.referralId, id)),
    db.select().from(endorsements).where(eq(endorsements.referralId, id)),
    findThread(db, 'referral', id),
  ])
  const isParty = actor.orgId === r.fromOrgId || actor.orgId === r.toOrgId
  // The orgs invited into the thread, read once: whether the actor's org is one, and the vendor's.
  const invited = thread
    ? (
        await queryRows<{ actor: boolean; vendor: boolean }>(
          db,
          sql`select coalesce(bool_or(t.org_id = ${actor.orgId}), false) as actor, coalesce(bool_or(o.kind = 'vendor'), false) as vendor
              from thread_orgs t join organizations o on o.id = t.org_id where t.thread_id = ${thread.id}`,
        )
      )[0]
    : undefined
  const threadAccess = Boolean(thread) && (isParty || Boolean(invited?.actor))
  const vendorInvited = Boolean(invited?.vendor)
  const side: 'sender' | 'receiver' | 'vendor' = actor.orgId === r.fromOrgId ? 'sender' : actor.orgId === r.toOrgId ? 'receiver' : 'vendor'
  // The sender sees only the conflicts it may be told about, and none of the review's entries.
  const shown = referralFor(actor, r)
  const visibleEntries = shown === r ? entries : entries.filter((e) => e.kind !== 'conflict')
  const canDo = referralActions(actor, r, side, fee, given, isParty, thread, vendorInvited)
  return {
    referral: shown,
    fromName: row.fromName,
    fromSlug: row.fromSlug,
    toName: row.toName,
    toSlug: row.toSlug,
    createdByName: row.createdByName,
    terms: describeTerms(r),
    timeline: visibleEntries,
    review: side === 'sender' ? VENDOR_REVIEW_NOTICE : null,
    fee: fee ?? null,
    endorsements: given,
    thread: thread && threadAccess ? { id: thread.id, lastSeq: Number(thread.lastSeq) } : null,
    vendorInvited,
    side,
    // A suspended partner reads its referrals but is offered no action (the domain refuses them anyway).
    can: orgMayAct(actor) ? canDo : Object.fromEntries(Object.keys(canDo).map((k) => [k, false])) as typeof canDo,
  }
}

/** What the referral page offers the actor, before the "may this organization act" check. */
function referralActions(
  actor: Actor,
  r: Referral,
  side: 'sender' | 'receiver' | 'vendor',
  fee: typeof referralFees.$inferSelect | undefined,
  given: { fromOrgId: string }[],
  isParty: boolean,
  thread: unknown,
  vendorInvited: boolean,
) {
  return {
    accept: side === 'receiver' && r.status === 'submitted',
    decline: side === 'receiver' && r.status === 'submitted',
    start: side === 'receiver' && r.status === 'accepted',
    close: side === 'receiver' && r.status === 'in_progress',
    markPaid: !!fee && fee.status === 'owed' && actor.orgId === fee.payerOrgId && isOrgAdmin(actor),
    confirmPaid: !!fee && fee.status === 'paid' && actor.orgId === fee.payeeOrgId && isOrgAdmin(actor),
    endorse: isParty && r.status === 'won' && !given.some((e) => e.fromOrgId === actor.orgId),
    inviteVendor: isParty && !!thread && !vendorInvited,
    resolveConflict: isVendor(actor) && r.conflictStatus === 'flagged',
  }
}

/** A party invites the vendor's team into the referral's conversation. */
export async function inviteVendorToReferralThread(actor: Actor, referralId: string) {
  assertCanAct(actor)
  const [r] = await db.select().from(referrals).where(eq(referrals.id, referralId))
  if (!r || !(actor.orgId === r.fromOrgId || actor.orgId === r.toOrgId)) throw notFound('That referral does not exist or you are not a party to it.')
  const thread = await findThread(db, 'referral', referralId)
  if (!thread) throw notFound('This referral has no conversation yet.')
  const vendorId = await vendorOrgId(db)
  if (!vendorId) throw notFound("There is no vendor team to invite.")
  return inviteOrgToThread(actor, thread.id, vendorId)
}

// ---------------------------------------------------------------- fee ledger ------------------

export async function listLedger(actor: Actor, { page = 1 } = {}) {
  assertOrgMayRead(actor, 'use referrals')
  const payer = aliasedTable(organizations, 'payer')
  const payee = aliasedTable(organizations, 'payee')
  const mine = or(eq(referralFees.payerOrgId, actor.orgId), eq(referralFees.payeeOrgId, actor.orgId))
  const rows = await db
    .select({ fee: referralFees, accountName: referrals.accountName, wonAmount: referrals.wonAmount, payerName: payer.name, payeeName: payee.name })
    .from(referralFees)
    .innerJoin(referrals, eq(referrals.id, referralFees.referralId))
    .innerJoin(payer, eq(payer.id, referralFees.payerOrgId))
    .innerJoin(payee, eq(payee.id, referralFees.payeeOrgId))
    .where(mine)
    .orderBy(desc(referralFees.createdAt), desc(referralFees.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
  const [totals] = await queryRows<{ owes: string; owed: string; owes_open: string; owed_open: string; n: number }>(
    db,
    sql`select coalesce(sum(amount) filter (where payer_org_id = ${actor.orgId}), 0) as owes,
               coalesce(sum(amount) filter (where payee_org_id = ${actor.orgId}), 0) as owed,
               coalesce(sum(amount) filter (where payer_org_id = ${actor.orgId} and status <> 'confirmed'), 0) as owes_open,
               coalesce(sum(amount) filter (where payee_org_id = ${actor.orgId} and status <> 'confirmed'), 0) as owed_open,
               count(*)::int as n
        from referral_fees where payer_org_id = ${actor.orgId} or payee_org_id = ${actor.orgId}`,
  )
  return {
    rows: rows.map((r) => ({ ...r.fee, accountName: r.accountName, wonAmount: r.wonAmount, payerName: r.payerName, payeeName: r.payeeName, direction: r.fee.payerOrgId === actor.orgId ? ('owes' as const) : ('owed' as const) })),
    totals: { owes: Number(totals?.owes ?? 0), owed: Number(totals?.owed ?? 0), owesOpen: Number(totals?.owes_open ?? 0), owedOpen: Number(totals?.owed_open ?? 0) },
    total: Number(totals?.n ?? 0),
    page,
    pageSize: PAGE_SIZE,
  }
}

async function lockFee(tx: Tx, actor: Actor, feeId: string) {
  const [fee] = await tx.select().from(referralFees).where(eq(referralFees.id, feeId)).for('update')
  if (!fee || (fee.payerOrgId !== actor.orgId && fee.payeeOrgId !== actor.orgId)) throw notFound('That fee does not exist or is not yours.')
  return fee
}

/** The payer (the receiving partner) records that it paid the fee. */
export async function markFeePaid(actor: Actor, feeId: string, input: unknown = {}) {
  const { reference } = parseOrThrow(MarkPaidSchema, input, 'The fee was not marked paid.')
  assertCanAct(actor)
  return db.transaction(async (tx) => {
    const fee = await lockFee(tx, actor, feeId)
    if (fee.payerOrgId !== actor.orgId) throw forbidden('Only the partner who owes the fee can mark it paid.')
    if (!isOrgAdmin(actor)) throw forbidden('Only an admin of your organization can mark a fee paid.')
    if (fee.status !== 'owed') throw conflict(fee.status === 'paid' ? 'This fee is already marked paid; the other side has to confirm it.' : 'This fee is already paid and confirmed.')
    const now = new Date()
    await tx.update(referralFees).set({ status: 'paid', paidAt: now, paidBy: actor.userId, paymentReference: reference ?? null }).where(eq(referralFees.id, feeId))
    await timeline(tx, actor, fee.referralId, { kind: 'fee', summary: `${actor.name} (${actor.orgName}) marked the fee of ${formatMoney(fee.amount)} paid${reference ? ` (reference ${reference})` : ''}.` })
    await recordEvent(tx, { type: 'fee.paid', actorId: actor.userId, orgId: actor.orgId, subjectType: 'referral', subjectId: fee.referralId, payload: { feeId, amount: fee.amount, reference: reference ?? null, fromOrgId: fee.payeeOrgId, toOrgId: fee.payerOrgId }, audience: { orgs: [fee.payerOrgId, fee.payeeOrgId] } })
  })
}

/** The payee (the referrer) confirms it received the fee. */
export async function confirmFeePaid(actor: Actor, feeId: string) {
  assertCanAct(actor)
  return db.transaction(async (tx) => {
    const fee = await lockFee(tx, actor, feeId)
    if (fee.payeeOrgId !== actor.orgId) throw forbidden('Only the partner who is owed the fee can confirm it was paid.')
    if (!isOrgAdmin(actor)) throw forbidden('Only an admin of your organization can confirm a payment.')
    if (fee.status !== 'paid') throw conflict(fee.status === 'owed' ? 'The fee has not been marked paid yet.' : 'This payment is already confirmed.')
    await tx.update(referralFees).set({ status: 'confirmed', confirmedAt: new Date(), confirmedBy: actor.userId }).where(eq(referralFees.id, feeId))
    await timeline(tx, actor, fee.referralId, { kind: 'fee', summary: `${actor.name} (${actor.orgName}) confirmed receiving the fee of ${formatMoney(fee.amount)}.` })
    await recordEvent(tx, { type: 'fee.confirmed', actorId: actor.userId, orgId: actor.orgId, subjectType: 'referral', subjectId: fee.referralId, payload: { feeId, amount: fee.amount, fromOrgId: fee.payeeOrgId, toOrgId: fee.payerOrgId }, audience: { orgs: [fee.payerOrgId, fee.payeeOrgId] } })
  })
}

// ---------------------------------------------------------------- endorsements ----------------

/** After a won referral, each party may rate the other once: a verified collaboration. */
export async function endorseReferral(actor: Actor, referralId: string, input: unknown) {
  const data = parseOrThrow(EndorseSchema, input, 'The endorsement was not saved.')
  assertCanAct(actor)
  return db.transaction(async (tx) => {
    const r = await lockReferral(tx, actor, referralId)
    if (actor.orgId !== r.fromOrgId && actor.orgId !== r.toOrgId) throw forbidden('Only the two partners of a referral can endorse each other.')
    if (r.status !== 'won') throw conflict('Endorsements are for won referrals only: they vouch for a collaboration that happened.')
    const toOrgId = actor.orgId === r.fromOrgId ? r.toOrgId : r.fromOrgId
    const inserted = await tx
      .insert(endorsements)
      .values({ referralId, fromOrgId: actor.orgId, toOrgId, rating: data.rating, comment: data.comment ?? null, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning()
    if (inserted.length === 0) throw conflict('Your organization has already endorsed this collaboration.')
    await timeline(tx, actor, referralId, { kind: 'endorsement', summary: `${actor.orgName} rated the collaboration ${data.rating}/5.` })
    await recordEvent(tx, { type: 'endorsement.created', actorId: actor.userId, orgId: actor.orgId, subjectType: 'referral', subjectId: referralId, payload: { rating: data.rating, toOrgId, fromOrgName: actor.orgName, accountName: r.accountName }, audience: { orgs: [toOrgId, actor.orgId] } })
    return inserted[0]!
  })
}

/** Public: a partner's endorsement average and count (for the partner page and search). */
export async function endorsementSummary(orgId: string, q: Queryable = db) {
  const [row] = await q
    .select({ average: sql<string | null>`avg(${endorsements.rating})`, count: sql<number>`count(*)::int` })
    .from(endorsements)
    .where(eq(endorsements.toOrgId, orgId))
  const count = Number(row?.count ?? 0)
  return { count, average: count ? Math.round(Number(row!.average) * 10) / 10 : null }
}

export async function endorsementSummaries(orgIds: string[], q: Queryable = db) {
  if (orgIds.length === 0) return {} as Record<string, { count: number; average: number | null }>
  const rows = await q
    .select({ orgId: endorsements.toOrgId, average: sql<string>`avg(${endorsements.rating})`, count: sql<number>`count(*)::int` })
    .from(endorsements)
    .where(inArray(endorsements.toOrgId, orgIds))
    .groupBy(endorsements.toOrgId)
  return Object.fromEntries(rows.map((r) => [r.orgId, { count: Number(r.count), average: Math.round(Number(r.average) * 10) / 10 }]))
}

/** Public: the latest endorsements a partner received, with who gave them. */
export async function listEndorsementsFor(orgId: string, limit = 10) {
  return db
    .select({ id: endorsements.id, rating: endorsements.rating, comment: endorsements.comment, createdAt: endorsements.createdAt, fromName: organizations.name, fromSlug: organizations.slug })
    .from(endorsements)
    .innerJoin(organizations, eq(organizations.id, endorsements.fromOrgId))
    .where(eq(endorsements.toOrgId, orgId))
    .orderBy(desc(endorsements.createdAt))
    .limit(limit)
}

/** Active partners one can refer a customer to (everyone but the actor's own org). */
export async function referralTargets(actor: Actor) {
  assertCanRefer(actor)
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.kind, 'partner'), eq(organizations.status, 'active'), sql`${organizations.id} <> ${actor.orgId}`))
    .orderBy(asc(organizations.name))
}
