import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { memberships, organizations } from '../../../db/schema/orgs.ts'
import { users } from '../../../db/schema/auth.ts'
import { env } from '../../env.server.ts'
import type { Actor } from './actor.ts'
import { lucia, SESSION_COOKIE } from './lucia.server.ts'

export { SESSION_COOKIE }

export async function loadActor(userId: string): Promise<Actor | null> {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      orgId: organizations.id,
      orgKind: organizations.kind,
      orgStatus: organizations.status,
      orgName: organizations.name,
      role: memberships.role,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(users.id, userId))
  return row ?? null
}

export type Authenticated = {
  actor: Actor | null
  sessionId: string | null
  /** Set-Cookie values to send back: a refreshed session, or a blank one for a dead session. */
  setCookies: string[]
}

/**
 * Resolves a session id from the cookie: checks it exists, has not passed its idle expiry
 * (Lucia extends it on use) nor its absolute lifetime, and loads the actor.
 */
export async function authenticate(cookieHeader: string | undefined | null): Promise<Authenticated> {
  const sessionId = lucia().readSessionCookie(cookieHeader ?? '')
  if (!sessionId) return { actor: null, sessionId: null, setCookies: [] }
  const { session, user } = await lucia().validateSession(sessionId)
  const blank = lucia().createBlankSessionCookie().serialize()
  if (!session || !user) return { actor: null, sessionId: null, setCookies: [blank] }
  const absoluteMs = env().SESSION_ABSOLUTE_DAYS * 24 * 60 * 60 * 1000
  if (new Date(session.createdAt).getTime() + absoluteMs < Date.now()) {
    await lucia().invalidateSession(session.id)
    return { actor: null, sessionId: null, setCookies: [blank] }
  }
  const actor = await loadActor(user.id)
  if (!actor) {
    await lucia().invalidateSession(session.id)
    return { actor: null, sessionId: null, setCookies: [blank] }
  }
  const setCookies = session.fresh ? [lucia().createSessionCookie(session.id).serialize()] : []
  return { actor, sessionId: session.id, setCookies }
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

export async function endSession(sessionId: string) {
  await lucia().invalidateSession(sessionId)
  return lucia().createBlankSessionCookie().serialize()
}

export async function endAllSessions(userId: string) {
  await lucia().invalidateUserSessions(userId)
  return lucia().createBlankSessionCookie().serialize()
}
