import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { isUniqueViolation } from '#db/errors.ts'
import { passwordResetTokens, sessions, users } from '#db/schema/auth.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import { conflict, DomainError, invalid, notFound } from '#app/utils/errors.ts'
import { createId } from '#app/utils/id.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { linkTo, queueMail } from '#app/features/mail/mail.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { sessionKey } from '#app/features/auth/session.server.ts'
import { hashPassword, verifyPassword } from '#app/features/auth/password.server.ts'
import { describeRetryAfter, hitRateLimit } from '#app/features/auth/rate-limit.server.ts'
import { AccountNameSchema, ApplySchema, ChangePasswordSchema, ForgotPasswordSchema, LoginSchema, ResetPasswordSchema } from '#app/features/auth/schemas.ts'
import { createToken, hashToken, looksLikeToken } from '#app/features/auth/tokens.server.ts'

/** Where a request came from, for rate limits and audit entries (links in mail use the configured origin). */
export type RequestMeta = { ip?: string | null }

/** Wrong passwords for one account from one source (IP) per window. */
export const LOGIN_MAX_FAILURES = 10
/** Wrong passwords from one source (IP) per window, across accounts (an office behind one NAT shares it). */
export const LOGIN_MAX_FAILURES_PER_SOURCE = 30
export const LOGIN_WINDOW_SECONDS = 15 * 60
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000
const RESET_REQUESTS_PER_HOUR = 5

const DUPLICATE_EMAIL = 'An account with this email already exists. Sign in instead, or use a different address.'

export async function emailTaken(email: string, q: Queryable = db) {
  const [row] = await q.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()))
  return Boolean(row)
}

function slugify(name: string) {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'partner'
  )
}

async function uniqueSlug(q: Queryable, name: string) {
  const base = slugify(name)
  const [taken] = await q.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, base))
  return taken ? `${base}-${createId(5)}` : base
}

/**
 * A company applies to become a partner: its organization (status `applicant`), its first admin
 * and their membership, an event and the audit entry, all in one transaction. The vendor's admins
 * hear of it in the app. Returns the new user's id so the caller can start a session.
 */
export async function applyAsPartner(input: unknown, meta: RequestMeta = {}) {
  const data = parseOrThrow(ApplySchema, input)
  const passwordHash = await hashPassword(data.password)
  try {
    return await db.transaction(async (tx) => {
      if (await emailTaken(data.email, tx)) throw conflict(DUPLICATE_EMAIL, { email: [DUPLICATE_EMAIL] })
      const [sameName] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(sql`lower(${organizations.name}) = lower(${data.companyName})`, ne(organizations.status, 'rejected')))
      if (sameName) {
        const message = 'A company with this name has already applied or is a partner. If it is yours, ask its admin to invite you.'
        throw conflict(message, { companyName: [message] })
      }
      const [org] = await tx
        .insert(organizations)
        .values({
          kind: 'partner',
          name: data.companyName,
          slug: await uniqueSlug(tx, data.companyName),
          website: data.website,
          partnerType: data.partnerType,
          status: 'applicant',
          regions: data.regions,
          industries: data.industries,
        })
        .returning({ id: organizations.id })
      const [user] = await tx.insert(users).values({ email: data.email, name: data.name, passwordHash }).returning({ id: users.id })
      await tx.insert(memberships).values({ orgId: org!.id, userId: user!.id, role: 'partner_admin' })
      await recordEvent(tx, {
        type: 'org.applied',
        actorId: user!.id,
        orgId: org!.id,
        subjectType: 'organization',
        subjectId: org!.id,
        payload: { name: data.companyName, applicantName: data.name, partnerType: data.partnerType, regions: data.regions, industries: data.industries },
        audience: { vendor: true, users: [user!.id] },
        ip: meta.ip ?? null,
      })
      await queueMail(tx, {
        to: data.email,
        subject: `We received ${data.companyName}'s partner application`,
        text: [
          `Hi ${data.name},`,
          '',
          `Thanks for applying to join the partner program with ${data.companyName}.`,
          "The partner team reviews applications in the order they arrive. We'll email you as soon as there is a decision.",
          '',
          `You can sign in any time to check the status: ${linkTo('/login')}`,
        ].join('\n'),
      })
      return { userId: user!.id, orgId: org!.id }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) throw conflict(DUPLICATE_EMAIL, { email: [DUPLICATE_EMAIL] })
    throw error
  }
}

// A real argon2 hash of a random string, so an unknown email costs as much time as a known one.
let dummyHash: Promise<string> | undefined
const timingDummy = () => (dummyHash ??= hashPassword(`dummy-${createId(24)}`))

function rateLimited(seconds: number) {
  return new DomainError('rate_limited', `Too many failed sign-in attempts. Try again in ${describeRetryAfter(seconds)}.`, { retryAfterSeconds: seconds })
}

async function undoHit(key: string) {
  await db.execute(sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key}`)
}

/**
 * Checks an email and password. Failed attempts are counted in the database (so the limits hold
 * across app nodes) per account *and* source together — 10 per 15 minutes for one email from one
 * IP — and per source overall — 30 per 15 minutes from one IP, whatever the accounts. Nothing is
 * counted per account alone, so nobody can lock a person out by typing wrong passwords for them:
 * the owner signing in from another address is not affected. Each attempt takes a slot up front,
 * a success gives it back, so the 11th attempt from a blocked pair is refused even with the right
 * password. Unknown emails behave exactly like wrong passwords.
 */
export async function login(input: unknown, meta: RequestMeta = {}) {
  const data = parseOrThrow(LoginSchema, input)
  const source = meta.ip ?? 'unknown'
  const limits = [{ key: `login:account-source:${data.email}|${source}`, max: LOGIN_MAX_FAILURES }, ...(meta.ip ? [{ key: `login:source:${meta.ip}`, max: LOGIN_MAX_FAILURES_PER_SOURCE }] : [])]
  const states = []
  for (const limit of limits) states.push({ ...limit, ...(await hitRateLimit(limit.key, LOGIN_WINDOW_SECONDS)) })
  const blocked = states.filter((s) => s.count > s.max)
  if (blocked.length > 0) throw rateLimited(Math.max(...blocked.map((s) => s.retryAfterSeconds)))
  const keys = limits.map((l) => l.key)

  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, data.email))
  const ok = user ? await verifyPassword(user.passwordHash, data.password) : (await verifyPassword(await timingDummy(), data.password), false)
  if (!ok || !user) {
    const remaining = Math.min(...states.map((s) => s.max - s.count))
    const message =
      remaining <= 3 && remaining > 0
        ? `That email and password don't match an account. ${remaining} ${remaining === 1 ? 'attempt' : 'attempts'} left before sign-in is paused for 15 minutes.`
        : "That email and password don't match an account."
    throw invalid(message)
  }
  for (const key of keys) await undoHit(key)

  const [membership] = await db.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, user.id))
  if (!membership) {
    throw new DomainError('forbidden', 'Your account is no longer part of an organization. Ask an admin of your company to invite you again.')
  }
  await db.transaction(async (tx) => {
    await recordEvent(tx, { type: 'user.signed_in', actorId: user.id, orgId: membership.orgId, subjectType: 'user', subjectId: user.id, ip: meta.ip ?? null })
  })
  return { userId: user.id, redirectTo: data.redirectTo }
}

/** Ends every session of the actor (all devices), with an audit entry. */
export async function logoutEverywhere(actor: Actor, meta: RequestMeta = {}) {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.userId, actor.userId))
    await recordEvent(tx, { type: 'user.signed_out_everywhere', actorId: actor.userId, orgId: actor.orgId, subjectType: 'user', subjectId: actor.userId, ip: meta.ip ?? null })
  })
}

/** Ends the actor's other sessions, keeping the current one. */
export async function logoutOtherSessions(actor: Actor, currentSessionId: string | null, meta: RequestMeta = {}) {
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.userId), currentSessionId ? ne(sessions.id, currentSessionId) : undefined))
      .returning({ id: sessions.id })
    await recordEvent(tx, {
      type: 'user.signed_out_elsewhere',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'user',
      subjectId: actor.userId,
      // The session kept: live connections of every other session of the user are closed.
      payload: { sessions: ended.length, kept: currentSessionId ? sessionKey(currentSessionId) : null },
      ip: meta.ip ?? null,
    })
    return ended.length
  })
}

export type SessionSummary = { key: string; current: boolean; createdAt: Date; expiresAt: Date; device: string; ip: string | null }

/** "Chrome on macOS" from a User-Agent header: enough to recognise a session, no library needed. */
export function describeDevice(userAgent: string | null | undefined) {
  if (!userAgent) return 'Unknown device'
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /OPR\/|Opera/.test(userAgent)
      ? 'Opera'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(userAgent)
          ? /HeadlessChrome/.test(userAgent)
            ? 'Headless Chrome'
            : 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : /curl\//.test(userAgent)
              ? 'curl'
              : 'A browser'
  const os = /iPhone|iPad|iPod/.test(userAgent)
    ? 'iOS'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Mac OS X|Macintosh/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /CrOS/.test(userAgent)
            ? 'ChromeOS'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : null
  return os ? `${browser} on ${os}` : browser
}

/** The actor's own live sessions. Session ids are secrets, so the list shows a short fingerprint. */
export async function listOwnSessions(actor: Actor, currentSessionId: string | null): Promise<SessionSummary[]> {
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, ip: sessions.ip })
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.createdAt))
  return rows.map((r) => ({
    key: sessionKey(r.id),
    current: r.id === currentSessionId,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    device: describeDevice(r.userAgent),
    ip: r.ip,
  }))
}

/**
 * Ends one of the actor's own sessions, named by the fingerprint the session list shows. Another
 * person's session is never matched: only the actor's own are searched.
 */
export async function endOwnSession(actor: Actor, key: string, meta: RequestMeta = {}) {
  if (!/^[0-9a-f]{16}$/.test(key)) throw notFound('We could not find that session; it may have ended already.')
  return db.transaction(async (tx) => {
    const own = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, actor.userId))
    const match = own.find((s) => sessionKey(s.id) === key)
    if (!match) throw notFound('We could not find that session; it may have ended already.')
    await tx.delete(sessions).where(and(eq(sessions.id, match.id), eq(sessions.userId, actor.userId)))
    await recordEvent(tx, {
      type: 'user.session_ended',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'user',
      subjectId: actor.userId,
      payload: { session: key },
      ip: meta.ip ?? null,
    })
    return { sessionId: match.id }
  })
}

/**
 * Mails a single-use reset link valid for an hour, if the email has an account. The caller always
 * shows the same answer, so nobody learns which emails have accounts. Requests per address are
 * capped so the link mail cannot be used to flood someone's inbox.
 */
export async function requestPasswordReset(input: unknown, meta: RequestMeta = {}) {
  const { email } = parseOrThrow(ForgotPasswordSchema, input)
  const limit = await hitRateLimit(`reset:account:${email}`, 60 * 60)
  if (limit.count > RESET_REQUESTS_PER_HOUR) return
  const [user] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, email))
  if (!user) return
  const { token, hash } = createToken()
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({ tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) })
    await recordEvent(tx, { type: 'user.password_reset_requested', actorId: user.id, subjectType: 'user', subjectId: user.id, ip: meta.ip ?? null })
    await queueMail(tx, {
      to: email,
      subject: 'Reset your Partner Hub password',
      text: [
        `Hi ${user.name},`,
        '',
        'Someone (hopefully you) asked to reset the password for your Partner Hub account.',
        `Choose a new password here within the next hour: ${linkTo(`/reset-password/${token}`)}`,
        '',
        "The link works once. If you didn't ask for this, ignore this email — your password stays as it is.",
      ].join('\n'),
    })
  })
}

async function findUsableResetToken(q: Queryable, token: string) {
  if (!looksLikeToken(token)) return null
  const [row] = await q
    .select({ userId: passwordResetTokens.userId, email: users.email })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(and(eq(passwordResetTokens.tokenHash, hashToken(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, new Date())))
  return row ?? null
}

const RESET_LINK_DEAD = 'This reset link has expired or was already used. Ask for a new one.'

/** Whether a reset link can still be used, and for which email (shown on the form). */
export async function checkPasswordResetToken(token: string) {
  const row = await findUsableResetToken(db, token)
  return row ? { valid: true as const, email: row.email } : { valid: false as const, message: RESET_LINK_DEAD }
}

/**
 * Sets a new password from a reset link: the token is used up (with every other open link of
 * that user), and every session of the user ends, so whoever had the old password is signed out.
 */
export async function resetPassword(token: string, input: unknown, meta: RequestMeta = {}) {
  const data = parseOrThrow(ResetPasswordSchema, input)
  const passwordHash = await hashPassword(data.password)
  return db.transaction(async (tx) => {
    const row = await findUsableResetToken(tx, token)
    if (!row) throw invalid(RESET_LINK_DEAD)
    // Claim the token atomically: of two concurrent submissions only one updates the row.
    const claimed = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.tokenHash, hashToken(token)), isNull(passwordResetTokens.usedAt)))
      .returning({ userId: passwordResetTokens.userId })
    if (claimed.length === 0) throw invalid(RESET_LINK_DEAD)
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.userId, row.userId), isNull(passwordResetTokens.usedAt)))
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId))
    await tx.delete(sessions).where(eq(sessions.userId, row.userId))
    const [membership] = await tx.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, row.userId))
    await recordEvent(tx, { type: 'user.password_reset', actorId: row.userId, orgId: membership?.orgId ?? null, subjectType: 'user', subjectId: row.userId, ip: meta.ip ?? null })
    await queueMail(tx, {
      to: row.email,
      subject: 'Your Partner Hub password was changed',
      text: `Your password was just reset and every signed-in session was ended.\n\nIf this wasn't you, reset it again now: ${linkTo('/forgot-password')}`,
    })
    return { userId: row.userId, email: row.email }
  })
}

/** Changes the actor's password after checking the current one; every other session ends. */
export async function changePassword(actor: Actor, input: unknown, currentSessionId: string | null, meta: RequestMeta = {}) {
  const data = parseOrThrow(ChangePasswordSchema, input)
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId))
  if (!user || !(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw invalid('Your current password is not right.', { currentPassword: ['Your current password is not right.'] })
  }
  const passwordHash = await hashPassword(data.newPassword)
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId))
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), currentSessionId ? ne(sessions.id, currentSessionId) : undefined))
    await recordEvent(tx, {
      type: 'user.password_changed',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'user',
      subjectId: actor.userId,
      // The session kept: live connections of every other session of the user are closed.
      payload: { kept: currentSessionId ? sessionKey(currentSessionId) : null },
      ip: meta.ip ?? null,
    })
  })
}

/** Renames the actor. */
export async function updateAccountName(actor: Actor, input: unknown) {
  const data = parseOrThrow(AccountNameSchema, input)
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: data.name }).where(eq(users.id, actor.userId))
    await recordEvent(tx, {
      type: 'user.renamed',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'user',
      subjectId: actor.userId,
      payload: { from: actor.name, to: data.name },
    })
  })
}

export async function getAccount(actor: Actor) {
  const [row] = await db.select({ name: users.name, email: users.email, createdAt: users.createdAt }).from(users).where(eq(users.id, actor.userId))
  return row!
}

/** For tests and tools: the number of live sessions a user has. */
export async function countSessions(userId: string) {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sessions where user_id = ${userId}`)
  return Number(row?.n ?? 0)
}
