import { desc, eq, inArray, sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { endorsements } from '#db/schema/referrals.ts'
import { conflict, forbidden } from '#app/utils/errors.ts'
import { type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { EndorseSchema } from '#app/features/referrals/schemas.ts'
import { assertCanAct, lockReferral, timeline } from '#app/features/referrals/records.server.ts'
import { parseOrThrow } from '#app/utils/parse.ts'

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
    await recordEvent(tx, {
      type: 'endorsement.created',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'referral',
      subjectId: referralId,
      payload: { rating: data.rating, toOrgId, fromOrgName: actor.orgName, accountName: r.accountName },
      audience: { orgs: [toOrgId, actor.orgId] },
    })
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
