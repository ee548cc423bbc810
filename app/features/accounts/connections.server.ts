import { aliasedTable, and, desc, eq, inArray, or, sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { connections, type SharingLevel } from '#db/schema/accounts.ts'
import { organizations } from '#db/schema/orgs.ts'
import { conflict, DomainError, fieldErrorsOf, forbidden, invalid, notFound } from '#app/utils/errors.ts'
import { assertOrgAdmin, assertOrgMayAct, assertOrgMayRead, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { effectiveSharing, RequestConnectionSchema, RespondConnectionSchema, SharingSchema, type Sharing } from '#app/features/accounts/schemas.ts'

export type Connection = typeof connections.$inferSelect
export type Side = 'requester' | 'recipient'

/** Account mapping is between partners: only an approved partner org takes part (a suspended one reads its own). */
export function assertMappingPartner(actor: Actor) {
  if (actor.orgKind !== 'partner') throw forbidden('Account mapping is between partners; the vendor’s team does not keep account lists here.')
  assertOrgMayRead(actor, 'map accounts with partners')
}

/** Changing an account list or a connection: the central "may this organization act" check too. */
export function assertMappingWriter(actor: Actor) {
  assertMappingPartner(actor)
  assertOrgMayAct(actor, 'change its accounts or connections')
}

export function sideOf(conn: Connection, orgId: string): Side | null {
  if (conn.requesterOrgId === orgId) return 'requester'
  if (conn.recipientOrgId === orgId) return 'recipient'
  return null
}

export function sharingOf(conn: Connection, side: Side): Sharing {
  return side === 'requester'
    ? { customer: conn.requesterShareCustomers, opportunity: conn.requesterShareOpportunities, prospect: conn.requesterShareProspects }
    : { customer: conn.recipientShareCustomers, opportunity: conn.recipientShareOpportunities, prospect: conn.recipientShareProspects }
}

function sharingColumns(side: Side, s: Sharing) {
  return side === 'requester'
    ? { requesterShareCustomers: s.customer, requesterShareOpportunities: s.opportunity, requesterShareProspects: s.prospect }
    : { recipientShareCustomers: s.customer, recipientShareOpportunities: s.opportunity, recipientShareProspects: s.prospect }
}

const otherOrgId = (conn: Connection, side: Side) => (side === 'requester' ? conn.recipientOrgId : conn.requesterOrgId)

/** A connection as one side sees it: its own choices, the other side's, and the stricter of the two. */
export type ConnectionView = {
  id: string
  status: Connection['status']
  side: Side
  message: string | null
  partner: { id: string; name: string; slug: string }
  mine: Sharing
  theirs: Sharing
  effective: Sharing
  createdAt: Date
  respondedAt: Date | null
  endedAt: Date | null
}

function toView(conn: Connection, side: Side, partner: { id: string; name: string; slug: string }): ConnectionView {
  const mine = sharingOf(conn, side)
  const theirs = sharingOf(conn, side === 'requester' ? 'recipient' : 'requester')
  return {
    id: conn.id,
    status: conn.status,
    side,
    message: conn.message,
    partner,
    mine,
    theirs,
    // Until both sides have agreed, nothing is shared.
    effective: conn.status === 'accepted' ? effectiveSharing(mine, theirs) : { customer: 'none', opportunity: 'none', prospect: 'none' },
    createdAt: conn.createdAt,
    respondedAt: conn.respondedAt,
    endedAt: conn.endedAt,
  }
}

async function loadPartner(q: Queryable, orgId: string) {
  const [org] = await q.select({ id: organizations.id, name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId))
  if (!org) throw notFound('That partner no longer exists.')
  return org
}

/** Loads a connection the actor's org is a side of; anyone else gets not found. */
export async function loadConnectionFor(q: Queryable, actor: Actor, connectionId: string, { lock = false } = {}) {
  const base = q.select().from(connections).where(eq(connections.id, connectionId))
  const [conn] = lock ? await base.for('update') : await base
  const side = conn ? sideOf(conn, actor.orgId) : null
  if (!conn || !side) throw notFound('We could not find that connection.')
  return { conn, side }
}

export async function getConnection(actor: Actor, connectionId: string): Promise<ConnectionView> {
  assertMappingPartner(actor)
  const { conn, side } = await loadConnectionFor(db, actor, connectionId)
  return toView(conn, side, await loadPartner(db, otherOrgId(conn, side)))
}

/** The accepted connection between the actor's org and another, if any. */
export async function acceptedConnectionWith(q: Queryable, orgId: string, otherId: string) {
  const [conn] = await q
    .select()
    .from(connections)
    .where(
      and(
        eq(connections.status, 'accepted'),
        or(and(eq(connections.requesterOrgId, orgId), eq(connections.recipientOrgId, otherId)), and(eq(connections.requesterOrgId, otherId), eq(connections.recipientOrgId, orgId))),
      ),
    )
  return conn ?? null
}

/**
 * What `orgId` sees of `otherId`'s accounts: the stricter of both sides' choices on their accepted
 * connection (the overlap page's rule), or null when they are not connected.
 */
export async function effectiveSharingWith(q: Queryable, orgId: string, otherId: string): Promise<Sharing | null> {
  const conn = await acceptedConnectionWith(q, orgId, otherId)
  const side = conn ? sideOf(conn, orgId) : null
  if (!conn || !side) return null
  return toView(conn, side, { id: otherId, name: '', slug: '' }).effective
}

export async function listConnections(actor: Actor, { status }: { status?: Connection['status'][] } = {}): Promise<ConnectionView[]> {
  assertMappingPartner(actor)
  const requester = aliasedTable(organizations, 'requester')
  const recipient = aliasedTable(organizations, 'recipient')
  const rows = await db
    .select({
      conn: connections,
      requester: { id: requester.id, name: requester.name, slug: requester.slug },
      recipient: { id: recipient.id, name: recipient.name, slug: recipient.slug },
    })
    .from(connections)
    .innerJoin(requester, eq(requester.id, connections.requesterOrgId))
    .innerJoin(recipient, eq(recipient.id, connections.recipientOrgId))
    .where(and(or(eq(connections.requesterOrgId, actor.orgId), eq(connections.recipientOrgId, actor.orgId)), status ? inArray(connections.status, status) : undefined))
    .orderBy(desc(connections.updatedAt))
    .limit(500)
  return rows.map(({ conn, requester, recipient }) => {
    const side = sideOf(conn, actor.orgId)!
    return toView(conn, side, side === 'requester' ? recipient : requester)
  })
}

/** Asks another partner to connect, with what this side offers to share. `partner` is the other org's slug or id. */
export async function requestConnection(actor: Actor, input: unknown): Promise<ConnectionView> {
  assertMappingWriter(actor)
  assertOrgAdmin(actor, 'Only an admin of your organization can connect it with a partner.')
  const parsed = RequestConnectionSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check the connection request.', fieldErrorsOf(parsed.error))
  const { partner: partnerKey, message, share } = parsed.data
  return db.transaction(async (tx) => {
    const [other] = await tx
      .select()
      .from(organizations)
      .where(or(eq(organizations.slug, partnerKey), eq(organizations.id, partnerKey)))
    if (!other || other.kind !== 'partner' || other.status !== 'active') {
      throw invalid('Choose an approved partner to connect with.', { partner: ['Choose an approved partner to connect with.'] })
    }
    if (other.id === actor.orgId) throw invalid('You cannot connect your organization with itself.', { partner: ['Choose another partner.'] })
    const [existing] = await tx
      .select()
      .from(connections)
      .where(
        and(
          inArray(connections.status, ['requested', 'accepted']),
          or(and(eq(connections.requesterOrgId, actor.orgId), eq(connections.recipientOrgId, other.id)), and(eq(connections.requesterOrgId, other.id), eq(connections.recipientOrgId, actor.orgId))),
        ),
      )
    if (existing) {
      throw conflict(existing.status === 'accepted' ? `You are already connected with ${other.name}.` : `There is already a pending connection request between you and ${other.name}.`)
    }
    const [conn] = await tx
      .insert(connections)
      .values({
        requesterOrgId: actor.orgId,
        recipientOrgId: other.id,
        message: message || null,
        requestedBy: actor.userId,
        ...sharingColumns('requester', share),
      })
      .returning()
    await recordEvent(tx, {
      type: 'connection.requested',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'connection',
      subjectId: conn!.id,
      payload: { connectionId: conn!.id, requesterOrgId: actor.orgId, requesterOrgName: actor.orgName, recipientOrgId: other.id, status: 'requested', message: message || null },
      audience: { orgs: [actor.orgId, other.id] },
    })
    return toView(conn!, 'requester', { id: other.id, name: other.name, slug: other.slug })
  })
}

/** The recipient accepts (choosing what it shares) or declines a pending request. */
export async function respondToConnection(actor: Actor, connectionId: string, input: unknown): Promise<ConnectionView> {
  assertMappingWriter(actor)
  const parsed = RespondConnectionSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check your answer.', fieldErrorsOf(parsed.error))
  return db.transaction(async (tx) => {
    const { conn, side } = await loadConnectionFor(tx, actor, connectionId, { lock: true })
    assertOrgAdmin(actor, 'Only an admin of your organization can answer a connection request.')
    if (side !== 'recipient') throw forbidden('Only the partner that received the request can answer it.')
    if (conn.status !== 'requested') throw conflict('This request has already been answered.')
    const accepted = parsed.data.decision === 'accept'
    const [updated] = await tx
      .update(connections)
      .set({
        status: accepted ? 'accepted' : 'declined',
        respondedBy: actor.userId,
        respondedAt: new Date(),
        updatedAt: new Date(),
        ...(accepted ? sharingColumns('recipient', parsed.data.share) : {}),
      })
      .where(eq(connections.id, conn.id))
      .returning()
    await recordEvent(tx, {
      type: accepted ? 'connection.accepted' : 'connection.declined',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'connection',
      subjectId: conn.id,
      payload: { connectionId: conn.id, status: updated!.status, requesterOrgId: conn.requesterOrgId, answeredByOrgName: actor.orgName },
      audience: { orgs: [conn.requesterOrgId, conn.recipientOrgId] },
    })
    return toView(updated!, side, await loadPartner(tx, conn.requesterOrgId))
  })
}

/** Either side changes what it shares; the stricter choice governs both views at once. */
export async function updateSharing(actor: Actor, connectionId: string, input: unknown): Promise<ConnectionView> {
  assertMappingWriter(actor)
  const parsed = SharingSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check your sharing choices.', fieldErrorsOf(parsed.error))
  return db.transaction(async (tx) => {
    const { conn, side } = await loadConnectionFor(tx, actor, connectionId, { lock: true })
    assertOrgAdmin(actor, 'Only an admin of your organization can change what it shares.')
    if (conn.status !== 'requested' && conn.status !== 'accepted') throw conflict('This connection has ended; request a new one to share again.')
    const [updated] = await tx
      .update(connections)
      .set({ ...sharingColumns(side, parsed.data), updatedAt: new Date() })
      .where(eq(connections.id, conn.id))
      .returning()
    await recordEvent(tx, {
      type: 'connection.sharing_changed',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'connection',
      subjectId: conn.id,
      payload: { connectionId: conn.id, side, sharing: parsed.data as Record<string, SharingLevel> },
      audience: { orgs: [conn.requesterOrgId, conn.recipientOrgId] },
    })
    return toView(updated!, side, await loadPartner(tx, otherOrgId(conn, side)))
  })
}

/** Either side ends an accepted connection, or the requester withdraws a pending one. Sharing stops at once. */
export async function endConnection(actor: Actor, connectionId: string): Promise<ConnectionView> {
  assertMappingWriter(actor)
  return db.transaction(async (tx) => {
    const { conn, side } = await loadConnectionFor(tx, actor, connectionId, { lock: true })
    assertOrgAdmin(actor, 'Only an admin of your organization can end a connection.')
    if (conn.status === 'requested' && side !== 'requester') throw conflict('Decline the request instead of ending it.')
    if (conn.status !== 'requested' && conn.status !== 'accepted') throw conflict('This connection has already ended.')
    const [updated] = await tx.update(connections).set({ status: 'ended', endedBy: actor.userId, endedAt: new Date(), updatedAt: new Date() }).where(eq(connections.id, conn.id)).returning()
    await recordEvent(tx, {
      type: 'connection.ended',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'connection',
      subjectId: conn.id,
      payload: { connectionId: conn.id, status: 'ended' },
      audience: { orgs: [conn.requesterOrgId, conn.recipientOrgId] },
    })
    return toView(updated!, side, await loadPartner(tx, otherOrgId(conn, side)))
  })
}

/** Counts for the connections page header. */
export async function pendingIncomingCount(actor: Actor) {
  if (actor.orgKind !== 'partner') return 0
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(connections)
    .where(and(eq(connections.recipientOrgId, actor.orgId), eq(connections.status, 'requested')))
  return Number(row?.n ?? 0)
}

export { DomainError }
