import { eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import { sessions, users } from '#db/schema/auth.ts'
import { notifications } from '#db/schema/platform.ts'
import { env } from '#app/env.server.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { lucia, SESSION_COOKIE } from '#app/features/auth/lucia.server.ts'
import { hashToken } from '#app/features/auth/tokens.server.ts'

export { SESSION_COOKIE }

/** The columns an Actor is read from (users ⋈ memberships ⋈ organizations). */
const actorColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  orgId: organizations.id,
  orgKind: organizations.kind,
  orgStatus: organizations.status,
  orgName: organizations.name,
  role: memberships.role,
}

export async function loadActor(userId: string): Promise<Actor | null> {
  const [row] = await db
    .select(actorColumns)
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(users.id, userId))
  return row ?? null
}

/**
 * A session's public fingerprint: the session list shows it, revocation events carry it and live
 * connections join the room named by it. Session ids are secrets and appear in none of these.
 */
export const sessionKey = (sessionId: string) => hashToken(sessionId).slice(0, 16)

/** When a session ends on its own: its idle expiry or its absolute lifetime, whichever comes first. */
function sessionDeadline(expiresAt: Date, createdAt: Date) {
  const absolute = new Date(createdAt).getTime() + env().SESSION_ABSOLUTE_DAYS * 24 * 60 * 60 * 1000
  return new Date(Math.min(new Date(expiresAt).getTime(), absolute))
}

export type Authenticated = {
  actor: Actor | null
  sessionId: string | null
  /** When the session ends unless used again (idle) or at the latest (absolute). */
  expiresAt?: Date | null
  /** Set-Cookie values to send back: a refreshed session, or a blank one for a dead session. */
  setCookies: string[]
  /** The actor's unread notifications, read in the same query (the bell on every page shows it). */
  unreadNotifications?: number
}

/**
 * Resolves a session id from the cookie: checks it exists, has not passed its idle expiry (extended
 * on use once half of it has passed, as Lucia does) nor its absolute lifetime, and loads the actor,
 * all in one query. A dead session (expired, or its user in no organization) is deleted.
 */
export async function authenticate(cookieHeader: string | undefined | null): Promise<Authenticated> {
  const sessionId = lucia().readSessionCookie(cookieHeader ?? '')
  if (!sessionId) return { actor: null, sessionId: null, setCookies: [] }
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      unreadNotifications: sql<number>`(select count(*)::int from ${notifications} where ${notifications.userId} = ${users.id} and ${notifications.readAt} is null)`,
      ...actorColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(sessions.id, sessionId))
    .limit(1)
  const blank = () => lucia().createBlankSessionCookie().serialize()
  if (!row) return { actor: null, sessionId: null, setCookies: [blank()] }
  const now = Date.now()
  const idleMs = env().SESSION_IDLE_DAYS * 24 * 60 * 60 * 1000
  const absoluteMs = env().SESSION_ABSOLUTE_DAYS * 24 * 60 * 60 * 1000
  const { expiresAt: storedExpiry, createdAt, unreadNotifications, ...columns } = row
  // Left joins: the actor's columns are null when the user belongs to no organization.
  const actor = columns.orgId === null || columns.role === null ? null : (columns as Actor)
  if (new Date(storedExpiry).getTime() <= now || new Date(createdAt).getTime() + absoluteMs < now || !actor) {
    await lucia().invalidateSession(sessionId)
    return { actor: null, sessionId: null, setCookies: [blank()] }
  }
  let expiresAt = new Date(storedExpiry)
  const setCookies: string[] = []
  if (expiresAt.getTime() - idleMs / 2 <= now) {
    expiresAt = new Date(now + idleMs)
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId))
    setCookies.push(lucia().createSessionCookie(sessionId).serialize())
  }
  return { actor, sessionId, expiresAt: sessionDeadline(expiresAt, createdAt), setCookies, unreadNotifications: Number(unreadNotifications) }
}

/**
 * Re-reads a session and the actor behind it in one query, without extending it: what a live
 * connection checks now and then, and whenever a revocation may concern it. Null when the session
 * is gone, past its idle expiry or absolute lifetime, or its user no longer belongs to an org.
 */
export async function checkLiveSession(sessionId: string): Promise<{ actor: Actor; expiresAt: Date } | null> {
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      ...actorColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(sessions.id, sessionId))
  if (!row) return null
  const expiresAt = sessionDeadline(row.expiresAt, row.createdAt)
  if (expiresAt.getTime() <= Date.now()) return null
  const { expiresAt: _e, createdAt: _c, ...actor } = row
  return { actor, expiresAt }
}

/** Starts a session; `device` (the request's User-Agent and IP) lets the person recognise it later. */
export async function startSession(userId: string, device: { userAgent?: string | null; ip?: string | null } = {}) {
  const session = await lucia().createSession(userId, {
    createdAt: new Date(),
    userAgent: device.userAgent ? device.userAgent.slice(0, 400) : null,
    ip: device.ip ? device.ip.slice(0, 64) : null,
  })
  return { sessionId: session.id, cookie: lucia().createSessionCookie(session.id).serialize() }
}

/**
 * Signs one session out (POST /logout, leaving a team, switching accounts through an invitation).
 * The `user.session_ended` event names the session by its fingerprint, so its live connections
 * are closed on every node.
 */
export async function endSession(sessionId: string, meta: { ip?: string | null } = {}) {
  await db.transaction(async (tx) => {
    const [ended] = await tx.delete(sessions).where(eq(sessions.id, sessionId)).returning({ userId: sessions.userId })
    if (!ended) return
    const [membership] = await tx.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, ended.userId))
    await recordEvent(tx, {
      type: 'user.session_ended',
      actorId: ended.userId,
      orgId: membership?.orgId ?? null,
      subjectType: 'user',
      subjectId: ended.userId,
      payload: { session: sessionKey(sessionId) },
      ip: meta.ip ?? null,
    })
  })
  return lucia().createBlankSessionCookie().serialize()
}
