import type { Server } from 'socket.io'
import { z } from 'zod'
import type { Actor } from '#app/features/auth/actor.ts'
import { checkLiveSession } from '#app/features/auth/session.server.ts'
import { onEventRecorded } from '#app/features/events/outbox.server.ts'
import { logger } from '#app/core/logger.server.ts'
import { remember } from '#app/core/remember.ts'
import { orgRoom, sessionRoom, userRoom } from '#realtime/rooms.ts'

/**
 * A live connection keeps its identity only while its session does.
 *
 * 1. Revocation events (the table below) close the sockets they concern on every node: the outbox
 *    relay calls `closeRevoked`, which disconnects `session:<key>`, `user:<id>` or `org:<id>`
 *    through the adapter (Redis carries it to the other nodes).
 * 2. Every incoming socket event passes `guardSocket`'s middleware. A socket re-reads its session
 *    and actor (`checkLiveSession`, one query) when its last check is older than RECHECK_MS, when
 *    its session is past its deadline, or while a revocation that may concern it is pending
 *    ("distrusted"); otherwise it passes without touching the database.
 * 3. A socket is distrusted from the moment a revocation event is recorded — before its transaction
 *    commits, through `onEventRecorded` on the node that records it and a server-side emit to the
 *    others — until DISTRUST_MS later. So an event that arrives after the revocation committed but
 *    before the disconnect reaches its socket is still checked against the database and refused.
 *    A rolled-back revocation only costs the user a query per event for DISTRUST_MS.
 */

/** How long a socket trusts its last session check when no revocation concerning it was recorded (a backstop: revocations distrust at once). */
export const RECHECK_MS = 60_000
/** How long sockets a revocation may concern are checked on every event. */
export const DISTRUST_MS = 60_000

const sessionKeySchema = z.string().regex(/^[0-9a-f]{16}$/)
/** Which live connections a revocation concerns (also the payload of the server-side emit between nodes). */
export const revocationScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session'), key: sessionKeySchema }),
  z.object({ kind: z.literal('user'), userId: z.string().min(1).max(200), except: sessionKeySchema.nullable() }),
  z.object({ kind: z.literal('org'), orgId: z.string().min(1).max(200) }),
])
export type RevocationScope = z.infer<typeof revocationScope>

export type RevokedReason = 'signed_out' | 'removed' | 'changed' | 'suspended'
/** Sent to a socket just before the server closes it; `reconnect` says whether a new handshake can succeed. */
export type RevokedNotice = { reason: RevokedReason; reconnect: boolean }
type Revocation = RevokedNotice & { scope: RevocationScope }

/** Any recorded or recording event, read by field (revocations look at a few payload fields only). */
type EventLike = { type: string; subjectType: string; subjectId: string; orgId?: string | null; payload?: Record<string, unknown> }
const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null)

const forUser =
  (reason: RevokedReason, reconnect: boolean, keepsOne = false) =>
  (e: EventLike): Revocation => ({
    scope: { kind: 'user', userId: e.subjectId, except: keepsOne ? (text(e.payload?.kept) ?? null) : null },
    reason,
    reconnect,
  })
const forOrg =
  (reason: RevokedReason, reconnect: boolean) =>
  (e: EventLike): Revocation | null => {
    const orgId = text(e.payload?.orgId) ?? e.orgId ?? (e.subjectType === 'organization' ? e.subjectId : null)
    return orgId ? { scope: { kind: 'org', orgId }, reason, reconnect } : null
  }

/**
 * The events that end or change a live connection's identity, and which sockets each concerns.
 * A "changed" socket may reconnect at once: its new handshake loads the actor as it is now.
 */
const REVOKING_EVENTS: Record<string, (e: EventLike) => Revocation | null> = {
  'user.session_ended': (e) => {
    const key = text(e.payload?.session)
    return key ? { scope: { kind: 'session', key }, reason: 'signed_out', reconnect: false } : forUser('signed_out', false)(e)
  },
  'user.signed_out_everywhere': forUser('signed_out', false),
  'user.signed_out_elsewhere': forUser('signed_out', false, true),
  'user.password_changed': forUser('signed_out', false, true),
  'user.password_reset': forUser('signed_out', false),
  'member.removed': forUser('removed', false),
  'member.role_changed': forUser('changed', true),
  'org.suspended': forOrg('suspended', false),
  'org.reinstated': forOrg('changed', true),
  'org.approved': forOrg('changed', true),
  'org.rejected': forOrg('changed', true),
}

export function revocationFor(event: EventLike): Revocation | null {
  const build = REVOKING_EVENTS[event.type]
  if (!build) return null
  const revocation = build(event)
  return revocation && revocationScope.safeParse(revocation.scope).success ? revocation : null
}

// --- distrust marks (per process: the Remix build and the server share them through remember) ---

type Mark = { until: number; except: string | null }
const marks = () => remember('revocation-distrust', () => new Map<string, Mark>())
const markKey = (scope: RevocationScope) => (scope.kind === 'session' ? `s:${scope.key}` : scope.kind === 'user' ? `u:${scope.userId}` : `o:${scope.orgId}`)

/** Sockets in `scope` are checked against the database on every event for the next DISTRUST_MS. */
export function distrust(scope: RevocationScope, now = Date.now()) {
  const all = marks()
  const key = markKey(scope)
  const except = scope.kind === 'user' ? scope.except : null
  const previous = all.get(key)
  // Two pending revocations of one user that keep different sessions: trust neither.
  const keep = previous && previous.until > now && previous.except !== except ? null : except
  all.set(key, { until: now + DISTRUST_MS, except: keep })
  if (all.size > 1000) for (const [k, m] of all) if (m.until <= now) all.delete(k)
}

/** What the handshake stores on each socket. */
export type LiveSessionData = {
  actor: Actor
  sessionId: string
  /** The session's public fingerprint (its room is `session:<key>`). */
  sessionKey: string
  /** When the session ends by itself (ms since epoch), as of the last check. */
  expiresAt: number
  /** When the session and actor were last read from the database (ms since epoch). */
  checkedAt: number
  /** Set once the socket was refused: it is closing and every later event is refused too. */
  refused?: Verdict
}

function distrusted(data: LiveSessionData, now: number) {
  const all = marks()
  if (all.size === 0) return false
  // A user's mark may spare one session (the one a password change kept).
  const concerns = (mark: Mark | undefined, ownKey: string | null = null) => !!mark && mark.until > now && (ownKey === null || mark.except !== ownKey)
  return concerns(all.get(`s:${data.sessionKey}`)) || concerns(all.get(`u:${data.actor.userId}`), data.sessionKey) || concerns(all.get(`o:${data.actor.orgId}`))
}

/** Whether a socket may act on what it last read, without asking the database. */
export function trustedNow(data: LiveSessionData, now = Date.now()) {
  return !data.refused && now - data.checkedAt < RECHECK_MS && now < data.expiresAt && !distrusted(data, now)
}

export type Verdict = { ok: true } | ({ ok: false } & RevokedNotice)

/** What authority an actor carries: a change in any of these ends the connection. Names just refresh. */
const sameAuthority = (a: Actor, b: Actor) => a.userId === b.userId && a.orgId === b.orgId && a.orgKind === b.orgKind && a.role === b.role && a.orgStatus === b.orgStatus

/** Re-reads the socket's session and actor (one query) and says whether it may go on. */
export async function recheck(data: LiveSessionData): Promise<Verdict> {
  if (data.refused) return data.refused
  const live = await checkLiveSession(data.sessionId)
  let verdict: Verdict
  if (!live) verdict = { ok: false, reason: 'signed_out', reconnect: false }
  else if (live.actor.orgStatus === 'suspended') verdict = { ok: false, reason: 'suspended', reconnect: false }
  else if (!sameAuthority(data.actor, live.actor)) verdict = { ok: false, reason: 'changed', reconnect: true }
  else {
    data.actor = live.actor
    data.expiresAt = live.expiresAt.getTime()
    data.checkedAt = Date.now()
    return { ok: true }
  }
  data.refused = verdict
  return verdict
}

const REFUSALS: Record<RevokedReason, { code: 'unauthenticated' | 'forbidden'; error: string }> = {
  signed_out: { code: 'unauthenticated', error: 'Your session has ended. Sign in again to continue.' },
  removed: { code: 'unauthenticated', error: 'You are no longer a member of this organization, so you have been signed out.' },
  changed: { code: 'forbidden', error: 'Your role or your organization’s status changed. Reload the page to go on with your current access.' },
  suspended: { code: 'forbidden', error: 'Your organization is suspended, so it cannot act in Partner Hub. Contact the vendor’s ecosystem team.' },
}

export function refusal(reason: RevokedReason) {
  return { ok: false as const, ...REFUSALS[reason] }
}

// --- the socket side ---

type GuardedSocket = {
  data: LiveSessionData
  connected: boolean
  use: (fn: (packet: unknown[], next: (error?: Error) => void) => void) => unknown
  emit: (event: string, ...args: unknown[]) => unknown
  disconnect: (close?: boolean) => unknown
}

/** Tells the client why, then closes the socket. */
export function closeSocket(socket: GuardedSocket, notice: RevokedNotice) {
  if (!socket.connected) return
  socket.emit('session:revoked', { reason: notice.reason, reconnect: notice.reconnect } satisfies RevokedNotice)
  socket.disconnect()
}

/**
 * Checks every incoming event before any handler sees it. Events of one socket pass in the order
 * they came, also when one of them waits for a check. A refused event is answered on its ack (or
 * with 'error:payload') and the socket is closed.
 */
export function guardSocket(socket: GuardedSocket) {
  let queue: Promise<unknown> | null = null
  const refuse = (packet: unknown[], verdict: Exclude<Verdict, { ok: true }>) => {
    const ack = packet[packet.length - 1]
    const answer = refusal(verdict.reason)
    if (typeof ack === 'function') (ack as (r: unknown) => void)(answer)
    else socket.emit('error:payload', { event: String(packet[0]), error: answer.error })
    // After the events already queued behind this one got their refusals too.
    setImmediate(() => closeSocket(socket, verdict))
  }
  socket.use((packet, next) => {
    if (!queue && trustedNow(socket.data)) return next()
    const check: Promise<unknown> = (queue ?? Promise.resolve())
      .then(() => (trustedNow(socket.data) ? ({ ok: true } as const) : recheck(socket.data)))
      .then(
        (verdict) => (verdict.ok ? next() : refuse(packet, verdict)),
        (error: unknown) => {
          logger.error({ err: error }, 'socket session check failed')
          const ack = packet[packet.length - 1]
          const answer = { ok: false, code: 'error', error: 'We could not check your session just now. Try again in a moment.' }
          if (typeof ack === 'function') (ack as (r: unknown) => void)(answer)
        },
      )
      .finally(() => {
        if (queue === check) queue = null
      })
    queue = check
  })
  // A revocation may have been recorded between the handshake's read and this socket joining its rooms.
  if (distrusted(socket.data, Date.now())) {
    recheck(socket.data).then(
      (verdict) => {
        if (!verdict.ok) closeSocket(socket, verdict)
      },
      (error: unknown) => logger.warn({ err: error }, 'socket session check failed'),
    )
  }
}

// --- the node side ---

const REVOKED = 'pe:revoked'
const clusteredNodes = new WeakSet<Server>()

/**
 * Wires a node: revocations recorded in this process distrust sockets here at once and, with the
 * Redis adapter, on the other nodes (a server-side emit). Returns the function that unwires it.
 */
export function attachRevocations(io: Server, { clustered }: { clustered: boolean }) {
  if (clustered) {
    clusteredNodes.add(io)
    ;(io as unknown as { on: (event: string, fn: (raw: unknown) => void) => void }).on(REVOKED, (raw) => {
      const scope = revocationScope.safeParse(raw)
      if (scope.success) distrust(scope.data)
    })
  }
  return onEventRecorded((event) => {
    try {
      const revocation = revocationFor(event)
      if (!revocation) return
      distrust(revocation.scope)
      if (clustered) io.serverSideEmit(REVOKED, revocation.scope)
    } catch (error) {
      logger.warn({ err: error }, 'could not announce a revocation')
    }
  })
}

/**
 * Called by the outbox relay for each event, in order, before it is relayed: a committed
 * revocation closes the sockets it concerns on every node (and distrusts them until they are gone).
 * Returns whether the event was a revocation.
 */
export function closeRevoked(io: Server, event: EventLike) {
  const revocation = revocationFor(event)
  if (!revocation) return false
  const { scope } = revocation
  distrust(scope)
  if (clusteredNodes.has(io)) io.serverSideEmit(REVOKED, scope)
  let target = io.in(scope.kind === 'session' ? sessionRoom(scope.key) : scope.kind === 'user' ? userRoom(scope.userId) : orgRoom(scope.orgId))
  if (scope.kind === 'user' && scope.except) target = target.except(sessionRoom(scope.except))
  target.emit('session:revoked', { reason: revocation.reason, reconnect: revocation.reconnect } satisfies RevokedNotice)
  target.disconnectSockets()
  return true
}
