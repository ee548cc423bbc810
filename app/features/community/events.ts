import { z } from 'zod'
import { SPACE_VISIBILITIES, TOPIC_KINDS } from '#db/schema/community.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

const inSpace = { spaceId: id, spaceSlug: z.string() }
const aboutPost = { ...inSpace, topicId: id, postId: id, postKind: z.enum(['topic', 'reply']), topicTitle: z.string() }

/** Moderation (see moderation.server.ts): each is audited with its reason. */
const moderationEvents = {
  /** A member reported a post; the vendor's admins hear of it. */
  'community.post_reported': z.object({ ...aboutPost, reportId: id, reason: z.string() }),
  /** A spam signal or rate limit sent a new post to the moderation queue instead of publishing it. */
  'community.post_held': z.object({ ...aboutPost, reason: z.string(), authorUserId: id.nullable() }),
  /**
   * The vendor's team hid, restored (or published a held post) or dismissed the reports on a post.
   * The post's author and the people whose reports it resolved are told.
   */
  'community.post_moderated': z.object({
    ...aboutPost,
    action: z.enum(['hide', 'restore', 'dismiss']),
    reason: z.string(),
    authorUserId: id.nullable(),
    reporterUserIds: z.array(id),
  }),
  'community.topic_locked': z.object({ ...inSpace, topicId: id, topicTitle: z.string(), locked: z.boolean(), reason: z.string() }),
  /** `spaceId`/`spaceSlug` are where the topic now is. */
  'community.topic_moved': z.object({ ...inSpace, topicId: id, topicTitle: z.string(), fromSpaceId: id, fromSpaceSlug: z.string(), reason: z.string(), authorUserId: id.nullable() }),
  'community.member_suspended': z.object({ ...inSpace, spaceName: z.string(), userId: id, until: z.string(), reason: z.string() }),
}

/**
 * The partner community: nothing in it is public (every page needs a signed-in partner or the
 * vendor's team), so no event changes a cached anonymous page. Each event's audience is the
 * organizations that may see the space (see `audienceFor` in community.server.ts).
 */
export const communityEvents = defineEvents(
  {
    'community.space_created': z.object({ ...inSpace, name: z.string(), visibility: z.enum(SPACE_VISIBILITIES) }),
    'community.space_updated': z.object({ ...inSpace, fields: z.array(z.string()) }),
    'community.space_org_invited': z.object({ ...inSpace, spaceName: z.string(), orgId: id, orgName: z.string() }),
    'community.space_org_removed': z.object({ ...inSpace, orgId: id, orgName: z.string() }),
    'community.topic_created': z.object({ ...inSpace, topicId: id, kind: z.enum(TOPIC_KINDS), title: z.string(), authorName: z.string(), authorOrgName: z.string() }),
    'community.topic_pinned': z.object({ ...inSpace, topicId: id, pinned: z.boolean() }),
    'community.reply_posted': z.object({
      ...inSpace,
      topicId: id,
      replyId: id,
      topicTitle: z.string(),
      authorName: z.string(),
      authorOrgName: z.string(),
      /** The topic's author, to notify; null when they are gone or can no longer see the space. */
      topicAuthorUserId: id.nullable(),
    }),
    'community.answer_accepted': z.object({
      ...inSpace,
      topicId: id,
      replyId: id,
      topicTitle: z.string(),
      acceptedByName: z.string(),
      /** The accepted reply's author, to notify; null when they are gone or can no longer see the space. */
      replyAuthorUserId: id.nullable(),
    }),
    ...moderationEvents,
    'community.request_converted': z.object({ ...inSpace, topicId: id, replyId: id.nullable(), kind: z.enum(['referral', 'cosell']), targetId: id }),
  },
  { publicPages: false },
)
