import { and, asc, desc, eq, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db } from '#db/client.server.ts'
import { integrations, listings, listingVersions, organizations } from '#db/schema/index.ts'
import { assertOrgAdmin, assertOrgMayAct, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { conflict, notFound } from '#app/utils/errors.ts'
import { IntegrationDecisionSchema } from '#app/features/listings/schemas.ts'
import { parseOrThrow } from '#app/utils/parse.ts'

const owner = alias(organizations, 'owner')
const counterpart = alias(organizations, 'counterpart')

/** Requests to confirm integrations with the actor's org's product, and those it decided. */
export async function listIntegrationRequests(actor: Actor) {
  return db
    .select({
      id: integrations.id,
      status: integrations.status,
      note: integrations.note,
      createdAt: integrations.createdAt,
      decidedAt: integrations.decidedAt,
      listingSlug: listings.slug,
      listingStatus: listings.status,
      title: listingVersions.title,
      summary: listingVersions.summary,
      ownerName: owner.name,
      ownerSlug: owner.slug,
    })
    .from(integrations)
    .innerJoin(listings, eq(listings.id, integrations.listingId))
    .leftJoin(listingVersions, eq(listingVersions.id, listings.publishedVersionId))
    .innerJoin(owner, eq(owner.id, integrations.orgId))
    .where(eq(integrations.counterpartOrgId, actor.orgId))
    .orderBy(sql`case when ${integrations.status} = 'pending' then 0 else 1 end`, desc(integrations.createdAt))
    .limit(200)
}

/** Integrations the actor's org lists with others (and their answers). */
export async function listOwnIntegrations(actor: Actor) {
  return db
    .select({
      id: integrations.id,
      status: integrations.status,
      note: integrations.note,
      listingId: listings.id,
      listingSlug: listings.slug,
      title: listingVersions.title,
      counterpartName: counterpart.name,
      counterpartSlug: counterpart.slug,
    })
    .from(integrations)
    .innerJoin(listings, eq(listings.id, integrations.listingId))
    .leftJoin(listingVersions, eq(listingVersions.id, listings.publishedVersionId))
    .innerJoin(counterpart, eq(counterpart.id, integrations.counterpartOrgId))
    .where(eq(integrations.orgId, actor.orgId))
    .orderBy(desc(integrations.createdAt))
    .limit(200)
}

/** Only the counterpart org (its admins) confirms or declines an integration with its product. */
export async function decideIntegration(actor: Actor, raw: unknown) {
  assertOrgMayAct(actor, 'confirm or decline integrations')
  const input = parseOrThrow(IntegrationDecisionSchema, raw)
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(integrations).where(eq(integrations.id, input.integrationId)).for('update')
    if (!row || row.counterpartOrgId !== actor.orgId) throw notFound('We could not find that integration request.')
    assertOrgAdmin(actor, 'Only an admin of your organization can confirm or decline integrations.')
    const status = input.decision === 'confirm' ? 'confirmed' : 'declined'
    if (row.status === status) throw conflict(`This integration is already ${status}.`)
    const now = new Date()
    await tx
      .update(integrations)
      .set({ status, note: input.note ?? null, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
      .where(eq(integrations.id, row.id))
    const [listing] = await tx.select({ slug: listings.slug, id: listings.id }).from(listings).where(eq(listings.id, row.listingId))
    await recordEvent(tx, {
      type: status === 'confirmed' ? 'integration.confirmed' : 'integration.declined',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'integration',
      subjectId: row.id,
      payload: { listingId: row.listingId, slug: listing?.slug, orgId: row.orgId, counterpartOrgId: row.counterpartOrgId, counterpartOrgName: actor.orgName, note: input.note ?? null },
      audience: { orgs: [row.orgId, row.counterpartOrgId] },
    })
    return { status }
  })
}

const publicPair = and(eq(integrations.status, 'confirmed'), eq(listings.status, 'published'), eq(owner.status, 'active'), eq(counterpart.status, 'active'))

function directoryQuery() {
  return db
    .select({
      id: integrations.id,
      listingSlug: listings.slug,
      title: listingVersions.title,
      summary: listingVersions.summary,
      logoKey: listingVersions.logoKey,
      ownerName: owner.name,
      ownerSlug: owner.slug,
      counterpartName: counterpart.name,
      counterpartSlug: counterpart.slug,
      counterpartKind: counterpart.kind,
    })
    .from(integrations)
    .innerJoin(listings, eq(listings.id, integrations.listingId))
    .innerJoin(listingVersions, eq(listingVersions.id, listings.publishedVersionId))
    .innerJoin(owner, eq(owner.id, integrations.orgId))
    .innerJoin(counterpart, eq(counterpart.id, integrations.counterpartOrgId))
}

/** Confirmed integrations of public listings between active orgs, grouped by "works with". */
export async function integrationsDirectory({ page = 1, perPage = 50, withSlug }: { page?: number; perPage?: number; withSlug?: string } = {}) {
  const where = withSlug ? and(publicPair, eq(counterpart.slug, withSlug)) : publicPair
  const rows = await directoryQuery()
    .where(where)
    .orderBy(asc(counterpart.name), asc(listingVersions.title))
    .limit(perPage)
    .offset((page - 1) * perPage)
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(integrations)
    .innerJoin(listings, eq(listings.id, integrations.listingId))
    .innerJoin(owner, eq(owner.id, integrations.orgId))
    .innerJoin(counterpart, eq(counterpart.id, integrations.counterpartOrgId))
    .where(where)) as [{ n: number }]
  return { rows, total: Number(n), page, perPage }
}

/** Confirmed, public integrations where the org is either side. */
export async function integrationsOfOrg(orgId: string, limit = 50) {
  return directoryQuery()
    .where(and(publicPair, or(eq(integrations.orgId, orgId), eq(integrations.counterpartOrgId, orgId))))
    .orderBy(asc(listingVersions.title))
    .limit(limit)
}

/** Who a listing can name as its integration partner: active partners and the vendor. */
export async function counterpartOptions(actor: Actor) {
  return db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(and(sql`${organizations.id} <> ${actor.orgId}`, or(eq(organizations.kind, 'vendor'), eq(organizations.status, 'active'))))
    .orderBy(sql`case when ${organizations.kind} = 'vendor' then 0 else 1 end`, asc(organizations.name))
    .limit(10_000)
}
