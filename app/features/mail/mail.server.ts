import { desc, eq, inArray, sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import { db, type Queryable } from '#db/client.server.ts'
import { mailMessages } from '#db/schema/platform.ts'
import { appOrigin, env } from '#app/env.server.ts'

/**
 * The mail log at /dev/mail: on when no SMTP server is configured outside production, or when
 * DEMO=1 (the offline demo runs in production mode and still needs its mail).
 */
export function mailLogEnabled() {
  const config = env()
  if (config.DEMO) return true
  return !config.SMTP_URL && config.NODE_ENV !== 'production'
}

/**
 * An absolute link for a mail, always on the configured origin (`appOrigin()`): never on the
 * origin a request came to, which a forged Host header would turn into someone else's site.
 */
export function linkTo(path: string) {
  const origin = appOrigin()
  const url = path.startsWith('/') ? new URL(path, origin) : null
  if (!url || url.origin !== origin) throw new Error(`linkTo takes a path on this site, got ${JSON.stringify(path)}`)
  return url.toString()
}

export type Mail = { to: string; subject: string; text: string; html?: string }

/**
 * Queues a message in the caller's transaction. With SMTP_URL it is delivered by the mail
 * worker after commit; without it, it is kept for /dev/mail.
 */
export async function queueMail(q: Queryable, mail: Mail) {
  const status = env().SMTP_URL ? 'pending' : 'stored'
  const [row] = await q
    .insert(mailMessages)
    .values({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null, status })
    .returning({ id: mailMessages.id })
  return row!.id
}

export async function listMail({ limit = 50, offset = 0, to }: { limit?: number; offset?: number; to?: string } = {}) {
  const where = to ? eq(mailMessages.to, to.toLowerCase()) : undefined
  const rows = await db.select().from(mailMessages).where(where).orderBy(desc(mailMessages.createdAt)).limit(limit).offset(offset)
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(mailMessages)
    .where(where)
  return { rows, total: Number(total) }
}

export async function getMail(id: string) {
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id))
  return row ?? null
}

let transport: ReturnType<typeof nodemailer.createTransport> | undefined

/** Delivers pending mail by SMTP; failures stay pending (retried) until 5 attempts, then `failed`. */
export async function deliverPendingMail(limit = 50) {
  const url = env().SMTP_URL
  if (!url) return 0
  transport ??= nodemailer.createTransport(url)
  const pending = await db.select().from(mailMessages).where(eq(mailMessages.status, 'pending')).orderBy(mailMessages.createdAt).limit(limit)
  let sent = 0
  for (const message of pending) {
    try {
      await transport.sendMail({ from: env().MAIL_FROM, to: message.to, subject: message.subject, text: message.text, html: message.html ?? undefined })
      await db
        .update(mailMessages)
        .set({ status: 'sent', sentAt: new Date(), attempts: message.attempts + 1 })
        .where(eq(mailMessages.id, message.id))
      sent++
    } catch (error) {
      const attempts = message.attempts + 1
      await db
        .update(mailMessages)
        .set({ attempts, status: attempts >= 5 ? 'failed' : 'pending', lastError: String(error).slice(0, 500) })
        .where(inArray(mailMessages.id, [message.id]))
    }
  }
  return sent
}
