import { and, asc, eq, or, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable, type Tx } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { opportunities, referrals, type ReferralStatus } from '#db/schema/pipeline.ts'
import { referralFees } from '#db/schema/referrals.ts'
import { conflict, forbidden, invalid } from '#app/utils/errors.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { assertOrgMayAct, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { ensureThread } from '#app/features/messaging/threads.server.ts'
import { computeFee, DeclineSchema, describeTerms, LostSchema, ReferralInputSchema, STATUS_LABELS, TRANSITIONS, WonSchema } from '#app/features/referrals/schemas.ts'
import { formatMoney } from '#app/utils/money.ts'
import { audienceFor, assertCanAct, lockReferral, timeline, type Referral } from '#app/features/referrals/records.server.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { getProgramSettings } from '#app/features/referrals/program-settings.server.ts'
import { flagDeal } from '#app/features/deals/conflicts.server.ts'
import { assertPreviewAllowed, detectConflicts, referralFor, senderConflicts, VENDOR_REVIEW_NOTICE } from '#app/features/referrals/conflicts.server.ts'

/** The event of a status change (a referral never changes back to submitted). */
type StatusEventType = `referral.${Exclude<ReferralStatus, 'submitted'>}`

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

// ---------------------------------------------------------------- submit ----------------------

async function resolveTarget(q: Queryable, actor: Actor, toOrg: string) {
  const [org] = await q
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, kind: organizations.kind, status: organizations.status })
    .from(organizations)
    .where(or(eq(organizations.slug, toOrg), eq(organizations.id, toOrg)))
  if (!org || org.kind !== 'partner' || org.status !== 'active')
    throw invalid('Choose an active partner from the marketplace to refer the customer to.', { toOrg: ['That partner is not an active partner in the marketplace.'] })
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
  const conflicts = await detectConflicts(db, actor, {
    toOrgId: target.id,
    toOrgName: target.name,
    accountDomain: data.accountDomain,
    accountName: data.accountName,
    opportunityId: data.opportunityId,
  })
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
    // Serialize new deals for one customer (the same key registrations and co-sells take) so the check cannot race.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deal:${data.accountDomain}`}))`)
    const conflicts = await detectConflicts(tx, actor, {
      toOrgId: target.id,
      toOrgName: target.name,
      accountDomain: data.accountDomain,
      accountName: data.accountName,
      opportunityId: data.opportunityId,
    })
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
    await timeline(tx, actor, referral.id, {
      kind: 'status',
      toStatus: 'submitted',
      summary: `${actor.name} (${actor.orgName}) referred ${referral.accountName} to ${target.name}. Proposed fee: ${describeTerms(referral)}.`,
    })
    if (conflicts.length) await timeline(tx, actor, referral.id, { kind: 'conflict', summary: `Flagged for the vendor's review: ${conflicts.map((c) => c.explanation).join(' ')}` })
    await recordEvent(tx, {
      type: 'referral.submitted',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'referral',
      subjectId: referral.id,
      // No conflict kinds here: the sender's sockets receive this payload.
      payload: {
        fromOrgId: referral.fromOrgId,
        fromOrgName: actor.orgName,
        toOrgId: target.id,
        toOrgName: target.name,
        accountName: referral.accountName,
        accountDomain: referral.accountDomain,
        estimatedValue: referral.estimatedValue,
      },
      audience: audienceFor(referral),
    })
    if (conflicts.length) {
      // The vendor's conflict queue of every deal: the referral beside everything it matched.
      await flagDeal(tx, actor, { kind: 'referral', id: referral.id, orgId: actor.orgId, accountName: referral.accountName, accountDomain: referral.accountDomain }, conflicts.matches ?? [])
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

/** Active partners one can refer a customer to (everyone but the actor's own org). */
export async function referralTargets(actor: Actor) {
  assertCanRefer(actor)
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.kind, 'partner'), eq(organizations.status, 'active'), sql`${organizations.id} <> ${actor.orgId}`))
    .orderBy(asc(organizations.name))
}

// ---------------------------------------------------------------- transitions -----------------

/**
 * Checked inside a transition's transaction, on the locked referral, before anything is written:
 * the public API's If-Match (the referral must still be the version the caller read).
 */
export type TransitionOptions = { precondition?: (r: Referral, tx: Tx) => void | Promise<void> }

async function transition(
  actor: Actor,
  id: string,
  to: ReferralStatus,
  options: TransitionOptions,
  apply: (
    r: Referral,
    tx: Tx,
  ) => Promise<{ set: Partial<typeof referrals.$inferInsert>; summary: string; payload?: { reason?: string; wonAmount?: string | number | null; fee?: string | number | null } }>,
) {
  assertCanAct(actor)
  return db.transaction(async (tx) => {
    const r = await lockReferral(tx, actor, id)
    await options.precondition?.(r, tx)
    assertTransition(r, to)
    const { set, summary, payload } = await apply(r, tx)
    const [updated] = await tx
      .update(referrals)
      .set({ ...set, status: to, updatedAt: new Date() })
      .where(eq(referrals.id, id))
      .returning()
    await timeline(tx, actor, id, { kind: 'status', fromStatus: r.status, toStatus: to, summary })
    await recordEvent(tx, {
      type: `referral.${to}` as StatusEventType,
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
export async function acceptReferral(actor: Actor, id: string, input: { acceptTerms?: unknown } = {}, options: TransitionOptions = {}) {
  return transition(actor, id, 'accepted', options, async (r) => {
    assertReceiver(actor, r, 'accept it')
    if (r.feeType !== 'none' && !(input.acceptTerms === true || input.acceptTerms === 'on' || input.acceptTerms === 'true')) {
      throw invalid(`Accept the fee terms (${describeTerms(r)}) to accept this referral, or decline it.`, { acceptTerms: ['Tick the box to accept the fee terms.'] })
    }
    const now = new Date()
    return { set: { respondedAt: now, termsAcceptedAt: now }, summary: `${actor.name} (${actor.orgName}) accepted the referral and its fee terms: ${describeTerms(r)}.` }
  })
}

export async function declineReferral(actor: Actor, id: string, input: unknown, options: TransitionOptions = {}) {
  const { reason } = parseOrThrow(DeclineSchema, input, 'The referral was not declined.')
  return transition(actor, id, 'declined', options, async (r) => {
    assertReceiver(actor, r, 'decline it')
    return { set: { respondedAt: new Date(), declineReason: reason }, summary: `${actor.name} (${actor.orgName}) declined: ${reason}`, payload: { reason } }
  })
}

export async function startReferral(actor: Actor, id: string, options: TransitionOptions = {}) {
  return transition(actor, id, 'in_progress', options, async (r) => {
    assertReceiver(actor, r, 'start work on it')
    return { set: {}, summary: `${actor.name} (${actor.orgName}) started working with ${r.accountName}.` }
  })
}

/** Won: records the amount, computes the fee under the accepted terms and writes it to the ledger. */
export async function winReferral(actor: Actor, id: string, input: unknown, options: TransitionOptions = {}) {
  const { wonAmount } = parseOrThrow(WonSchema, input, 'The referral was not marked won.')
  return transition(actor, id, 'won', options, async (r, tx) => {
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

export async function loseReferral(actor: Actor, id: string, input: unknown, options: TransitionOptions = {}) {
  const { reason } = parseOrThrow(LostSchema, input, 'The referral was not marked lost.')
  return transition(actor, id, 'lost', options, async (r) => {
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
