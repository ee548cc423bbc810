import { z } from 'zod'
import { SPACE_VISIBILITIES, TOPIC_KINDS } from '#db/schema/community.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

const inSpace = { spaceId: id, spaceSlug: z.string() }

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
    'community.request_converted': z.object({ ...inSpace, topicId: id, replyId: id.nullable(), kind: z.enum(['referral', 'cosell']), targetId: id }),
  },
  { publicPages: false },
)
