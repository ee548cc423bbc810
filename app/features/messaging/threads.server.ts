import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { isUniqueViolation } from '#db/errors.ts'
import { users } from '#db/schema/auth.ts'
import { messages, threadOrgs, threadReads, threads, type ThreadKind } from '#db/schema/messaging.ts'
import { organizations } from '#db/schema/orgs.ts'
import { DomainError, invalid, notFound } from '#app/utils/errors.ts'
import { describeRetryAfter, hitRateLimit } from '#app/features/auth/rate-limit.server.ts'
import { assertOrgMayAct, assertOrgMayRead, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { messageBody, type MessageDto } from '#app/features/messaging/contract.ts'

/**
 * Threads are generic: each kind ('referral', 'cosell', 'direct') registers how to find the orgs
 * its subject makes parties, and where its page is. Co-sell and direct conversations reuse every
 * function here by registering their kind.
 */
export type ThreadKindHandler = {
  /** The orgs that are parties of the subject; null when the subject does not exist. */
  parties: (q: Queryable, subjectId: string) => Promise<string[] | null>
  /** The page where the conversation is shown. */
  link: (subjectId: string) => string
}

const kindHandlers = new Map<ThreadKind, ThreadKindHandler>()

export function registerThreadKind(kind: ThreadKind, handler: ThreadKindHandler) {
  kindHandlers.set(kind, handler)
}

function handlerFor(kind: ThreadKind) {
  const handler = kindHandlers.get(kind)
  if (!handler) throw new Error(`No thread kind handler registered for '${kind}'`)
  return handler
}

export type Thread = typeof threads.$inferSelect

/** The thread about a subject, created on first use. */
export async function ensureThread(q: Queryable, kind: ThreadKind, subjectId: string, title: string): Promise<Thread> {
  await q
    .insert(threads)
    .values({ kind, subjectId, title: title.slice(0, 200) })
    .onConflictDoNothing()
  const [thread] = await q
    .select()
    .from(threads)
    .where(and(eq(threads.kind, kind), eq(threads.subjectId, subjectId)))
  return thread!
}

export async function findThread(q: Queryable, kind: ThreadKind, subjectId: string) {
  const [thread] = await q
    .select()
    .from(threads)
    .where(and(eq(threads.kind, kind), eq(threads.subjectId, subjectId)))
  return thread ?? null
}

/** Orgs that may read and write a thread: its subject's parties plus any invited org. */
export async function threadOrgIds(q: Queryable, thread: Thread): Promise<string[]> {
  const parties = (await handlerFor(thread.kind).parties(q, thread.subjectId)) ?? []
  const invited = await q.select({ orgId: threadOrgs.orgId }).from(threadOrgs).where(eq(threadOrgs.threadId, thread.id))
  return [...new Set([...parties, ...invited.map((r) => r.orgId)])]
}

/**
 * The thread, if the actor may see it. Someone who is not a party gets not_found (the same as a
 * thread that does not exist), so ids cannot be probed.
 */
export async function getThreadForActor(actor: Actor, threadId: string, q: Queryable = db) {
  const [thread] = await q.select().from(threads).where(eq(threads.id, threadId))
  if (!thread) throw notFound('That conversation does not exist or you are not part of it.')
  const orgIds = await threadOrgIds(q, thread)
  if (!orgIds.includes(actor.orgId)) throw notFound('That conversation does not exist or you are not part of it.')
  assertOrgMayRead(actor, 'take part in conversations')
  return { thread, orgIds, link: handlerFor(thread.kind).link(thread.subjectId) }
}

export async function canAccessThread(actor: Actor, threadId: string) {
  try {
    await getThreadForActor(actor, threadId)
    return true
  } catch (error) {
    if (error instanceof DomainError) return false
    throw error
  }
}

/** Invites another org (e.g. the vendor's team) into a thread; only a current participant can. */
export async function inviteOrgToThread(actor: Actor, threadId: string, orgId: string) {
  assertOrgMayAct(actor, 'invite anyone to a conversation')
  return db.transaction(async (tx) => {
    const { thread, orgIds } = await getThreadForActor(actor, threadId, tx)
    const [org] = await tx.select({ id: organizations.id, name: organizations.name, kind: organizations.kind }).from(organizations).where(eq(organizations.id, orgId))
    if (!org) throw notFound('That organization does not exist.')
    if (orgIds.includes(orgId)) return { thread, added: false }
    await tx.insert(threadOrgs).values({ threadId, orgId, invitedBy: actor.userId }).onConflictDoNothing()
    await recordEvent(tx, {
      type: 'thread.org_invited',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'thread',
      subjectId: threadId,
      payload: { threadId, invitedOrgId: orgId, invitedOrgName: org.name, kind: thread.kind, subjectId: thread.subjectId },
      audience: { orgs: [...orgIds, orgId] },
    })
    return { thread, added: true }
  })
}

/** Messages per user per window; a flood is refused, not queued. Tests may lower it. */
export const messageRateLimit = { max: 30, windowSeconds: 10 }

const messageColumns = {
  id: messages.id,
  threadId: messages.threadId,
  seq: messages.seq,
  authorId: messages.authorId,
  authorName: users.name,
  authorOrgId: messages.authorOrgId,
  authorOrgName: organizations.name,
  body: messages.body,
  clientId: messages.clientId,
  createdAt: messages.createdAt,
}

type MessageRow = { [K in keyof typeof messageColumns]: unknown }

function toDto(row: MessageRow): MessageDto {
  return {
    id: row.id as string,
    threadId: row.threadId as string,
    seq: Number(row.seq),
    authorId: (row.authorId as string | null) ?? null,
    authorName: (row.authorName as string | null) ?? null,
    authorOrgId: (row.authorOrgId as string | null) ?? null,
    authorOrgName: (row.authorOrgName as string | null) ?? null,
    body: row.body as string,
    clientId: (row.clientId as string | null) ?? null,
    createdAt: new Date(row.createdAt as Date).toISOString(),
  }
}

async function messageById(q: Queryable, id: string) {
  const [row] = await q
    .select(messageColumns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .leftJoin(organizations, eq(organizations.id, messages.authorOrgId))
    .where(eq(messages.id, id))
  return row ? toDto(row) : null
}

export type PostedMessage = { message: MessageDto; duplicate: boolean; orgIds: string[] }

/**
 * Saves a message (before anyone is told of it). The thread row is locked to take the next
 * sequence number, so sequence order is commit order. A retried send with the same clientId
 * hits the unique (author, clientId) index, rolls back (no seq is used up) and returns the
 * stored message instead of saving it twice.
 */
export async function postMessage(actor: Actor, input: { threadId: string; body: unknown; clientId?: string | null }): Promise<PostedMessage> {
  assertOrgMayAct(actor, 'post messages')
  const body = messageBody.safeParse(input.body)
  if (!body.success) throw invalid(body.error.issues[0]?.message ?? 'That message cannot be sent.', { body: body.error.issues.map((i) => i.message) })
  const clientId = input.clientId ? String(input.clientId).slice(0, 64) : null
  const { thread, orgIds } = await getThreadForActor(actor, input.threadId)

  const limit = await hitRateLimit(`message:${actor.userId}`, messageRateLimit.windowSeconds)
  if (limit.count > messageRateLimit.max) {
    throw new DomainError('rate_limited', `You are sending messages too fast. Wait ${describeRetryAfter(limit.retryAfterSeconds)} and try again.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    })
  }

  try {
    const saved = await db.transaction(async (tx) => {
      const [{ seq }] = await queryRows<{ seq: string }>(tx, sql`update threads set last_seq = last_seq + 1, last_message_at = now() where id = ${thread.id} returning last_seq as seq`)
      const nextSeq = Number(seq)
      const [row] = await tx
        .insert(messages)
        .values({ threadId: thread.id, seq: nextSeq, authorId: actor.userId, authorOrgId: actor.orgId, body: body.data, clientId })
        .returning({ id: messages.id, createdAt: messages.createdAt })
      await tx
        .insert(threadReads)
        .values({ threadId: thread.id, userId: actor.userId, lastReadSeq: nextSeq })
        .onConflictDoUpdate({ target: [threadReads.threadId, threadReads.userId], set: { lastReadSeq: sql`greatest(${threadReads.lastReadSeq}, ${nextSeq})`, updatedAt: new Date() } })
      await recordEvent(tx, {
        type: 'message.posted',
        actorId: actor.userId,
        orgId: actor.orgId,
        subjectType: 'thread',
        subjectId: thread.id,
        payload: {
          threadId: thread.id,
          messageId: row!.id,
          seq: nextSeq,
          kind: thread.kind,
          subjectId: thread.subjectId,
          authorName: actor.name,
          authorOrgName: actor.orgName,
          preview: body.data.slice(0, 140),
        },
        audience: { orgs: orgIds },
        // The message itself is the record; the audit trail would only duplicate its text.
        audit: false,
      })
      return { id: row!.id, seq: nextSeq, createdAt: row!.createdAt }
    })
    const message: MessageDto = {
      id: saved.id,
      threadId: thread.id,
      seq: saved.seq,
      authorId: actor.userId,
      authorName: actor.name,
      authorOrgId: actor.orgId,
      authorOrgName: actor.orgName,
      body: body.data,
      clientId,
      createdAt: new Date(saved.createdAt).toISOString(),
    }
    return { message, duplicate: false, orgIds }
  } catch (error) {
    if (clientId && isUniqueViolation(error)) {
      const [existing] = await db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.authorId, actor.userId), eq(messages.clientId, clientId)))
      if (existing) return { message: (await messageById(db, existing.id))!, duplicate: true, orgIds }
    }
    throw error
  }
}

/** Messages after `afterSeq`, oldest first; `hasMore` when the page was full. */
export async function listMessages(actor: Actor, threadId: string, { afterSeq = 0, limit = 200 }: { afterSeq?: number; limit?: number } = {}) {
  const { thread } = await getThreadForActor(actor, threadId)
  return messagesOf(thread, afterSeq, limit)
}

/** The messages of a thread the caller has already checked the actor may read. */
async function messagesOf(thread: Thread, afterSeq: number, limit: number) {
  const size = Math.min(Math.max(1, limit), 500)
  const rows = await db
    .select(messageColumns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .leftJoin(organizations, eq(organizations.id, messages.authorOrgId))
    .where(and(eq(messages.threadId, thread.id), gt(messages.seq, afterSeq)))
    .orderBy(asc(messages.seq))
    .limit(size + 1)
  const hasMore = rows.length > size
  return { thread, messages: rows.slice(0, size).map(toDto), hasMore, lastSeq: Number(thread.lastSeq) }
}

/** The most recent messages (for a page's first render). */
export async function recentMessages(actor: Actor, threadId: string, limit = 100) {
  const { thread } = await getThreadForActor(actor, threadId)
  return messagesOf(thread, Math.max(0, Number(thread.lastSeq) - limit), limit)
}

/** Moves the actor's read cursor forward (never back); returns what is still unread. */
export async function markThreadRead(actor: Actor, threadId: string, seq: number) {
  const { thread } = await getThreadForActor(actor, threadId)
  const upTo = Math.min(Math.max(0, Math.floor(seq)), Number(thread.lastSeq))
  await db
    .insert(threadReads)
    .values({ threadId, userId: actor.userId, lastReadSeq: upTo })
    .onConflictDoUpdate({ target: [threadReads.threadId, threadReads.userId], set: { lastReadSeq: sql`greatest(${threadReads.lastReadSeq}, ${upTo})`, updatedAt: new Date() } })
  const [row] = await db
    .select({ lastReadSeq: threadReads.lastReadSeq })
    .from(threadReads)
    .where(and(eq(threadReads.threadId, threadId), eq(threadReads.userId, actor.userId)))
  return Math.max(0, Number(thread.lastSeq) - Number(row?.lastReadSeq ?? 0))
}

/**
 * Unread messages per thread for the actor (messages by others after the read cursor). Threads
 * the actor cannot see are simply absent; callers pass ids they already checked.
 */
export async function unreadCounts(actor: Actor, threadIds: string[]): Promise<Record<string, number>> {
  if (threadIds.length === 0) return {}
  const rows = await db
    .select({
      threadId: messages.threadId,
      n: sql<number>`count(*)::int`,
    })
    .from(messages)
    .leftJoin(threadReads, and(eq(threadReads.threadId, messages.threadId), eq(threadReads.userId, actor.userId)))
    .where(and(inArray(messages.threadId, threadIds), sql`${messages.seq} > coalesce(${threadReads.lastReadSeq}, 0)`, sql`${messages.authorId} is distinct from ${actor.userId}`))
    .groupBy(messages.threadId)
  return Object.fromEntries(rows.map((r) => [r.threadId, Number(r.n)]))
}
