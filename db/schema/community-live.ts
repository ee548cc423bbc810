import { sql } from 'drizzle-orm'
import { boolean, customType, index, integer, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core'
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

const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector'
  },
})

/**
 * The embedded engine's community index (search/community-postgres.server.ts): a topic, and a
 * question's accepted answer, as flat documents. `audience` holds who may see the space
 * ('vendor', 'partners', 'org:<id>'); every search filters on it, so results, counts and facet
 * values never include what the searcher cannot see.
 */
export const communitySearchDocuments = pgTable(
  'community_search_documents',
  {
    /** `topic-<topicId>` or `answer-<topicId>`. */
    id: text('id').primaryKey(),
    docType: text('doc_type', { enum: ['topic', 'answer'] }).notNull(),
    topicId: text('topic_id').notNull(),
    spaceId: text('space_id').notNull(),
    spaceName: text('space_name').notNull(),
    spaceSlug: text('space_slug').notNull(),
    topicKind: text('topic_kind').notNull(),
    answered: boolean('answered').notNull(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    audience: text('audience').array().notNull(),
    /** The tags as words (`tags` joined by spaces), so a search for a tag finds its topics (weight B). */
    tagText: text('tag_text').notNull().default(''),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorName: text('author_name').notNull(),
    url: text('url').notNull(),
    /** Added to the text rank (e.g. from reputation); 0 until a ranking signal is wired in. */
    boost: real('boost').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    tsv: tsvector('tsv')
      .notNull()
      .generatedAlwaysAs(sql`setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', tag_text), 'B') || setweight(to_tsvector('simple', left(body, 20000)), 'C')`),
  },
  (t) => [index('community_search_documents_tsv_idx').using('gin', t.tsv), index('community_search_documents_audience_idx').using('gin', t.audience)],
)
