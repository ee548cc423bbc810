import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm'
import { db, type Tx } from '#db/client.server.ts'
import { communitySpaceMembers, communitySpaces, communitySpaceTopicCounts } from '#db/schema/community.ts'
import { organizations } from '#db/schema/orgs.ts'
import { conflict, fieldErrorsOf, invalid, notFound } from '#app/utils/errors.ts'
import { assertOrgMayAct, assertVendor, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { assertCommunityReader, audienceFor, visibleSpacesWhere, type Space } from '#app/features/community/access.server.ts'
import { InviteOrgSchema, SpaceSchema, SpaceUpdateSchema } from '#app/features/community/schemas.ts'

/**
 * The spaces the actor may see, with how many topics and unanswered questions each holds (from
 * the maintained counters, `community_space_topic_counts`: published topics, every state for the
 * vendor's team, plus a member's own held topics) and its latest activity (an index seek per space).
 */
export async function listSpaces(actor: Actor) {
  assertCommunityReader(actor)
  const vendor = isVendor(actor)
  const c = communitySpaceTopicCounts
  const counted = (where: SQL) =>
    sql<number>`(select coalesce(sum(${c.topics}), 0) from ${c} where ${c.spaceId} = ${communitySpaces.id} ${vendor ? sql`` : sql`and ${c.state} = 'published'`} and ${where})`
  const ownHeld = (where: SQL) =>
    vendor ? sql`0` : sql`(select count(*) from community_topics h where h.space_id = ${communitySpaces.id} and h.state = 'held' and h.author_user_id = ${actor.userId} and ${where})`
  const latest = (pinned: boolean) =>
    sql`(select t.last_activity_at from community_topics t where t.space_id = ${communitySpaces.id} and t.pinned = ${pinned}
         and ${vendor ? sql`true` : sql`(t.state = 'published' or (t.state = 'held' and t.author_user_id = ${actor.userId}))`}
         order by t.last_activity_at desc limit 1)`
  const rows = await db
    .select({
      id: communitySpaces.id,
      name: communitySpaces.name,
      slug: communitySpaces.slug,
      description: communitySpaces.description,
      colour: communitySpaces.colour,
      visibility: communitySpaces.visibility,
      topicCount: sql<number>`${counted(sql`true`)} + ${ownHeld(sql`true`)}`.mapWith(Number),
      unansweredCount: sql<number>`${counted(sql`${c.kind} = 'question' and not ${c.answered}`)} + ${ownHeld(sql`h.kind = 'question' and h.accepted_reply_id is null`)}`.mapWith(Number),
      lastActivityAt: sql<string | null>`greatest(${latest(true)}, ${latest(false)})`,
    })
    .from(communitySpaces)
    .where(visibleSpacesWhere(actor))
    .orderBy(asc(communitySpaces.name))
  return rows.map((r) => ({ ...r, lastActivityAt: r.lastActivityAt ? new Date(r.lastActivityAt) : null }))
}

/** Vendor's team: every space with its invited organizations. */
export async function listSpacesForAdmin(actor: Actor) {
  assertVendor(actor)
  const spaces = await db.select().from(communitySpaces).orderBy(asc(communitySpaces.name))
  const members = await db
    .select({ spaceId: communitySpaceMembers.spaceId, orgId: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(communitySpaceMembers)
    .innerJoin(organizations, eq(organizations.id, communitySpaceMembers.orgId))
    .orderBy(asc(organizations.name))
  return spaces.map((s) => ({ ...s, members: members.filter((m) => m.spaceId === s.id) }))
}

/** Active and suspended partners, for the "invite an organization" choice. */
export async function invitablePartners(actor: Actor) {
  assertVendor(actor)
  return db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(and(eq(organizations.kind, 'partner'), or(eq(organizations.status, 'active'), eq(organizations.status, 'suspended'))))
    .orderBy(asc(organizations.name))
}

/** The actor and subject fields of an event about a space. */
const about = (actor: Actor, space: Space) => ({ actorId: actor.userId, orgId: actor.orgId, subjectType: 'community_space', subjectId: space.id })

/** The vendor's team creates a space. */
export async function createSpace(actor: Actor, input: unknown): Promise<Space> {
  assertVendor(actor, "Only the vendor's ecosystem team can create community spaces.")
  assertOrgMayAct(actor, 'create community spaces')
  const parsed = SpaceSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check the space.', fieldErrorsOf(parsed.error))
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: communitySpaces.id }).from(communitySpaces).where(eq(communitySpaces.slug, parsed.data.slug))
    if (taken) throw conflict(`A space already uses the address “${parsed.data.slug}”.`, { slug: ['Choose another address.'] })
    const [space] = await tx
      .insert(communitySpaces)
      .values({ ...parsed.data, createdBy: actor.userId })
      .returning()
    await recordEvent(tx, {
      type: 'community.space_created',
      ...about(actor, space!),
      payload: { spaceId: space!.id, spaceSlug: space!.slug, name: space!.name, visibility: space!.visibility },
      audience: await audienceFor(tx, space!),
    })
    return space!
  })
}

/** The vendor's team edits a space's name, description, colour or visibility (its address stays). */
export async function updateSpace(actor: Actor, spaceId: string, input: unknown): Promise<Space> {
  assertVendor(actor, "Only the vendor's ecosystem team can edit community spaces.")
  const parsed = SpaceUpdateSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check the space.', fieldErrorsOf(parsed.error))
  return db.transaction(async (tx) => {
    const [space] = await tx
      .update(communitySpaces)
      .set({ ...parsed.data, updatedAt: new Date() })
      .where(eq(communitySpaces.id, spaceId))
      .returning()
    if (!space) throw notFound('We could not find that community space.')
    const fields = Object.keys(parsed.data).filter((k) => parsed.data[k as keyof typeof parsed.data] !== undefined)
    await recordEvent(tx, {
      type: 'community.space_updated',
      ...about(actor, space),
      payload: { spaceId: space.id, spaceSlug: space.slug, fields },
      audience: await audienceFor(tx, space),
    })
    return space
  })
}

async function spaceById(tx: Tx, spaceId: string) {
  const [space] = await tx.select().from(communitySpaces).where(eq(communitySpaces.id, spaceId)).for('update')
  if (!space) throw notFound('We could not find that community space.')
  return space
}

/** The vendor's team invites a partner organization to a private space; its members are told. */
export async function inviteOrgToSpace(actor: Actor, spaceId: string, input: unknown) {
  assertVendor(actor, "Only the vendor's ecosystem team can invite organizations to a space.")
  const parsed = InviteOrgSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check the invitation.', fieldErrorsOf(parsed.error))
  return db.transaction(async (tx) => {
    const space = await spaceById(tx, spaceId)
    if (space.visibility !== 'orgs') throw conflict('Only a space private to invited organizations takes invitations; change its visibility first.')
    const key = parsed.data.org
    const [org] = await tx
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, status: organizations.status })
      .from(organizations)
      .where(or(eq(organizations.id, key), eq(organizations.slug, key)))
    if (!org || org.kind !== 'partner' || (org.status !== 'active' && org.status !== 'suspended')) {
      throw invalid('Choose an approved partner organization.', { org: ['Choose an approved partner organization.'] })
    }
    const inserted = await tx.insert(communitySpaceMembers).values({ spaceId, orgId: org.id, invitedBy: actor.userId }).onConflictDoNothing().returning()
    if (!inserted.length) throw conflict(`${org.name} is already invited to this space.`, { org: ['Already invited.'] })
    await recordEvent(tx, {
      type: 'community.space_org_invited',
      ...about(actor, space),
      payload: { spaceId: space.id, spaceSlug: space.slug, spaceName: space.name, orgId: org.id, orgName: org.name },
      audience: await audienceFor(tx, space),
    })
    return org
  })
}

/** The vendor's team takes an organization out of a private space: it no longer sees the space or anything in it. */
export async function removeOrgFromSpace(actor: Actor, spaceId: string, orgId: string) {
  assertVendor(actor, "Only the vendor's ecosystem team can remove organizations from a space.")
  return db.transaction(async (tx) => {
    const space = await spaceById(tx, spaceId)
    const audience = await audienceFor(tx, space)
    const [removed] = await tx
      .delete(communitySpaceMembers)
      .where(and(eq(communitySpaceMembers.spaceId, spaceId), eq(communitySpaceMembers.orgId, orgId)))
      .returning()
    if (!removed) throw notFound('That organization is not invited to this space.')
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId))
    await recordEvent(tx, {
      type: 'community.space_org_removed',
      ...about(actor, space),
      payload: { spaceId: space.id, spaceSlug: space.slug, orgId, orgName: org?.name ?? '' },
      audience,
    })
  })
}
