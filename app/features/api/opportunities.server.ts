import { and, asc, eq, inArray, or, sql } from 'drizzle-orm'
import { db, type Tx } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { opportunities, opportunityParticipants, opportunityStageHistory, CLOSED_STAGES, type OpportunityStage } from '#db/schema/pipeline.ts'
import { forbidden, invalid, notFound } from '#app/utils/errors.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { assertOrgMayAct, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import type { IfMatch } from '#app/features/api/http.server.ts'
import { parseInput } from '#app/features/api/parse.ts'
import { ExternalIdParamsSchema, UpsertOpportunitySchema, type ApiVendorOpportunity } from '#app/features/api/schemas.ts'

/**
 * The vendor's pipeline kept current from its CRM: one opportunity per external CRM id (stored as
 * the opportunity's import key `crm:<id>`, beside the snapshot import's keys), with the partners
 * that touched it as working participants, so the analytics' ecosystem-influenced pipeline follows
 * the CRM instead of only snapshot imports (docs/crm-sync.md).
 */
export const CRM_KEY_PREFIX = 'crm:'
const keyOf = (externalId: string) => `${CRM_KEY_PREFIX}${externalId}`

function assertVendorKey(actor: Actor) {
  if (!isVendor(actor)) throw forbidden("Only the vendor's keys can sync opportunities of the vendor's pipeline. Partners share deals as referrals or co-sell opportunities.")
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)

async function readOpportunity(q: Tx | typeof db, actor: Actor, externalId: string): Promise<ApiVendorOpportunity> {
  const [opp] = await q
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.importKey, keyOf(externalId)), eq(opportunities.orgId, actor.orgId)))
  if (!opp) throw notFound(`No opportunity with the external id “${externalId.slice(0, 80)}” was synced yet.`)
  const parts = await q
    .select({ orgId: opportunityParticipants.orgId, name: organizations.name, role: opportunityParticipants.role, status: opportunityParticipants.status, joinedAt: opportunityParticipants.joinedAt })
    .from(opportunityParticipants)
    .innerJoin(organizations, eq(organizations.id, opportunityParticipants.orgId))
    .where(eq(opportunityParticipants.opportunityId, opp.id))
    .orderBy(asc(organizations.name))
  return {
    id: opp.id,
    object: 'opportunity',
    externalId,
    title: opp.title,
    accountName: opp.accountName,
    accountDomain: opp.accountDomain,
    stage: opp.stage,
    amount: Number(opp.amount),
    closeDate: day(opp.expectedCloseAt),
    touchingPartners: parts.map((p) => ({ org: { id: p.orgId, name: p.name }, role: p.role, status: p.status, joinedAt: p.joinedAt ? p.joinedAt.toISOString() : null })),
    createdAt: opp.createdAt.toISOString(),
    updatedAt: opp.updatedAt.toISOString(),
    closedAt: opp.closedAt ? opp.closedAt.toISOString() : null,
  }
}

/** GET /api/v1/opportunities/{externalId}: the vendor's own synced opportunity. */
export async function getApiOpportunity(actor: Actor, rawParams: unknown) {
  assertVendorKey(actor)
  const { externalId } = parseInput(ExternalIdParamsSchema, rawParams, 'Check the address.')
  return readOpportunity(db, actor, externalId)
}

/**
 * PUT-like upsert (POST /api/v1/opportunities/{externalId}): creates or updates the opportunity
 * in one transaction; an unknown partner refuses the whole request naming its position, so
 * nothing is written. A stage change is recorded in the stage history like the app's.
 */
export async function upsertApiOpportunity(actor: Actor, rawParams: unknown, body: unknown, ifMatch: IfMatch = () => {}) {
  assertVendorKey(actor)
  assertOrgMayAct(actor, 'sync opportunities')
  const { externalId } = parseInput(ExternalIdParamsSchema, rawParams, 'Check the address.')
  const input = parseInput(UpsertOpportunitySchema, body, 'Check the opportunity.')
  let domain: string | null = null
  if (input.accountDomain) {
    domain = normalizeDomain(input.accountDomain)
    if (!domain) throw invalid('Check the opportunity.', { accountDomain: ['Enter a web domain like example.com, or leave it out.'] })
  }
  const wanted = input.touchingPartners ?? []
  const keys = [...new Set(wanted.map((p) => p.partner))]
  const found = keys.length
    ? await db
        .select({ id: organizations.id, slug: organizations.slug, kind: organizations.kind, status: organizations.status })
        .from(organizations)
        .where(or(inArray(organizations.slug, keys), inArray(organizations.id, keys)))
    : []
  const partnerIds = new Map<string, string>()
  const fieldErrors: Record<string, string[]> = {}
  wanted.forEach((p, i) => {
    const org = found.find((o) => (o.slug === p.partner || o.id === p.partner) && o.kind === 'partner' && o.status === 'active')
    if (org) partnerIds.set(p.partner, org.id)
    else fieldErrors[`touchingPartners.${i}.partner`] = [`No approved partner has the id or slug “${p.partner.slice(0, 80)}”.`]
  })
  if (Object.keys(fieldErrors).length) throw invalid(`Unknown partners: ${Object.keys(fieldErrors).join(', ')}. Nothing was written.`, fieldErrors)

  const closeDate = input.closeDate ? new Date(`${input.closeDate}T00:00:00Z`) : null
  if (closeDate && Number.isNaN(closeDate.getTime())) throw invalid('Check the opportunity.', { closeDate: ['Use a date like 2026-12-31.'] })
  const closing = CLOSED_STAGES.includes(input.stage)
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: opportunities.id, stage: opportunities.stage, orgId: opportunities.orgId, closedAt: opportunities.closedAt, updatedAt: opportunities.updatedAt })
      .from(opportunities)
      .where(eq(opportunities.importKey, keyOf(externalId)))
      .for('update')
    if (before && before.orgId !== actor.orgId) throw invalid('Check the address.', { externalId: ['This id is used by another record; use your CRM’s own id.'] })
    // If-Match, against the locked row (none yet: an If-Match cannot hold).
    ifMatch(before ? before.updatedAt : null)
    const now = new Date()
    const closedAt = closing ? (closeDate ?? (before?.stage === input.stage ? before.closedAt : null) ?? now) : null
    const values = {
      title: input.title ?? null,
      accountName: input.accountName,
      accountDomain: domain,
      amount: input.amount,
      stage: input.stage as OpportunityStage,
      expectedCloseAt: closeDate,
      closedAt,
      updatedAt: now,
    }
    let id: string
    if (before) {
      await tx.update(opportunities).set(values).where(eq(opportunities.id, before.id))
      id = before.id
    } else {
      const [row] = await tx
        .insert(opportunities)
        .values({ ...values, orgId: actor.orgId, importKey: keyOf(externalId), isCosell: false, createdBy: actor.userId, createdAt: input.createdAt ? new Date(input.createdAt) : now })
        .returning({ id: opportunities.id })
      id = row!.id
    }
    if (!before || before.stage !== input.stage) {
      await tx.insert(opportunityStageHistory).values({ opportunityId: id, fromStage: before?.stage ?? null, toStage: input.stage, changedBy: actor.userId })
    }
    const added: string[] = []
    for (const p of wanted) {
      const orgId = partnerIds.get(p.partner)!
      const rows = await tx
        .insert(opportunityParticipants)
        .values({ opportunityId: id, orgId, role: p.role ?? 'referral', status: 'accepted', invitedBy: actor.userId, invitedAt: now, joinedAt: now, respondedAt: now })
        .onConflictDoUpdate({
          target: [opportunityParticipants.opportunityId, opportunityParticipants.orgId],
          set: {
            status: 'accepted',
            role: sql`excluded.role`,
            joinedAt: sql`coalesce(${opportunityParticipants.joinedAt}, excluded.joined_at)`,
            respondedAt: sql`coalesce(${opportunityParticipants.respondedAt}, excluded.responded_at)`,
          },
          setWhere: sql`${opportunityParticipants.status} <> 'accepted' or ${opportunityParticipants.role} <> excluded.role`,
        })
        .returning({ orgId: opportunityParticipants.orgId })
      if (rows.length) added.push(orgId)
    }
    await recordEvent(tx, {
      type: 'opportunity.synced',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'opportunity',
      subjectId: id,
      payload: { opportunityId: id, externalId, created: !before, fromStage: before?.stage ?? null, toStage: input.stage, addedPartnerOrgIds: added },
    })
    return { created: !before, opportunity: await readOpportunity(tx, actor, externalId) }
  })
}
