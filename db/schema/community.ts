import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations, PARTNER_TYPES, REGIONS, TIERS } from '#db/schema/orgs.ts'

/**
 * Who sees a space: `partners` every signed-in partner (active or suspended) and the vendor's team;
 * `vendor` the vendor's team only; `orgs` the organizations invited to it (space members) and the vendor's team;
 * `segment` the partners whose type, tier and regions match the space's lists (an empty list matches
 * any value; regions match when they overlap), and the vendor's team.
 */
export const SPACE_VISIBILITIES = ['partners', 'vendor', 'orgs', 'segment'] as const
export type SpaceVisibility = (typeof SPACE_VISIBILITIES)[number]

export const TOPIC_KINDS = ['discussion', 'question', 'request'] as const
export type TopicKind = (typeof TOPIC_KINDS)[number]

/**
 * A post's state: `published`; `held` by a spam signal for the moderation queue (not shown until a
 * moderator publishes it); `hidden` by a moderator (shown to moderators only, can be restored).
 */
export const POST_STATES = ['published', 'held', 'hidden'] as const
export type PostState = (typeof POST_STATES)[number]

/** What a partner request asks for (a topic of kind `request`). */
export type PartnerRequestDetails = { need: string; region: string | null; industry: string | null; skills: string[]; deadline: string | null }

/** The one set of reactions. */
export const REACTIONS = ['thumbs_up', 'heart', 'tada', 'bulb'] as const
export type Reaction = (typeof REACTIONS)[number]

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
    /** `segment` spaces only: the partner types, tiers and regions that see it (empty: any). */
    partnerTypes: text('partner_types', { enum: PARTNER_TYPES })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    tiers: text('tiers', { enum: TIERS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    regions: text('regions', { enum: REGIONS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('community_spaces_slug_key').on(t.slug),
    check('community_spaces_segment_lists', sql`(${t.visibility} = 'segment') = (cardinality(${t.partnerTypes}) + cardinality(${t.tiers}) + cardinality(${t.regions}) > 0)`),
  ],
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
    /** When the current accepted answer was chosen. */
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    /** Partner requests only: what is asked for. */
    request: jsonb('request').$type<PartnerRequestDetails>(),
    state: text('state', { enum: POST_STATES }).notNull().default('published'),
    /** A locked topic takes no more replies. */
    lockedAt: timestamp('locked_at', { withTimezone: true, mode: 'date' }),
    /**
     * The last change of anything a reader of the topic sees: its text, tags, state, pin, lock,
     * space, accepted answer, or a reply published, edited, hidden or restored. The API's
     * `updated_since` and cursors page by it.
     */
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // The space's list: pinned first, then by latest activity, the id breaking ties (keyset paging).
    index('community_topics_space_activity_idx').on(t.spaceId, t.pinned, t.lastActivityAt, t.id),
    // A member's own held topics, added to the space's published count.
    index('community_topics_held_idx')
      .on(t.spaceId, t.authorUserId)
      .where(sql`${t.state} = 'held'`),
    check('community_topics_answer_on_questions', sql`${t.acceptedReplyId} is null or ${t.kind} = 'question'`),
    check('community_topics_request_details', sql`(${t.kind} = 'request') = (${t.request} is not null)`),
    // A person's and an organization's posts: posting rate limits and reputation.
    index('community_topics_author_idx').on(t.authorUserId, t.createdAt),
    index('community_topics_author_org_idx').on(t.authorOrgId),
    // The API's change-ordered pages.
    index('community_topics_updated_idx').on(t.updatedAt, t.id),
  ],
)

/** A reply in a topic's flat thread. */
/**
 * How many topics a space holds, per state, kind and whether a question is answered: kept by
 * triggers on `community_topics` (per statement for inserts and deletes, per row for a change of
 * space, state, kind or accepted answer; migration `community_space_topic_counts`), so a space page's totals are a few rows
 * whatever the space's size. Readers add up the rows their visibility allows (see `spaceTotal`).
 */
export const communitySpaceTopicCounts = pgTable(
  'community_space_topic_counts',
  {
    spaceId: text('space_id')
      .notNull()
      .references(() => communitySpaces.id, { onDelete: 'cascade' }),
    state: text('state', { enum: POST_STATES }).notNull(),
    kind: text('kind', { enum: TOPIC_KINDS }).notNull(),
    answered: boolean('answered').notNull(),
    topics: integer('topics').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.state, t.kind, t.answered] })],
)

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
    state: text('state', { enum: POST_STATES }).notNull().default('published'),
  },
  (t) => [
    index('community_replies_topic_idx').on(t.topicId, t.createdAt),
    index('community_replies_author_idx').on(t.authorUserId, t.createdAt),
    index('community_replies_author_org_idx').on(t.authorOrgId),
  ],
)

/** One person's reaction to a post (a topic's opening post, or a reply); toggled on and off. */
export const communityReactions = pgTable(
  'community_reactions',
  {
    /** The topic's or the reply's id. */
    postId: text('post_id').notNull(),
    topicId: text('topic_id')
      .notNull()
      .references(() => communityTopics.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reaction: text('reaction', { enum: REACTIONS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId, t.reaction] }), index('community_reactions_topic_idx').on(t.topicId), index('community_reactions_created_idx').on(t.createdAt)],
)

/** A post's earlier versions: each edit keeps what it replaced. */
export const communityRevisions = pgTable(
  'community_revisions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    postId: text('post_id').notNull(),
    topicId: text('topic_id')
      .notNull()
      .references(() => communityTopics.id, { onDelete: 'cascade' }),
    /** The title before the edit (topics only). */
    title: text('title'),
    body: text('body').notNull(),
    /** Who made the edit that replaced this version. */
    editedBy: text('edited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('community_revisions_post_idx').on(t.postId, t.createdAt)],
)

export const REPORT_STATUSES = ['open', 'resolved'] as const

/** A member's report of a post, for the vendor's moderation queue. */
export const communityReports = pgTable(
  'community_reports',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    postId: text('post_id').notNull(),
    topicId: text('topic_id')
      .notNull()
      .references(() => communityTopics.id, { onDelete: 'cascade' }),
    reporterUserId: text('reporter_user_id').references(() => users.id, { onDelete: 'set null' }),
    reporterOrgId: text('reporter_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('open'),
    resolvedBy: text('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('community_reports_status_idx').on(t.status, t.createdAt),
    uniqueIndex('community_reports_once_key')
      .on(t.postId, t.reporterUserId)
      .where(sql`${t.status} = 'open'`),
  ],
)

export const MODERATION_ACTIONS = ['hold', 'hide', 'restore', 'lock', 'unlock', 'move', 'dismiss', 'suspend'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

/**
 * Every change of a post's state and every lock or move, with its reason: the history the
 * community KPIs read ("hidden at the period's end") and the moderation queue shows.
 */
export const communityModeration = pgTable(
  'community_moderation',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    postId: text('post_id').notNull(),
    topicId: text('topic_id')
      .notNull()
      .references(() => communityTopics.id, { onDelete: 'cascade' }),
    action: text('action', { enum: MODERATION_ACTIONS }).notNull(),
    reason: text('reason').notNull(),
    /** Null for the automatic hold of a spam signal. */
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('community_moderation_post_idx').on(t.postId, t.createdAt)],
)

export const CONVERSION_KINDS = ['referral', 'cosell'] as const

/** A referral or co-sell started from a partner request (and the reply it answered). */
export const communityRequestConversions = pgTable(
  'community_request_conversions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    topicId: text('topic_id')
      .notNull()
      .references(() => communityTopics.id, { onDelete: 'cascade' }),
    replyId: text('reply_id'),
    kind: text('kind', { enum: CONVERSION_KINDS }).notNull(),
    /** The referral's or co-sell opportunity's id. */
    targetId: text('target_id').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('community_request_conversions_topic_idx').on(t.topicId), uniqueIndex('community_request_conversions_target_key').on(t.kind, t.targetId)],
)

/** A person barred by the vendor's team from posting in one space until `endsAt` (reading stays open). */
export const communitySuspensions = pgTable(
  'community_suspensions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    spaceId: text('space_id')
      .notNull()
      .references(() => communitySpaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('community_suspensions_user_idx').on(t.userId, t.spaceId, t.endsAt), check('community_suspensions_period', sql`${t.endsAt} > ${t.createdAt}`)],
)
