import { eq } from 'drizzle-orm'
import { type Queryable, type Tx } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { referrals, type ReferralStatus } from '#db/schema/pipeline.ts'
import { referralTimeline } from '#db/schema/referrals.ts'
import { notFound } from '#app/utils/errors.ts'
import { assertOrgMayAct, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { registerThreadKind } from '#app/features/messaging/threads.server.ts'

/** A referral row, and the helpers every part of the referral capability shares: its thread kind, visibility, locking and timeline. */
export type Referral = typeof referrals.$inferSelect

// ---------------------------------------------------------------- threads ---------------------

registerThreadKind('referral', {
  async parties(q, subjectId) {
    const [r] = await q.select({ fromOrgId: referrals.fromOrgId, toOrgId: referrals.toOrgId }).from(referrals).where(eq(referrals.id, subjectId))
    return r ? [r.fromOrgId, r.toOrgId] : null
  },
  link: (subjectId) => `/referrals/${subjectId}`,
})

// ---------------------------------------------------------------- helpers ---------------------

export async function vendorOrgId(q: Queryable) {
  const [v] = await q.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'vendor')).limit(1)
  return v?.id ?? null
}

export function audienceFor(r: Pick<Referral, 'fromOrgId' | 'toOrgId'>) {
  return { orgs: [r.fromOrgId, r.toOrgId], vendor: true }
}

export async function timeline(
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
export async function lockReferral(tx: Tx, actor: Actor, id: string) {
  const [r] = await tx.select().from(referrals).where(eq(referrals.id, id)).for('update')
  if (!r || !canSee(actor, r)) throw notFound('That referral does not exist or you are not a party to it.')
  return r
}

export function canSee(actor: Actor, r: Pick<Referral, 'fromOrgId' | 'toOrgId'>) {
  return isVendor(actor) || actor.orgId === r.fromOrgId || actor.orgId === r.toOrgId
}

/** The referral capability's writes go through the central "may this organization act" check. */
export function assertCanAct(actor: Actor) {
  assertOrgMayAct(actor, 'work on referrals')
}

export const PAGE_SIZE = 25
