import { sql } from 'drizzle-orm'
import { bigint, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'

/**
 * Conversation threads about a subject (a referral, a co-sell opportunity, or a direct
 * conversation). Who may read a thread is decided by the check registered for its kind, plus
 * any org invited into it. Messages carry a per-thread sequence number assigned under the
 * thread's row lock, so sequence order is commit order: a client that has seen `seq` n has seen
 * every message up to n.
 */
export const THREAD_KINDS = ['referral', 'cosell', 'direct'] as const
export type ThreadKind = (typeof THREAD_KINDS)[number]

export const threads = pgTable(
  'threads',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    kind: text('kind', { enum: THREAD_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    title: text('title').notNull(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('threads_subject_key').on(t.kind, t.subjectId)],
)

/** Orgs invited into a thread beyond the ones its subject makes parties (e.g. the vendor's team). */
export const threadOrgs = pgTable(
  'thread_orgs',
  {
    threadId: text('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.orgId] })],
)

export const messages = pgTable(
  'messages',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    threadId: text('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorOrgId: text('author_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    /** The sender's own id for the message, so a retried send is stored once. */
    clientId: text('client_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_thread_seq_key').on(t.threadId, t.seq),
    uniqueIndex('messages_client_key').on(t.authorId, t.clientId),
    index('messages_author_idx').on(t.authorId, t.createdAt),
    check('messages_body_length', sql`char_length(${t.body}) between 1 and 5000`),
  ],
)

/** How far each user has read each thread (by seq); unread = thread.last_seq - last_read_seq. */
export const threadReads = pgTable(
  'thread_reads',
  {
    threadId: text('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] }), index('thread_reads_user_idx').on(t.userId)],
)
