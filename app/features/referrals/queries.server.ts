import { aliasedTable, and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'
import { REFERRAL_STATUSES, referrals, type ReferralStatus } from '#db/schema/pipeline.ts'
import { endorsements, referralFees, referralTimeline } from '#db/schema/referrals.ts'
import { threads } from '#db/schema/messaging.ts'
import { notFound } from '#app/utils/errors.ts'
import { assertOrgMayRead, isOrgAdmin, isVendor, orgMayAct, type Actor } from '#app/features/auth/actor.ts'
import { findThread, inviteOrgToThread, unreadCounts } from '#app/features/messaging/threads.server.ts'
import { describeTerms, type ListQuery } from '#app/features/referrals/schemas.ts'
import { assertCanAct, canSee, PAGE_SIZE, vendorOrgId, type Referral } from '#app/features/referrals/records.server.ts'
import { referralFor, senderConflictStatus, VENDOR_REVIEW_NOTICE } from '#app/features/referrals/conflicts.server.ts'
import { NEUTRAL_CONFLICT_MESSAGE } from '#app/features/deals/conflicts.server.ts'

// ---------------------------------------------------------------- reads -----------------------

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
  const unread = await unreadCounts(
    actor,
    partyThreads.map((r) => r.threadId!),
  )
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
    // Flagged for what the sender may not be told: the same neutral words whatever matched, never who.
    conflictReview: side === 'sender' && r.conflictStatus === 'flagged' && shown.conflicts.length < r.conflicts.length ? NEUTRAL_CONFLICT_MESSAGE : null,
    fee: fee ?? null,
    endorsements: given,
    thread: thread && threadAccess ? { id: thread.id, lastSeq: Number(thread.lastSeq) } : null,
    vendorInvited,
    side,
    // A suspended partner reads its referrals but is offered no action (the domain refuses them anyway).
    can: orgMayAct(actor) ? canDo : (Object.fromEntries(Object.keys(canDo).map((k) => [k, false])) as typeof canDo),
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
  if (!vendorId) throw notFound('There is no vendor team to invite.')
  return inviteOrgToThread(actor, thread.id, vendorId)
}
