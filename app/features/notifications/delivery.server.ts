import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import { notifications } from '#db/schema/platform.ts'
import { notificationDigestItems, notificationDigests, notificationPreferences, NOTIFICATION_KINDS, type EmailMode, type NotificationKind } from '#db/schema/referrals.ts'
import { env } from '#app/env.server.ts'
import { recordEvent, type DomainEvent } from '#app/features/events/outbox.server.ts'
import type { NotificationPlan, Recipients } from '#app/core/module.ts'
import { queueMail } from '#app/features/mail/mail.server.ts'
import { z } from 'zod'
import type { Actor } from '#app/features/auth/actor.ts'
import { invalid } from '#app/utils/errors.ts'

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
  cosell: 'Co-sell invitations, answers and tasks for my organization',
  connection: 'Account-mapping connection requests and answers (admins)',
  listing: 'Reviews of our listings, and integration requests and answers (admins)',
  team: 'Someone joins through my invitation, or my role changes',
  organization: 'My organization is approved, rejected, suspended or reinstated',
  application: "A company applies to become a partner (the vendor's admins)",
  lead: 'A visitor contacts my organization from its profile or a listing (admins)',
  community: 'Replies to my community topics, and my answers being accepted',
  partnership: 'Strategic partnerships: stages, sign-off requests, commitments due or overdue, review reminders',
  registration: 'Deal registrations: decisions, extensions, reminders before expiry, and conflict reviews (admins; the vendor: new registrations)',
  webhook: 'A webhook endpoint of my organization is disabled after failing deliveries (admins)',
  program: "Partner program tier decisions for my organization (admins), and tier proposals (the vendor's admins)",
}

export const DEFAULT_PREFERENCES: Record<NotificationKind, { inApp: boolean; email: EmailMode }> = {
  referral_received: { inApp: true, email: 'immediate' },
  referral_updated: { inApp: true, email: 'immediate' },
  fee_updated: { inApp: true, email: 'immediate' },
  message: { inApp: false, email: 'off' },
  endorsement: { inApp: true, email: 'daily' },
  cosell: { inApp: true, email: 'off' },
  connection: { inApp: true, email: 'off' },
  listing: { inApp: true, email: 'immediate' },
  team: { inApp: true, email: 'off' },
  organization: { inApp: true, email: 'off' },
  application: { inApp: true, email: 'off' },
  lead: { inApp: true, email: 'immediate' },
  community: { inApp: true, email: 'daily' },
  partnership: { inApp: true, email: 'daily' },
  registration: { inApp: true, email: 'immediate' },
  webhook: { inApp: true, email: 'immediate' },
  program: { inApp: true, email: 'immediate' },
}

type Member = { userId: string; email: string; orgId: string; role: string }

/**
 * Everyone the plans of one batch name, in a constant number of queries: members (with their
 * role) of every org named, named users, and the vendor's admins.
 */
async function resolveRecipients(tx: Queryable, plans: NotificationPlan[]) {
  const orgIds = [...new Set(plans.flatMap((p) => [...(p.to.members ?? []), ...(p.to.admins ?? [])]))]
  const userIds = [...new Set(plans.flatMap((p) => p.to.users ?? []))]
  const wantsVendor = plans.some((p) => p.to.vendorAdmins)
  const select = { userId: users.id, email: users.email, orgId: memberships.orgId, role: memberships.role }
  const conditions = [
    orgIds.length ? inArray(memberships.orgId, orgIds) : undefined,
    userIds.length ? inArray(memberships.userId, userIds) : undefined,
    wantsVendor ? and(eq(organizations.kind, 'vendor'), eq(memberships.role, 'vendor_admin')) : undefined,
  ].filter(Boolean)
  const rows: (Member & { orgKind: string })[] = conditions.length
    ? await tx
        .select({ ...select, orgKind: organizations.kind })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(organizations, eq(organizations.id, memberships.orgId))
        .where(or(...conditions))
    : []
  return (to: Recipients): Member[] => {
    const found = new Map<string, Member>()
    for (const r of rows) {
      const named =
        (to.members ?? []).includes(r.orgId) ||
        ((to.admins ?? []).includes(r.orgId) && ADMIN_ROLES.includes(r.role)) ||
        (to.users ?? []).includes(r.userId) ||
        (to.vendorAdmins === true && r.orgKind === 'vendor' && r.role === 'vendor_admin')
      if (named && !found.has(r.userId)) found.set(r.userId, r)
    }
    return [...found.values()]
  }
}
const ADMIN_ROLES = ['partner_admin', 'vendor_admin']

export async function preferencesFor(q: Queryable, userIds: string[], kind: NotificationKind) {
  const rows = userIds.length
    ? await q
        .select()
        .from(notificationPreferences)
        .where(and(inArray(notificationPreferences.userId, userIds), eq(notificationPreferences.kind, kind)))
    : []
  const map = new Map(rows.map((r) => [r.userId, { inApp: r.inApp === 1, email: r.email }]))
  return (userId: string) => map.get(userId) ?? DEFAULT_PREFERENCES[kind]
}

/**
 * The consumer: turns a batch of events into notifications, emails and digest items, inside the
 * transaction that holds the consumer's lease (so they commit with the cursor move). Returns how
 * many bell events (`notification.created`) it recorded, so its caller wakes the relay only then.
 */
export async function deliverNotifications(events: DomainEvent[], tx: Queryable): Promise<number> {
  // Each event's plan comes from the module that declares its type. Imported here, not at the top:
  // the module list imports this file (through the notifications module).
  const { notificationPlan } = await import('#app/modules.server.ts')
  const plans: { e: DomainEvent; plan: NotificationPlan }[] = []
  for (const e of events) {
    const plan = notificationPlan(e)
    if (plan) plans.push({ e, plan })
  }
  if (plans.length === 0) return 0
  const origin = env().APP_ORIGIN ?? `http://localhost:${env().PORT}`
  const recipientsOf = await resolveRecipients(
    tx,
    plans.map((p) => p.plan),
  )
  const everyone = [...new Set(plans.flatMap((p) => recipientsOf(p.plan.to).map((m) => m.userId)))]
  if (everyone.length === 0) return 0
  const prefRows = await tx.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, everyone))
  const prefMap = new Map(prefRows.map((r) => [`${r.userId}:${r.kind}`, { inApp: r.inApp === 1, email: r.email }]))
  const pref = (userId: string, kind: NotificationKind) => prefMap.get(`${userId}:${kind}`) ?? DEFAULT_PREFERENCES[kind]
  const now = new Date()
  type Row = { userId: string; email: string; orgId: string; kind: NotificationKind; title: string; body: string | null; link: string; eventId: number; inApp: boolean; emailMode: EmailMode }
  const rows: Row[] = []
  for (const { e, plan } of plans) {
    for (const m of recipientsOf(plan.to)) {
      // Nobody is told of what they did themselves.
      if (m.userId === e.actorId) continue
      const p = pref(m.userId, plan.kind)
      if (!p.inApp && p.email === 'off') continue // nothing to deliver
      rows.push({
        userId: m.userId,
        email: m.email,
        orgId: m.orgId,
        kind: plan.kind,
        title: plan.title.slice(0, 300),
        body: plan.body ?? null,
        link: plan.link,
        eventId: e.id,
        inApp: p.inApp,
        emailMode: p.email,
      })
    }
  }
  if (rows.length === 0) return 0
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
  return bellUsers.size
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
  return kindsFor(actor).map((kind) => ({ kind, label: KIND_LABELS[kind], ...(map.get(kind) ?? DEFAULT_PREFERENCES[kind]) }))
}

const PreferencesSchema = z
  .object(
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
  .partial()

/** Kinds only the vendor's team receives are not offered to partners. */
const VENDOR_ONLY_KINDS: NotificationKind[] = ['application']
const kindsFor = (actor: Actor) => NOTIFICATION_KINDS.filter((kind) => actor.orgKind === 'vendor' || !VENDOR_ONLY_KINDS.includes(kind))

/**
 * Form fields `<kind>.inApp` (checkbox) and `<kind>.email` (off|immediate|daily). A kind the form
 * does not carry (an older form, a kind added since) keeps what it was.
 */
export async function updatePreferences(actor: Actor, form: Record<string, unknown>) {
  const present = kindsFor(actor).filter((k) => form[`${k}.email`] !== undefined || form[`${k}.inApp`] !== undefined)
  if (present.length === 0) throw invalid('Your preferences were not saved: the form carried none of them.')
  const shaped = Object.fromEntries(present.map((k) => [k, { inApp: form[`${k}.inApp`] ?? false, email: form[`${k}.email`] }]))
  const parsed = PreferencesSchema.safeParse(shaped)
  if (!parsed.success) throw invalid('Your preferences were not saved: ' + parsed.error.issues[0]!.message)
  await db.transaction(async (tx) => {
    for (const kind of present) {
      const v = parsed.data[kind]!
      const values = { userId: actor.userId, kind, inApp: v.inApp ? 1 : 0, email: v.email, updatedAt: new Date() }
      await tx
        .insert(notificationPreferences)
        .values(values)
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: values })
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
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(eq(notifications.userId, actor.userId))
  return Number(row?.n ?? 0)
}
