import { aliasedTable, desc, eq, sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { referrals } from '#db/schema/pipeline.ts'
import { dealConflicts } from '#db/schema/registrations.ts'
import { findDealConflicts, type DealMatch } from '#app/features/deals/conflicts.server.ts'
import { conflict, DomainError, forbidden, invalid } from '#app/utils/errors.ts'
import { accountListedBy } from '#app/features/accounts/accounts.server.ts'
import { effectiveSharingWith } from '#app/features/accounts/connections.server.ts'
import { namedOverlap } from '#app/features/accounts/overlap.server.ts'
import { describeRetryAfter, hitRateLimit } from '#app/features/auth/rate-limit.server.ts'
import { isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { lockReferral, PAGE_SIZE, timeline, type Referral } from '#app/features/referrals/records.server.ts'

export type ConflictKind = 'own_open_referral' | 'own_deal' | 'open_referral' | 'receiver_account' | 'open_cosell' | 'registration' | 'vendor_opportunity'
/** One conflict in full; `shownToSender` says whether the sender may be told (see "conflicts" below). */
export type Conflict = { kind: ConflictKind; explanation: string; shownToSender: boolean }
type StoredConflict = { kind: string; explanation: string; shownToSender?: boolean }

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

export async function assertPreviewAllowed(actor: Actor) {
  const limit = await hitRateLimit(`referral-preview:${actor.userId}`, PREVIEW_LIMIT.windowSeconds)
  if (limit.count > PREVIEW_LIMIT.max) {
    throw new DomainError(
      'rate_limited',
      `You have checked ${PREVIEW_LIMIT.max} referrals for conflicts in the last ${PREVIEW_LIMIT.windowSeconds / 60} minutes. Wait ${describeRetryAfter(limit.retryAfterSeconds)} and try again.`,
      {
        retryAfterSeconds: limit.retryAfterSeconds,
      },
    )
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
 * with whether the sender may be told (`shownToSender`). The vendor's team sees all of them. The
 * deals come from the one checker every new deal uses (`app/features/deals/conflicts.server.ts`:
 * open referrals to anyone, open co-sells, active registrations, the vendor's open
 * opportunities); the receiver's account list, as sharing levels show it, is the referral's own
 * addition. `matches` is what goes to the vendor's conflict queue.
 */
export async function detectConflicts(
  q: Queryable,
  sender: Actor,
  input: { toOrgId: string; toOrgName: string; accountDomain: string; accountName?: string; excludeReferralId?: string; opportunityId?: string | null },
): Promise<Conflict[] & { matches?: DealMatch[] }> {
  const found: Conflict[] = []
  const senderIsVendor = isVendor(sender)
  const deals = await findDealConflicts(q, sender, {
    accountName: input.accountName ?? input.accountDomain,
    accountDomain: input.accountDomain,
    // The referral's own deal is no conflict: itself when checked again, and the vendor opportunity it is linked to.
    exclude: [
      ...(input.excludeReferralId ? [{ kind: 'referral' as const, id: input.excludeReferralId }] : []),
      ...(input.opportunityId ? [{ kind: 'vendor_opportunity' as const, id: input.opportunityId }] : []),
    ],
  })
  // A party of the matched deal knows it already (the vendor's team is told everything, but only its own deals need confirming).
  const party = (m: DealMatch) => m.orgIds.includes(sender.orgId)
  const sameReceiver = deals.filter((m) => m.kind === 'referral' && m.orgIds[0] === sender.orgId && m.orgIds[1] === input.toOrgId)
  const ownOther = deals.filter((m) => party(m) && !sameReceiver.includes(m))
  const hidden = (kind: DealMatch['kind']) => deals.filter((m) => m.kind === kind && !party(m))
  const count = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`)
  if (sameReceiver.length > 0) {
    found.push({
      kind: 'own_open_referral',
      explanation: `Your organization already sent ${input.toOrgName} ${count(sameReceiver.length, 'an open referral', 'open referrals')} for ${input.accountDomain}: ${sameReceiver.map((m) => m.explanation).join(' ')}`,
      shownToSender: true,
    })
  }
  if (ownOther.length > 0) {
    found.push({ kind: 'own_deal', explanation: `Your organization already works this customer: ${ownOther.map((m) => m.explanation).join(' ')}`, shownToSender: true })
  }
  const otherReferrals = hidden('referral')
  if (otherReferrals.length > 0) {
    found.push({
      kind: 'open_referral',
      explanation: `There ${otherReferrals.length === 1 ? 'is an open referral' : `are ${otherReferrals.length} open referrals`} for ${input.accountDomain} from other partners: ${otherReferrals.map((m) => m.explanation).join(' ')}`,
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
  const cosells = hidden('cosell')
  if (cosells.length > 0) found.push({ kind: 'open_cosell', explanation: cosells.map((m) => m.explanation).join(' '), shownToSender: senderIsVendor })
  const registrations = hidden('registration')
  if (registrations.length > 0) found.push({ kind: 'registration', explanation: registrations.map((m) => m.explanation).join(' '), shownToSender: senderIsVendor })
  const opp = deals.find((m) => m.kind === 'vendor_opportunity')
  if (opp) {
    found.push({
      kind: 'vendor_opportunity',
      explanation: `${opp.explanation} The vendor's partner team will check who should own it.`,
      // The vendor's pipeline is never shown to partners.
      shownToSender: senderIsVendor,
    })
  }
  // What the vendor's conflict queue keeps: every deal, `own` meaning "the sender may see it", and the account list when it counted.
  const matches: DealMatch[] = deals.map((m) => ({ ...m, own: senderIsVendor || party(m) }))
  const account = found.find((c) => c.kind === 'receiver_account')
  if (account) matches.push({ kind: 'account_list', id: input.toOrgId, orgIds: [input.toOrgId], own: account.shownToSender, explanation: account.explanation })
  return Object.assign(found, { matches })
}

/** The conflicts a sender may be told about (see above); stored rows without the mark count as hidden. */
export function senderConflicts(conflicts: readonly StoredConflict[]): { kind: string; explanation: string }[] {
  return conflicts.filter((c) => c.shownToSender === true).map((c) => ({ kind: c.kind, explanation: c.explanation }))
}

/** The conflict status as the sender sees it: flagged only for conflicts it was shown. */
export function senderConflictStatus(r: Pick<Referral, 'conflicts' | 'conflictStatus'>): Referral['conflictStatus'] {
  return senderConflicts(r.conflicts).length > 0 ? r.conflictStatus : 'none'
}

/** A referral as `actor` may see it: the sender's view hides the conflicts it may not be told about. */
export function referralFor(actor: Actor, r: Referral): Referral {
  if (isVendor(actor) || actor.orgId !== r.fromOrgId) return r
  return { ...r, conflicts: senderConflicts(r.conflicts), conflictStatus: senderConflictStatus(r) }
}

// ---------------------------------------------------------------- conflicts queue -------------

export async function listFlaggedReferrals(actor: Actor, { status = 'flagged' as 'flagged' | 'resolved', page = 1 } = {}) {
  if (!isVendor(actor)) throw forbidden("Only the vendor's ecosystem team can see the conflicts queue.")
  const fromOrg = aliasedTable(organizations, 'from_org')
  const toOrg = aliasedTable(organizations, 'to_org')
  const where = eq(referrals.conflictStatus, status)
  const rows = await db
    .select({
      id: referrals.id,
      accountName: referrals.accountName,
      accountDomain: referrals.accountDomain,
      status: referrals.status,
      conflicts: referrals.conflicts,
      createdAt: referrals.createdAt,
      fromName: fromOrg.name,
      toName: toOrg.name,
    })
    .from(referrals)
    .innerJoin(fromOrg, eq(fromOrg.id, referrals.fromOrgId))
    .innerJoin(toOrg, eq(toOrg.id, referrals.toOrgId))
    .where(where)
    .orderBy(desc(referrals.createdAt))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(referrals)
    .where(where)
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
    // The same conflict in the vendor's queue of every deal: resolved as "both allowed", with the note.
    await tx
      .update(dealConflicts)
      .set({ status: 'resolved', resolution: 'allow_both', resolutionNote: note, resolvedBy: actor.userId, resolvedAt: new Date() })
      .where(sql`${dealConflicts.dealKind} = 'referral' and ${dealConflicts.dealId} = ${id} and ${dealConflicts.status} = 'open'`)
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
