import { and, eq, sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { communityReplies, communitySpaceMembers, communitySpaces, communityTopics } from '#db/schema/community.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import type { EventAudience } from '#db/schema/platform.ts'
import { notFound } from '#app/utils/errors.ts'
import { spaceRoom, topicRoom } from '#app/features/community/live-contract.ts'
import { assertOrgMayAct, assertOrgMayRead, isVendor, type Actor } from '#app/features/auth/actor.ts'

/**
 * Who sees what in the community, in one place. The vendor's team sees every space. A partner
 * (active, or suspended and then read-only) sees `partners` spaces and the `orgs` spaces its
 * organization is invited to; a `vendor` space is the vendor's team's alone. Anything a person may
 * not see is "not found", never "forbidden", so its existence does not leak.
 */

export type Space = typeof communitySpaces.$inferSelect
export type Topic = typeof communityTopics.$inferSelect

const SPACE_NOT_FOUND = 'We could not find that community space.'
const TOPIC_NOT_FOUND = 'We could not find that topic.'

/** Reading the community at all: the vendor's team, and active or suspended partners. */
export function assertCommunityReader(actor: Actor) {
  if (actor.orgKind === 'vendor' && !isVendor(actor)) throw notFound(SPACE_NOT_FOUND)
  assertOrgMayRead(actor, 'read the partner community')
}

/** Writing in the community: the central "may this organization act" rule (suspended partners read only). */
export function assertCommunityWriter(actor: Actor) {
  assertCommunityReader(actor)
  assertOrgMayAct(actor, 'post in the partner community')
}

/**
 * THE rule, as SQL on `community_spaces`: may the partner organization `orgId` see the space?
 * `partners` yes; `vendor` no; `orgs` when invited; `segment` when its type and tier are in the
 * space's lists and its regions overlap the space's regions (an empty list matches anything; an
 * organization without a type or tier matches only an empty list). Every community read, write,
 * count and audience goes through this (via `visibleSpacesWhere` or `orgSeesSpace`).
 */
export function spaceVisibleToPartner(orgId: string | SQL): SQL {
  return sql`(${communitySpaces.visibility} = 'partners'
    or (${communitySpaces.visibility} = 'orgs' and exists (
      select 1 from ${communitySpaceMembers} where ${communitySpaceMembers.spaceId} = ${communitySpaces.id} and ${communitySpaceMembers.orgId} = ${orgId}))
    or (${communitySpaces.visibility} = 'segment' and exists (
      select 1 from ${organizations} seg_org where seg_org.id = ${orgId}
        and (cardinality(${communitySpaces.partnerTypes}) = 0 or seg_org.partner_type = any(${communitySpaces.partnerTypes}))
        and (cardinality(${communitySpaces.tiers}) = 0 or seg_org.tier = any(${communitySpaces.tiers}))
        and (cardinality(${communitySpaces.regions}) = 0 or seg_org.regions && ${communitySpaces.regions}))))`
}

/** SQL condition on `community_spaces`: the spaces this actor's organization may see. */
export function visibleSpacesWhere(actor: Actor): SQL {
  if (isVendor(actor)) return sql`true`
  return spaceVisibleToPartner(actor.orgId)
}

/** May this organization (by id, as stored on a post) see the space now? The same rule, for one organization. */
export async function orgSeesSpace(q: Queryable, space: Pick<Space, 'id'>, orgId: string) {
  const [org] = await q.select({ kind: organizations.kind, status: organizations.status }).from(organizations).where(eq(organizations.id, orgId))
  if (!org) return false
  if (org.kind === 'vendor') return true
  if (org.status !== 'active' && org.status !== 'suspended') return false
  const [row] = await q
    .select({ id: communitySpaces.id })
    .from(communitySpaces)
    .where(and(eq(communitySpaces.id, space.id), spaceVisibleToPartner(orgId)))
  return Boolean(row)
}

/** A person to notify about a post, if they still belong to the organization they posted for and it still sees the space. */
export async function notifiableAuthor(q: Queryable, space: Space, userId: string | null, orgId: string) {
  if (!userId) return null
  const [member] = await q
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)))
  return member && (await orgSeesSpace(q, space, orgId)) ? userId : null
}

/** The space by its slug, if the actor may see it; otherwise not found. */
export async function visibleSpace(q: Queryable, actor: Actor, slug: string): Promise<Space> {
  assertCommunityReader(actor)
  const [space] = await q
    .select()
    .from(communitySpaces)
    .where(and(eq(communitySpaces.slug, slug), visibleSpacesWhere(actor)))
  if (!space) throw notFound(SPACE_NOT_FOUND)
  return space
}

/** A topic and its space, if the actor may see the space (and, given a slug, the topic is in that space). */
export async function visibleTopic(q: Queryable, actor: Actor, topicId: string, { spaceSlug, lock = false }: { spaceSlug?: string; lock?: boolean } = {}) {
  assertCommunityReader(actor)
  const base = q.select().from(communityTopics).where(eq(communityTopics.id, topicId))
  const [topic] = lock ? await base.for('update') : await base
  if (!topic) throw notFound(TOPIC_NOT_FOUND)
  const [space] = await q
    .select()
    .from(communitySpaces)
    .where(and(eq(communitySpaces.id, topic.spaceId), visibleSpacesWhere(actor)))
  if (!space || (spaceSlug !== undefined && space.slug !== spaceSlug)) throw notFound(TOPIC_NOT_FOUND)
  return { topic, space }
}

/**
 * Who hears of a change live (and who the realtime relay pushes it to): for a private space its
 * invited organizations and the vendor's team; for a vendor-only space the vendor's team; for a
 * segment space the partners it matches; for a space open to all partners, the organizations taking
 * part in the topic and the vendor's team (there is no room for "every partner"); and, through `rooms`,
 * the sockets viewing the topic or the space, which joined only after the same visibility check
 * (`live.server.ts`).
 */
export async function audienceFor(q: Queryable, space: Space, topicId?: string): Promise<EventAudience> {
  return { ...(await orgAudienceFor(q, space, topicId)), rooms: topicId ? [topicRoom(topicId), spaceRoom(space.id)] : [spaceRoom(space.id)] }
}

/** The organizations (and the vendor's team) that hear of a change; the rooms are the sockets viewing the topic or space. */
async function orgAudienceFor(q: Queryable, space: Space, topicId?: string): Promise<EventAudience> {
  if (space.visibility === 'vendor') return { vendor: true }
  if (space.visibility === 'orgs') {
    const invited = await q.select({ orgId: communitySpaceMembers.orgId }).from(communitySpaceMembers).where(eq(communitySpaceMembers.spaceId, space.id))
    return { orgs: invited.map((m) => m.orgId), vendor: true }
  }
  if (space.visibility === 'segment') {
    // The partners the segment matches now (the same rule as every read).
    const rows = await queryRows<{ id: string }>(
      q,
      sql`select o.id from ${organizations} o join ${communitySpaces} on ${communitySpaces.id} = ${space.id}
        where o.kind = 'partner' and o.status in ('active', 'suspended') and ${spaceVisibleToPartner(sql`o.id`)}`,
    )
    return { orgs: rows.map((r) => r.id), vendor: true }
  }
  if (!topicId) return { vendor: true }
  const rows = await queryRows<{ org_id: string }>(
    q,
    sql`
    select ${communityTopics.authorOrgId} as org_id from ${communityTopics} where ${communityTopics.id} = ${topicId}
    union
    select distinct ${communityReplies.authorOrgId} from ${communityReplies} where ${communityReplies.topicId} = ${topicId}`,
  )
  return { orgs: rows.map((r) => r.org_id), vendor: true }
}
