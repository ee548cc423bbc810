import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'

/**
 * Who sees a space: `partners` every signed-in partner (active or suspended) and the vendor's team;
 * `vendor` the vendor's team only; `orgs` the organizations invited to it (space members) and the vendor's team.
 */
export const SPACE_VISIBILITIES = ['partners', 'vendor', 'orgs'] as const
export type SpaceVisibility = (typeof SPACE_VISIBILITIES)[number]

export const TOPIC_KINDS = ['discussion', 'question'] as const
export type TopicKind = (typeof TOPIC_KINDS)[number]

/** A place in the partner community, created by the vendor's team. */
export const communitySpaces = pgTable(
  'community_spaces',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    /** A #rrggbb colour for the space's badge. */
    colour: text('colour').notNull().default('#4f46e5'),
    visibility: text('visibility', { enum: SPACE_VISIBILITIES }).notNull().default('partners'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('community_spaces_slug_key').on(t.slug)],
)

/** The organizations invited to a private (`orgs`) space. */
export const communitySpaceMembers = pgTable(
  'community_space_members',
  {
    spaceId: text('space_id')
      .notNull()
      .references(() => communitySpaces.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.orgId] }), index('community_space_members_org_idx').on(t.orgId)],
)

/** A discussion or a question in a space. `body` is Markdown, rendered and sanitized when shown. */
export const communityTopics = pgTable(
  'community_topics',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    spaceId: text('space_id')
      .notNull()
      .references(() => communitySpaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TOPIC_KINDS }).notNull().default('discussion'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorUserId: text('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorOrgId: text('author_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    pinned: boolean('pinned').notNull().default(false),
    /** The reply accepted as the answer (questions only); checked in the domain to belong to this topic. */
    acceptedReplyId: text('accepted_reply_id'),
    replyCount: integer('reply_count').notNull().default(0),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('community_topics_space_activity_idx').on(t.spaceId, t.pinned, t.lastActivityAt),
    check('community_topics_answer_on_questions', sql`${t.acceptedReplyId} is null or ${t.kind} = 'question'`),
  ],
)

/** A reply in a topic's flat thread. */
export const communityReplies = pgTable(
  'community_replies',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    topicId: text('topic_id')
      .notNull()
      .references(() => communityTopics.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    authorUserId: text('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorOrgId: text('author_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('community_replies_topic_idx').on(t.topicId, t.createdAt)],
)
