import { aliasedTable, and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { opportunities, referrals, type ReferralStatus } from '#db/schema/pipeline.ts'
import { conflict, DomainError, forbidden, invalid } from '#app/utils/errors.ts'
import { accountListedBy } from '#app/features/accounts/accounts.server.ts'
import { effectiveSharingWith } from '#app/features/accounts/connections.server.ts'
import { namedOverlap } from '#app/features/accounts/overlap.server.ts'
import { describeRetryAfter, hitRateLimit } from '#app/features/auth/rate-limit.server.ts'
import { isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { STATUS_LABELS } from '#app/features/referrals/schemas.ts'
import { lockReferral, PAGE_SIZE, timeline, type Referral } from '#app/features/referrals/records.server.ts'

export type ConflictKind = 'own_open_referral' | 'open_referral' | 'receiver_account' | 'vendor_opportunity'
/** One conflict in full; `shownToSender` says whether the sender may be told (see "conflicts" below). */
export type Conflict = { kind: ConflictKind; explanation: string; shownToSender: boolean }
type StoredConflict = { kind: string; explanation: string; shownToSender?: boolean }

const OPEN_STATUSES: ReferralStatus[] = ['submitted', 'accepted', 'in_progress']

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
 * with whether the sender may be told (`shownToSender`). The vendor's team sees all of them.
 */
export async function detectConflicts(q: Queryable, sender: Actor, input: { toOrgId: string; toOrgName: string; accountDomain: string; excludeReferralId?: string }): Promise<Conflict[]> {
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
