import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { isUniqueViolation } from '#db/errors.ts'
import { sessions, users } from '#db/schema/auth.ts'
import { invitations, memberships, organizations, type OrgKind, type Role } from '#db/schema/orgs.ts'
import { assertOrgAdmin, assertOrgMayAct, isOrgAdmin, type Actor } from '#app/features/auth/actor.ts'
import type { RequestMeta } from '#app/features/auth/auth.server.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { hashPassword } from '#app/features/auth/password.server.ts'
import { AcceptInvitationSchema } from '#app/features/auth/schemas.ts'
import { createToken, hashToken, looksLikeToken } from '#app/features/auth/tokens.server.ts'
import { conflict, invalid, notFound } from '#app/utils/errors.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { linkTo, queueMail } from '#app/features/mail/mail.server.ts'
import { PARTNER_ROLES, ROLE_LABELS, VENDOR_ROLES } from '#app/features/orgs/constants.ts'
import { ChangeRoleSchema, InviteSchema, RemoveMemberSchema, RevokeInvitationSchema } from '#app/features/orgs/schemas.ts'
import { pageCountOf } from '#app/utils/page-query.ts'

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
export const TEAM_PAGE_SIZE = 50

export const rolesFor = (kind: OrgKind): readonly Role[] => (kind === 'vendor' ? VENDOR_ROLES : PARTNER_ROLES)
export const adminRoleFor = (kind: OrgKind): Role => (kind === 'vendor' ? 'vendor_admin' : 'partner_admin')

/** Team management is for the actor's own organization only; another org's team does not exist for them. */
function assertOwnOrg(actor: Actor, orgId: string) {
  if (orgId !== actor.orgId) throw notFound('We could not find that team.')
}

function assertRoleFits(actor: Actor, role: Role) {
  if (!rolesFor(actor.orgKind).includes(role)) {
    const allowed = rolesFor(actor.orgKind)
      .map((r) => ROLE_LABELS[r])
      .join(' or ')
    throw invalid(`Choose ${allowed}.`, { role: [`People in ${actor.orgName} can be ${allowed}.`] })
  }
}

/** The team of the actor's organization: members for everyone on it, pending invitations for its admins. */
export async function listTeam(actor: Actor, orgId: string, { page = 1, pageSize = TEAM_PAGE_SIZE }: { page?: number; pageSize?: number } = {}) {
  assertOwnOrg(actor, orgId)
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(memberships)
    .where(eq(memberships.orgId, orgId))
  const pageCount = pageCountOf(Number(total), pageSize)
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount)
  const members = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.createdAt), asc(users.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize)
  const manage = isOrgAdmin(actor)
  const pending = manage
    ? await db
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          createdAt: invitations.createdAt,
          expiresAt: invitations.expiresAt,
          invitedBy: sql<string | null>`(select name from users where users.id = ${invitations.invitedBy})`,
        })
        .from(invitations)
        .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
        .orderBy(desc(invitations.createdAt))
    : []
  return {
    members: members.map((m) => ({ ...m, isYou: m.userId === actor.userId })),
    invitations: pending,
    total: Number(total),
    page: current,
    pageCount,
    canManage: manage,
    roles: rolesFor(actor.orgKind),
  }
}

/**
 * An admin invites someone by email with a role of their own kind of organization. A fresh link
 * (valid 7 days, stored hashed) replaces any earlier open invitation for the same address.
 */
export async function inviteMember(actor: Actor, orgId: string, input: unknown, meta: RequestMeta = {}) {
  assertOwnOrg(actor, orgId)
  assertOrgAdmin(actor, 'Only an admin of your organization can invite people.')
  assertOrgMayAct(actor, 'invite people', { allowApplicant: true })
  const data = parseOrThrow(InviteSchema, input)
  assertRoleFits(actor, data.role)
  const { token, hash } = createToken()
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ orgId: memberships.orgId }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(users.email, data.email))
    if (existing) {
      const message =
        existing.orgId === orgId
          ? `${data.email} is already on your team.`
          : `${data.email} already has a Partner Hub account with another organization. Each person belongs to one organization; invite a different address.`
      throw conflict(message, { email: [message] })
    }
    const now = new Date()
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.email, data.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    const [invitation] = await tx
      .insert(invitations)
      .values({ orgId, email: data.email, role: data.role, tokenHash: hash, invitedBy: actor.userId, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) })
      .returning({ id: invitations.id, expiresAt: invitations.expiresAt })
    await recordEvent(tx, {
      type: 'member.invited',
      actorId: actor.userId,
      orgId,
      subjectType: 'invitation',
      subjectId: invitation!.id,
      payload: { email: data.email, role: data.role },
      audience: { orgs: [orgId] },
      ip: meta.ip ?? null,
    })
    await queueMail(tx, {
      to: data.email,
      subject: `${actor.name} invited you to join ${actor.orgName} on Partner Hub`,
      text: [
        'Hi,',
        '',
        `${actor.name} invited you to join ${actor.orgName} on Partner Hub as ${ROLE_LABELS[data.role].toLowerCase()}.`,
        `Accept the invitation and set your password here (the link works for 7 days): ${linkTo(`/invite/${token}`)}`,
        '',
        "If you weren't expecting this, you can ignore this email.",
      ].join('\n'),
    })
    return { invitationId: invitation!.id, token, expiresAt: invitation!.expiresAt }
  })
}

/** An admin withdraws an open invitation; its link stops working. */
export async function revokeInvitation(actor: Actor, orgId: string, input: unknown, meta: RequestMeta = {}) {
  assertOwnOrg(actor, orgId)
  assertOrgAdmin(actor, 'Only an admin of your organization can revoke invitations.')
  assertOrgMayAct(actor, 'change its team', { allowApplicant: true })
  const { invitationId } = parseOrThrow(RevokeInvitationSchema, input)
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, orgId)))
      .for('update')
    if (!invitation) throw notFound('We could not find that invitation.')
    if (invitation.acceptedAt) throw conflict(`${invitation.email} has already joined; remove them from the team instead.`)
    if (invitation.revokedAt) return { email: invitation.email }
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitation.id))
    await recordEvent(tx, {
      type: 'invitation.revoked',
      actorId: actor.userId,
      orgId,
      subjectType: 'invitation',
      subjectId: invitation.id,
      payload: { email: invitation.email },
      audience: { orgs: [orgId] },
      ip: meta.ip ?? null,
    })
    return { email: invitation.email }
  })
}

export type InvitationState = 'valid' | 'expired' | 'accepted' | 'revoked' | 'missing' | 'suspended'

async function findInvitation(q: Queryable, token: string, lock = false) {
  if (!looksLikeToken(token)) return null
  const query = q
    .select({
      id: invitations.id,
      orgId: invitations.orgId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      invitedBy: invitations.invitedBy,
      orgName: organizations.name,
      orgKind: organizations.kind,
      orgStatus: organizations.status,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashToken(token)))
  const [row] = lock ? await query.for('update', { of: invitations }) : await query
  return row ?? null
}

function stateOf(row: Awaited<ReturnType<typeof findInvitation>>): InvitationState {
  if (!row) return 'missing'
  if (row.acceptedAt) return 'accepted'
  if (row.revokedAt) return 'revoked'
  if (row.expiresAt.getTime() <= Date.now()) return 'expired'
  // A suspended organization cannot act, and taking in a member is acting (the link works again once it is reinstated).
  if (row.orgStatus === 'suspended') return 'suspended'
  return 'valid'
}

const STATE_MESSAGES: Record<Exclude<InvitationState, 'valid'>, string> = {
  missing: 'This invitation link is not valid. Check that you copied the whole link from the email.',
  expired: 'This invitation has expired. Ask the person who invited you to send a new one.',
  accepted: 'This invitation has already been used. Sign in with the email it was sent to.',
  revoked: 'This invitation was withdrawn. Ask an admin of the organization to invite you again.',
  suspended: "This organization is suspended by the vendor's partner team, so it cannot take in new members now. The link works again if the partner team reinstates it (until it expires).",
}

const ALREADY_REGISTERED = (email: string) =>
  `${email} already has a Partner Hub account with an organization. Sign in with it, or ask for an invitation to a different address — each person belongs to one organization.`

/** What the /invite page shows before anyone signs up: the org, the address, the role, or why the link is dead. */
export async function getInvitation(token: string) {
  const row = await findInvitation(db, token)
  const state = stateOf(row)
  if (!row || state !== 'valid') return { state, message: state === 'valid' ? null : STATE_MESSAGES[state] }
  const [registered] = await db.select({ id: users.id }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(users.email, row.email))
  return {
    state,
    message: registered ? ALREADY_REGISTERED(row.email) : null,
    emailRegistered: Boolean(registered),
    email: row.email,
    orgName: row.orgName,
    role: row.role,
    expiresAt: row.expiresAt,
  }
}

/**
 * The invited person sets their name and password: a user (or a former member without an org,
 * whose email the link proves) joins the organization with the invited role. Single use.
 */
export async function acceptInvitation(token: string, input: unknown, meta: RequestMeta = {}) {
  const data = parseOrThrow(AcceptInvitationSchema, input)
  const passwordHash = await hashPassword(data.password)
  try {
    return await db.transaction(async (tx) => {
      const row = await findInvitation(tx, token, true)
      const state = stateOf(row)
      if (!row || state !== 'valid') throw invalid(STATE_MESSAGES[state as Exclude<InvitationState, 'valid'>])
      const [existing] = await tx.select({ id: users.id, orgId: memberships.orgId }).from(users).leftJoin(memberships, eq(memberships.userId, users.id)).where(eq(users.email, row.email))
      if (existing?.orgId) throw conflict(ALREADY_REGISTERED(row.email))
      let userId: string
      if (existing) {
        userId = existing.id
        await tx.update(users).set({ name: data.name, passwordHash }).where(eq(users.id, userId))
        await tx.delete(sessions).where(eq(sessions.userId, userId))
      } else {
        const [user] = await tx.insert(users).values({ email: row.email, name: data.name, passwordHash }).returning({ id: users.id })
        userId = user!.id
      }
      await tx.insert(memberships).values({ orgId: row.orgId, userId, role: row.role })
      await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, row.id))
      await recordEvent(tx, {
        type: 'member.joined',
        actorId: userId,
        orgId: row.orgId,
        subjectType: 'user',
        subjectId: userId,
        payload: { email: row.email, name: data.name, role: row.role, invitationId: row.id, invitedBy: row.invitedBy, orgName: row.orgName },
        audience: { orgs: [row.orgId] },
        ip: meta.ip ?? null,
      })
      return { userId, orgId: row.orgId, orgName: row.orgName }
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(ALREADY_REGISTERED('This email'))
    throw error
  }
}

/** Locks the org's admin memberships and counts them, so two admins can't demote each other at once. */
async function lockedAdminCount(tx: Queryable, orgId: string, kind: OrgKind) {
  const admins = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, adminRoleFor(kind))))
    .for('update')
  return admins.length
}

async function memberOf(tx: Queryable, orgId: string, userId: string) {
  const [row] = await tx
    .select({ membershipId: memberships.id, role: memberships.role, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
  if (!row) throw notFound('We could not find that member on your team.')
  return row
}

/** An admin changes a member's role; the organization always keeps at least one admin. */
export async function changeMemberRole(actor: Actor, orgId: string, input: unknown, meta: RequestMeta = {}) {
  assertOwnOrg(actor, orgId)
  assertOrgAdmin(actor, 'Only an admin of your organization can change roles.')
  assertOrgMayAct(actor, 'change its team', { allowApplicant: true })
  const data = parseOrThrow(ChangeRoleSchema, input)
  assertRoleFits(actor, data.role)
  return db.transaction(async (tx) => {
    const adminCount = await lockedAdminCount(tx, orgId, actor.orgKind)
    const member = await memberOf(tx, orgId, data.userId)
    if (member.role === data.role) return { changed: false, name: member.name }
    if (member.role === adminRoleFor(actor.orgKind) && adminCount <= 1) {
      throw conflict(`${member.name} is the only admin of ${actor.orgName}. Make someone else an admin first.`)
    }
    await tx.update(memberships).set({ role: data.role }).where(eq(memberships.id, member.membershipId))
    await recordEvent(tx, {
      type: 'member.role_changed',
      actorId: actor.userId,
      orgId,
      subjectType: 'user',
      subjectId: data.userId,
      payload: { from: member.role, to: data.role, orgName: actor.orgName, changedByName: actor.name },
      audience: { orgs: [orgId], users: [data.userId] },
      ip: meta.ip ?? null,
    })
    return { changed: true, name: member.name }
  })
}

/**
 * An admin removes a member: their membership goes and every session of theirs ends at once. The
 * organization always keeps at least one admin. The user row stays (history points at it); a
 * later invitation to the same address brings them back.
 */
export async function removeMember(actor: Actor, orgId: string, input: unknown, meta: RequestMeta = {}) {
  assertOwnOrg(actor, orgId)
  assertOrgAdmin(actor, 'Only an admin of your organization can remove members.')
  assertOrgMayAct(actor, 'change its team', { allowApplicant: true })
  const data = parseOrThrow(RemoveMemberSchema, input)
  return db.transaction(async (tx) => {
    const adminCount = await lockedAdminCount(tx, orgId, actor.orgKind)
    const member = await memberOf(tx, orgId, data.userId)
    if (member.role === adminRoleFor(actor.orgKind) && adminCount <= 1) {
      throw conflict(`${member.name} is the only admin of ${actor.orgName}. Make someone else an admin before removing them.`)
    }
    await tx.delete(memberships).where(eq(memberships.id, member.membershipId))
    await tx.delete(sessions).where(eq(sessions.userId, data.userId))
    await recordEvent(tx, {
      type: 'member.removed',
      actorId: actor.userId,
      orgId,
      subjectType: 'user',
      subjectId: data.userId,
      payload: { email: member.email, role: member.role },
      audience: { orgs: [orgId], users: [data.userId] },
      ip: meta.ip ?? null,
    })
    await queueMail(tx, {
      to: member.email,
      subject: `You were removed from ${actor.orgName} on Partner Hub`,
      text: `Hi ${member.name},\n\n${actor.name} removed you from ${actor.orgName} on Partner Hub, and you have been signed out. If this is a mistake, contact them directly.`,
    })
    return { name: member.name, self: data.userId === actor.userId }
  })
}

/** How many open invitations an org has (the admin index shows it). */
export async function pendingInvitationCount(actor: Actor) {
  if (!isOrgAdmin(actor)) return 0
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(invitations)
    .where(and(eq(invitations.orgId, actor.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
  return Number(row?.n ?? 0)
}
