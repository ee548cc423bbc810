import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { notifications } from '#db/schema/platform.ts'
import type { Actor } from '#app/features/auth/actor.ts'

export type NewNotification = { userId: string; orgId?: string | null; kind: string; title: string; body?: string; link?: string; eventId?: number }

export async function notify(q: Queryable, items: NewNotification[]) {
  if (items.length === 0) return
  await q.insert(notifications).values(items.map((n) => ({ ...n, orgId: n.orgId ?? null, body: n.body ?? null, link: n.link ?? null, eventId: n.eventId ?? null })))
}

export async function unreadNotificationCount(actor: Actor) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
  return Number(row?.n ?? 0)
}

export async function listNotifications(actor: Actor, { limit = 30, offset = 0 } = {}) {
  return db.select().from(notifications).where(eq(notifications.userId, actor.userId)).orderBy(desc(notifications.createdAt)).limit(limit).offset(offset)
}

export async function markAllRead(actor: Actor) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
}
