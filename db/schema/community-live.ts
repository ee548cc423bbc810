import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from '#db/schema/auth.ts'
import { communityTopics } from '#db/schema/community.ts'

/**
 * How far a person has read a topic: `readCount` replies (the thread is flat and ordered, so the
 * position is a count), never moving back. A topic with no row is unread, and so is one with more
 * replies than `readCount`.
 */
export const communityTopicReads = pgTable(
  'community_topic_reads',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: text('topic_id')
      .notNull()
      .references(() => communityTopics.id, { onDelete: 'cascade' }),
    readCount: integer('read_count').notNull().default(0),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] })],
)

/**
 * One row per person and digest period: inserted in the transaction that queues the digest mail,
 * so a period's digest is sent at most once (and a period with nothing new is marked done too).
 */
export const communityDigestSends = pgTable(
  'community_digest_sends',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The period's start (UTC midnight for the daily digest). */
    periodStart: timestamp('period_start', { withTimezone: true, mode: 'date' }).notNull(),
    /** How many topics and answers it listed (0: nothing new, no mail). */
    items: integer('items').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.periodStart] })],
)
