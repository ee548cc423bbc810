import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '../../../db/client.server.ts'
import { users } from '../../../db/schema/auth.ts'
import { memberships } from '../../../db/schema/orgs.ts'
import { notifications } from '../../../db/schema/platform.ts'
import { notificationDigestItems, notificationDigests, notificationPreferences, NOTIFICATION_KINDS, type EmailMode, type NotificationKind } from '../../../db/schema/referrals.ts'
import { env } from '../../env.server.ts'
import { recordEvent, type DomainEvent } from '../events/outbox.server.ts'
import { queueMail } from '../mail/mail.server.ts'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import { invalid } from '../../utils/errors.ts'

/**
 * Notifications are delivered from domain_events by an outbox consumer: a crash replays the
 * batch and the unique (user_id, event_id) index keeps every notification (and its email) to one.
 */
export const NOTIFICATION_CONSUMER = 'notifications'

export const KIND_LABELS: Record<NotificationKind, string> = {
  referral_received: 'A referral is sent to my organization (and reminders)',
  referral_updated: 'A referral my organization is part of changes status',
  fee_updated: 'A referral fee is marked paid or confirmed',
  message: 'A new message in a conversation my organization is part of',
  endorsement: 'My organization receives an endorsement',
}

export const DEFAULT_PREFERENCES: Record<NotificationKind, { inApp: boolean; email: EmailMode }> = {
  referral_received: { inApp: true, email: 'immediate' },
  referral_updated: { inApp: true, email: 'immediate' },
  fee_updated: { inApp: true, email: 'immediate' },
  message: { inApp: false, email: 'off' },
  endorsement: { inApp: true, email: 'daily' },
}

type Planned = { kind: NotificationKind; orgIds: string[]; excludeUserId: string | null; title: string; body?: string; link: string }

function str(v: unknown) {
  return typeof v === 'string' ? v : ''
}

/** What an event means for people: who hears of it, and how it reads. Null: nobody. */
export function planNotification(e: DomainEvent): Planned | null {
  const p = e.payload
  const link = `/referrals/${e.subjectId}`
  const other = (actorOrg: string | null) => [str(p.fromOrgId), str(p.toOrgId)].filter((o) => o && o !== actorOrg)
  switch (e.type) {
    case 'referral.submitted':
      return { kind: 'referral_received', orgIds: [str(p.toOrgId)], excludeUserId: e.actorId, title: `New referral from ${str(p.fromOrgName)}: ${str(p.accountName)}`, body: 'Accept or decline it, and review the proposed fee.', link }
    case 'referral.reminder':
      return { kind: 'referral_received', orgIds: [str(p.toOrgId)], excludeUserId: null, title: `Reminder: the referral for ${str(p.accountName)} is waiting for your answer`, body: `It expires in ${Number(p.expiresInHours ?? 0)} hours.`, link }
    case 'referral.accepted':
    case 'referral.declined':
    case 'referral.in_progress':
    case 'referral.won':
    case 'referral.lost': {
      const to = e.type.slice('referral.'.length).replace('_', ' ')
      const title = p.expired ? `The referral for ${str(p.accountName)} expired unanswered` : `${str(p.actorOrgName) || 'The other partner'} marked the referral for ${str(p.accountName)} ${to}`
      const orgIds = p.expired ? [str(p.fromOrgId), str(p.toOrgId)] : other(e.orgId)
      return { kind: 'referral_updated', orgIds, excludeUserId: e.actorId, title, link }
    }
    case 'referral.conflict_resolved':
      // The sender is told only when it was shown the conflict (see referrals/conflicts.server.ts).
      return { kind: 'referral_updated', orgIds: p.senderSawConflict === true ? [str(p.fromOrgId), str(p.toOrgId)] : [str(p.toOrgId)], excludeUserId: e.actorId, title: `The vendor resolved the conflict on the referral for ${str(p.accountName)}`, link }
    case 'fee.paid':
      return { kind: 'fee_updated', orgIds: [str(p.fromOrgId)], excludeUserId: e.actorId, title: 'A referral fee was marked paid: confirm you received it', link: '/referrals/ledger' }
    case 'fee.confirmed':
      return { kind: 'fee_updated', orgIds: [str(p.toOrgId)], excludeUserId: e.actorId, title: 'Your referral fee payment was confirmed', link: '/referrals/ledger' }
    case 'endorsement.created':
      return { kind: 'endorsement', orgIds: [str(p.toOrgId)], excludeUserId: e.actorId, title: `${str(p.fromOrgName)} endorsed your organization (${Number(p.rating)}/5)`, link }
    case 'message.posted': {
      const subjectLink = str(p.kind) === 'referral' ? `/referrals/${str(p.subjectId)}` : str(p.kind) === 'cosell' ? `/cosell/${str(p.subjectId)}` : '/notifications'
      return { kind: 'message', orgIds: e.audience.orgs ?? [], excludeUserId: e.actorId, title: `${str(p.authorName)} (${str(p.authorOrgName)}): ${str(p.preview).slice(0, 80)}`, link: subjectLink }
    }
    default:
      return null
  }
}

export async function preferencesFor(q: Queryable, userIds: string[], kind: NotificationKind) {
  const rows = userIds.length
    ? await q.select().from(notificationPreferences).where(and(inArray(notificationPreferences.userId, userIds), eq(notificationPreferences.kind, kind)))
    : []
  const map = new Map(rows.map((r) => [r.userId, { inApp: r.inApp === 1, email: r.email }]))
  return (userId: string) => map.get(userId) ?? DEFAULT_PREFERENCES[kind]
}

/**
 * The consumer: turns a batch of events into notifications, emails and digest items, inside the
 * transaction that holds the consumer's lease (so they commit with the cursor move).
 */
export async function deliverNotifications(events: DomainEvent[], tx: Queryable) {
  const plans = events.map((e) => ({ e, plan: planNotification(e) })).filter((x): x is { e: DomainEvent; plan: Planned } => !!x.plan && x.plan.orgIds.length > 0)
  if (plans.length === 0) return
  const origin = env().APP_ORIGIN ?? `http://localhost:${env().PORT}`
  // A constant number of queries per batch, whatever its size: members of every org involved,
  // every preference of those members, one insert for all notifications.
  const orgIds = [...new Set(plans.flatMap((p) => p.plan.orgIds))]
  const members = await tx
    .select({ userId: users.id, email: users.email, orgId: memberships.orgId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.orgId, orgIds))
  if (members.length === 0) return
  const byOrg = new Map<string, typeof members>()
  for (const m of members) byOrg.set(m.orgId, [...(byOrg.get(m.orgId) ?? []), m])
  const prefRows = await tx.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, [...new Set(members.map((m) => m.userId))]))
  const prefMap = new Map(prefRows.map((r) => [`${r.userId}:${r.kind}`, { inApp: r.inApp === 1, email: r.email }]))
  const pref = (userId: string, kind: NotificationKind) => prefMap.get(`${userId}:${kind}`) ?? DEFAULT_PREFERENCES[kind]
  const now = new Date()
  type Row = { userId: string; email: string; orgId: string; kind: NotificationKind; title: string; body: string | null; link: string; eventId: number; inApp: boolean; emailMode: EmailMode }
  const rows: Row[] = []
  for (const { e, plan } of plans) {
    for (const orgId of new Set(plan.orgIds)) {
      for (const m of byOrg.get(orgId) ?? []) {
        if (m.userId === plan.excludeUserId) continue
        const p = pref(m.userId, plan.kind)
        if (!p.inApp && p.email === 'off') continue // nothing to deliver
        rows.push({ userId: m.userId, email: m.email, orgId, kind: plan.kind, title: plan.title.slice(0, 300), body: plan.body ?? null, link: plan.link, eventId: e.id, inApp: p.inApp, emailMode: p.email })
      }
    }
  }
  if (rows.length === 0) return
  const inserted = await tx
    .insert(notifications)
    .values(
      rows.map((r) => ({
        userId: r.userId,
        orgId: r.orgId,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        eventId: r.eventId,
        // In-app off: kept in the history as already read, so the bell does not ring.
        readAt: r.inApp ? null : now,
      })),
    )
    .onConflictDoNothing({ target: [notifications.userId, notifications.eventId] })
    .returning({ userId: notifications.userId, eventId: notifications.eventId })
  // Only what this run inserted is mailed: a replayed batch sends nothing twice.
  const fresh = new Set(inserted.map((r) => `${r.userId}:${r.eventId}`))
  const bellUsers = new Set<string>()
  const digest: (typeof notificationDigestItems.$inferInsert)[] = []
  for (const r of rows) {
    if (!fresh.has(`${r.userId}:${r.eventId}`)) continue
    if (r.inApp) bellUsers.add(r.userId)
    if (r.emailMode === 'immediate') {
      await queueMail(tx, {
        to: r.email,
        subject: r.title.slice(0, 200),
        text: `${r.title}\n\n${r.body ? `${r.body}\n\n` : ''}Open it: ${origin}${r.link}\n\nChange what you receive: ${origin}/notifications#preferences`,
      })
    } else if (r.emailMode === 'daily') {
      digest.push({ userId: r.userId, eventId: r.eventId, title: r.title, link: r.link })
    }
  }
  if (digest.length) await tx.insert(notificationDigestItems).values(digest).onConflictDoNothing()
  if (bellUsers.size > 0) {
    const counts = await tx
      .select({ userId: notifications.userId, n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(inArray(notifications.userId, [...bellUsers]), isNull(notifications.readAt)))
      .groupBy(notifications.userId)
    const byUser = new Map(counts.map((c) => [c.userId, Number(c.n)]))
    for (const userId of bellUsers) {
      await recordEvent(tx, {
        type: 'notification.created',
        subjectType: 'user',
        subjectId: userId,
        payload: { unread: byUser.get(userId) ?? 0 },
        audience: { users: [userId] },
        audit: false,
      })
    }
  }
}

/**
 * Sends each user with waiting items one digest email a day. Claiming is one UPDATE … RETURNING
 * per step, so any number of nodes can run it.
 */
export async function runDailyDigest(now = new Date()) {
  const origin = env().APP_ORIGIN ?? `http://localhost:${env().PORT}`
  return db.transaction(async (tx) => {
    const waiting = await queryRows<{ user_id: string }>(tx, sql`select distinct user_id from notification_digest_items where sent_at is null`)
    if (waiting.length === 0) return 0
    for (const { user_id } of waiting) await tx.insert(notificationDigests).values({ userId: user_id }).onConflictDoNothing()
    const due = await queryRows<{ user_id: string }>(
      tx,
      sql`update notification_digests set last_sent_at = ${now.toISOString()}::timestamptz
          where (last_sent_at is null or last_sent_at <= ${new Date(now.getTime() - 24 * 3600_000).toISOString()}::timestamptz)
            and user_id in (select distinct user_id from notification_digest_items where sent_at is null)
          returning user_id`,
    )
    let sent = 0
    for (const { user_id } of due) {
      const items = await queryRows<{ title: string; link: string | null }>(
        tx,
        sql`update notification_digest_items set sent_at = ${now.toISOString()}::timestamptz where user_id = ${user_id} and sent_at is null returning title, link`,
      )
      const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, user_id))
      if (!user || items.length === 0) continue
      await queueMail(tx, {
        to: user.email,
        subject: `Your daily Partner Hub digest: ${items.length} update${items.length === 1 ? '' : 's'}`,
        text: `${items.map((i) => `• ${i.title}${i.link ? `\n  ${origin}${i.link}` : ''}`).join('\n')}\n\nChange what you receive: ${origin}/notifications#preferences`,
      })
      sent++
    }
    return sent
  })
}

// ---------------------------------------------------------------- preferences ------------------

export async function getPreferences(actor: Actor) {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, actor.userId))
  const map = new Map(rows.map((r) => [r.kind, { inApp: r.inApp === 1, email: r.email }]))
  return NOTIFICATION_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], ...(map.get(kind) ?? DEFAULT_PREFERENCES[kind]) }))
}

const PreferencesSchema = z.object(
  Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [
      k,
      z.object({
        inApp: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
        email: z.enum(['off', 'immediate', 'daily'], { errorMap: () => ({ message: 'Choose off, immediately or in the daily digest.' }) }),
      }),
    ]),
  ) as unknown as Record<NotificationKind, z.ZodType<{ inApp: boolean; email: EmailMode }, z.ZodTypeDef, unknown>>,
)

/** Form fields `<kind>.inApp` (checkbox) and `<kind>.email` (off|immediate|daily). */
export async function updatePreferences(actor: Actor, form: Record<string, unknown>) {
  const shaped = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { inApp: form[`${k}.inApp`] ?? false, email: form[`${k}.email`] }]))
  const parsed = PreferencesSchema.safeParse(shaped)
  if (!parsed.success) throw invalid('Your preferences were not saved: ' + parsed.error.issues[0]!.message)
  await db.transaction(async (tx) => {
    for (const kind of NOTIFICATION_KINDS) {
      const v = parsed.data[kind]
      const values = { userId: actor.userId, kind, inApp: v.inApp ? 1 : 0, email: v.email, updatedAt: new Date() }
      await tx.insert(notificationPreferences).values(values).onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: values })
    }
    await recordEvent(tx, { type: 'notification_preferences.updated', actorId: actor.userId, orgId: actor.orgId, subjectType: 'user', subjectId: actor.userId, payload: parsed.data })
  })
}

export async function markNotificationRead(actor: Actor, id: string) {
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id })
  return updated.length > 0
}

export async function countNotifications(actor: Actor) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(eq(notifications.userId, actor.userId))
  return Number(row?.n ?? 0)
}
