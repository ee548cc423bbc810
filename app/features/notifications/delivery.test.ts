import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { mailMessages, notifications, outboxCursors } from '#db/schema/index.ts'
import { createPartner } from '#tests/factories/index.ts'
import { processBatch } from '#app/features/events/outbox.server.ts'
import { postMessage, findThread } from '#app/features/messaging/threads.server.ts'
import { acceptReferral, submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { deliverNotifications, getPreferences, markNotificationRead, runDailyDigest, updatePreferences } from '#app/features/notifications/delivery.server.ts'
import { unreadNotificationCount } from '#app/features/notifications/notifications.server.ts'

type P = Awaited<ReturnType<typeof createPartner>>
let nw: P
let bp: P
let other: P
const CONSUMER = 'notifications-test'

async function drain() {
  while (((await processBatch(CONSUMER, deliverNotifications)) ?? 0) > 0) {
    // keep draining until the consumer has nothing left
  }
}
async function count(table: 'notifications' | 'mail_messages', where = sql`true`) {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`)
  return Number(r!.n)
}
const referral = (to: string, domain: string) => ({ toOrg: to, accountName: `Acct ${domain}`, accountDomain: domain, need: 'Needs notifications tested', feeType: 'percent', feePercent: '5' })

beforeAll(async () => {
  nw = await createPartner({ name: 'Northwind N' })
  bp = await createPartner({ name: 'Bluepeak N' })
  other = await createPartner({ name: 'Other N' })
})

describe('notifications from the outbox', () => {
  it('notifies the receiving org (not the actor), mails by default, and a replayed batch delivers nothing twice', async () => {
    const r = await submitReferral(nw.admin, referral(bp.org.slug, 'notify-one.example.com'))
    await drain()
    const rows = await db
      .select()
      .from(notifications)
      .where(sql`${notifications.link} = ${`/referrals/${r.id}`}`)
    expect(rows.map((n) => n.userId).sort()).toEqual([bp.admin.userId, bp.member.userId].sort())
    expect(rows[0]!.title).toContain('New referral from Northwind N')
    expect(await unreadNotificationCount(bp.member)).toBeGreaterThanOrEqual(1)
    const mails = await count('mail_messages', sql`subject like ${'New referral from Northwind N%'}`)
    expect(mails).toBe(2)

    // Crash after delivery but before the cursor moved: replay everything from the start.
    await db.update(outboxCursors).set({ lastTxid: 0, lastId: 0 }).where(eq(outboxCursors.consumer, CONSUMER))
    await drain()
    expect(
      await db
        .select()
        .from(notifications)
        .where(sql`${notifications.link} = ${`/referrals/${r.id}`}`),
    ).toHaveLength(2)
    expect(await count('mail_messages', sql`subject like ${'New referral from Northwind N%'}`)).toBe(2)
    // Bell events for the live count were recorded for each recipient.
    const bells = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from domain_events where type = 'notification.created' and subject_id = ${bp.member.userId}`)
    expect(Number(bells[0]!.n)).toBeGreaterThanOrEqual(1)
  })

  it('follows each user’s preferences: in-app off, e-mail off, daily digest once a day', async () => {
    await updatePreferences(bp.member, {
      'referral_received.inApp': 'false',
      'referral_received.email': 'daily',
      'referral_updated.inApp': 'on',
      'referral_updated.email': 'off',
      'fee_updated.inApp': 'on',
      'fee_updated.email': 'immediate',
      'message.inApp': 'on',
      'message.email': 'off',
      'endorsement.inApp': 'on',
      'endorsement.email': 'daily',
    })
    await expect(updatePreferences(bp.member, { 'referral_received.email': 'weekly' })).rejects.toThrow(/not saved/)
    const prefs = await getPreferences(bp.member)
    expect(prefs.find((p) => p.kind === 'referral_received')).toMatchObject({ inApp: false, email: 'daily' })
    expect((await getPreferences(bp.admin)).find((p) => p.kind === 'referral_received')).toMatchObject({ inApp: true, email: 'immediate' })

    const unreadBefore = await unreadNotificationCount(bp.member)
    const mailsBefore = await count('mail_messages', sql`"to" = ${bp.member.email}`)
    const r = await submitReferral(nw.admin, referral(bp.org.slug, 'notify-two.example.com'))
    await drain()
    const [mine] = await db
      .select()
      .from(notifications)
      .where(sql`${notifications.userId} = ${bp.member.userId} and ${notifications.link} = ${`/referrals/${r.id}`}`)
    expect(mine!.readAt).not.toBeNull() // kept in history, does not ring the bell
    expect(await unreadNotificationCount(bp.member)).toBe(unreadBefore)
    expect(await count('mail_messages', sql`"to" = ${bp.member.email}`)).toBe(mailsBefore)

    // A message in the thread now reaches the member in the bell (message.inApp on), nobody by mail.
    const thread = await findThread(db, 'referral', r.id)
    await postMessage(nw.member, { threadId: thread!.id, body: 'Hello from the thread', clientId: 'n-1' })
    await acceptReferral(bp.admin, r.id, { acceptTerms: true })
    await drain()
    expect(await unreadNotificationCount(bp.member)).toBe(unreadBefore + 1)
    // The sender's org hears of the acceptance.
    expect(await count('notifications', sql`user_id = ${nw.member.userId} and title like ${'%marked the referral%accepted%'}`)).toBe(1)

    const sent = await runDailyDigest()
    expect(sent).toBeGreaterThanOrEqual(1)
    const digest = await db
      .select()
      .from(mailMessages)
      .where(sql`${mailMessages.to} = ${bp.member.email} and ${mailMessages.subject} like 'Your daily Partner Hub digest%'`)
    expect(digest).toHaveLength(1)
    expect(digest[0]!.text).toContain('New referral from Northwind N')
    // Not twice the same day, even with new items waiting.
    await submitReferral(nw.admin, referral(bp.org.slug, 'notify-three.example.com'))
    await drain()
    await runDailyDigest()
    expect(
      await db
        .select()
        .from(mailMessages)
        .where(sql`${mailMessages.to} = ${bp.member.email} and ${mailMessages.subject} like 'Your daily Partner Hub digest%'`),
    ).toHaveLength(1)
    // A day later the waiting item goes out.
    await runDailyDigest(new Date(Date.now() + 25 * 3600_000))
    expect(
      await db
        .select()
        .from(mailMessages)
        .where(sql`${mailMessages.to} = ${bp.member.email} and ${mailMessages.subject} like 'Your daily Partner Hub digest%'`),
    ).toHaveLength(2)
  })

  it('nobody outside the referral is notified, and a user can only mark their own notifications read', async () => {
    await drain()
    expect(await count('notifications', sql`user_id in (${other.admin.userId}, ${other.member.userId})`)).toBe(0)
    const [n] = await db.select().from(notifications).where(eq(notifications.userId, bp.admin.userId)).limit(1)
    expect(await markNotificationRead(other.admin, n!.id)).toBe(false)
    expect(await markNotificationRead(nw.admin, n!.id)).toBe(false)
    expect(await markNotificationRead(bp.admin, n!.id)).toBe(true)
  })
})
