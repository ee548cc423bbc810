import { sql } from 'drizzle-orm'
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { communitySpaces, communityTopics } from '#db/schema/community.ts'

/**
 * The posting experience of the community: who follows a space or a topic, a topic's tags, and
 * each person's unsent reply to a topic (a draft that survives a reload).
 */

/** A person follows one space or one topic (exactly one of the two), and hears of new topics or replies in it. */
export const communityFollows = pgTable(
  'community_follows',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    spaceId: text('space_id').references(() => communitySpaces.id, { onDelete: 'cascade' }),
    topicId: text('topic_id').references(() => communityTopics.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('community_follows_one_target', sql`(${t.spaceId} is null) <> (${t.topicId} is null)`),
    uniqueIndex('community_follows_space_key')
      .on(t.userId, t.spaceId)
      .where(sql`${t.spaceId} is not null`),
    uniqueIndex('community_follows_topic_key')
      .on(t.userId, t.topicId)
      .where(sql`${t.topicId} is not null`),
    index('community_follows_space_idx').on(t.spaceId),
    index('community_follows_topic_idx').on(t.topicId),
  ],
)

/** A topic's tags: lower-case words and hyphens, a few per topic. */
export const communityTopicTags = pgTable(
  'community_topic_tags',
  {
    topicId: text('topic_id')
      .notNull()
      .references(() => communityTopics.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.tag] }), index('community_topic_tags_tag_idx').on(t.tag, t.topicId)],
)

/** A person's unsent reply to a topic, saved on the server so it survives a reload (and another device). */
export const communityDrafts = pgTable(
  'community_drafts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: text('topic_id')
      .notNull()
      .references(() => communityTopics.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] })],
)

/**
 * A person's unsent new topic in a space (one per person and space): the form's fields as typed
 * (kind, title, text, tags, the partner request's details), so the "Start a topic" form starts
 * with them after a reload or on another device. Posting a topic in the space removes it.
 */
export const communityTopicDrafts = pgTable(
  'community_topic_drafts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    spaceId: text('space_id')
      .notNull()
      .references(() => communitySpaces.id, { onDelete: 'cascade' }),
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.spaceId] })],
)
