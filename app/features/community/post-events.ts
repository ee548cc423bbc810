import { z } from 'zod'
import { REACTIONS } from '#db/schema/community.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

const inTopic = { spaceId: id, spaceSlug: z.string(), topicId: id, topicTitle: z.string() }
/** The people to notify, chosen when the post was written: only people who could see the space then. */
const userIds = z.array(id).max(500)
const tagList = z.array(z.string().max(60)).max(20)

/**
 * The posting experience: edits (kept as revisions), reactions, mentions and what followers hear.
 * The subject of each is the topic, so a topic page reloads live when one arrives.
 */
export const communityPostEvents = defineEvents(
  {
    'community.post_edited': z.object({ ...inTopic, postId: id, isTopic: z.boolean(), revisions: z.number().int().min(1) }),
    /** The author changed the topic's tags (sorted; what was added and removed). */
    'community.topic_tags_changed': z.object({ ...inTopic, tags: tagList, added: tagList, removed: tagList }),
    'community.reaction_toggled': z.object({ ...inTopic, postId: id, reaction: z.enum(REACTIONS), on: z.boolean() }),
    'community.mentioned': z.object({ ...inTopic, postId: id, authorName: z.string(), authorOrgName: z.string(), userIds }),
    /** Organizations `@address`-mentioned (that see the space); `userIds` are their people to tell, less those mentioned in person. */
    'community.org_mentioned': z.object({ ...inTopic, postId: id, authorName: z.string(), authorOrgName: z.string(), orgIds: z.array(id).max(20), orgNames: z.array(z.string()).max(20), userIds }),
    'community.followed_activity': z.object({
      ...inTopic,
      postId: id,
      /** A new topic in a followed space, or a new reply in a followed topic (or a topic of a followed space). */
      what: z.enum(['topic', 'reply']),
      authorName: z.string(),
      authorOrgName: z.string(),
      userIds,
    }),
  },
  { publicPages: false },
)
