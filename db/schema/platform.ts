import { sql } from 'drizzle-orm'
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'

/** Who should hear of an event live: rooms `org:<id>` and `user:<id>`. */
/**
 * Who receives an event live: every member of some orgs, named users, the vendor's team, and
 * `rooms`, socket.io rooms a socket joins only after a permission check (e.g. a community topic's
 * viewers; see `app/features/community/live.server.ts`).
 */
export type EventAudience = { orgs?: string[]; users?: string[]; vendor?: boolean; rooms?: string[] }

/**
 * The transactional outbox. `txid` is the writing transaction's id: consumers read in
 * (txid, id) order and only below the oldest running transaction, so a slow commit is never
 * skipped past.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    txid: bigint('txid', { mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
    type: text('type').notNull(),
    orgId: text('org_id'),
    actorId: text('actor_id'),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    audience: jsonb('audience').$type<EventAudience>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('domain_events_order_idx').on(t.txid, t.id), index('domain_events_subject_idx').on(t.subjectType, t.subjectId)],
)

export const outboxCursors = pgTable('outbox_cursors', {
  consumer: text('consumer').primaryKey(),
  lastTxid: bigint('last_txid', { mode: 'number' }).notNull().default(0),
  lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
  failures: integer('failures').notNull().default(0),
  lastError: text('last_error'),
  retryAt: timestamp('retry_at', { withTimezone: true, mode: 'date' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id'),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_idx').on(t.orgId, t.createdAt), index('audit_log_subject_idx').on(t.subjectType, t.subjectId)],
)

/** Fixed-window counters shared by every app node. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
})

/**
 * Outgoing mail, written in the same transaction as the change that causes it. With SMTP_URL a
 * worker delivers `pending` rows; without it they stay `stored` and are listed at /dev/mail.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    status: text('status', { enum: ['stored', 'pending', 'sent', 'failed'] })
      .notNull()
      .default('stored'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('mail_messages_created_idx').on(t.createdAt), index('mail_messages_status_idx').on(t.status)],
)

export const notifications = pgTable(
  'notifications',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    userId: text('user_id').notNull(),
    orgId: text('org_id'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    eventId: bigint('event_id', { mode: 'number' }),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    /** The notifications consumer is idempotent by event: one notification per user per event. */
    uniqueIndex('notifications_user_event_key').on(t.userId, t.eventId),
  ],
)
