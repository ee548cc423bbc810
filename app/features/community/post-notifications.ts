import type { NotificationPlans } from '#app/core/module.ts'
import { replyHref } from '#app/features/community/schemas.ts'

const postLink = (p: { spaceSlug: string; topicId: string; postId: string }) => (p.postId === p.topicId ? `/community/${p.spaceSlug}/${p.topicId}` : replyHref(p.spaceSlug, p.topicId, p.postId))

/** Mentions tell the people mentioned (an organization's mention, its people); new topics and replies tell the followers of the space or topic. */
export const communityPostNotifications: NotificationPlans = {
  'community.mentioned': (e) =>
    e.payload.userIds.length
      ? {
          kind: 'community',
          to: { users: e.payload.userIds },
          title: `${e.payload.authorName} (${e.payload.authorOrgName}) mentioned you in “${e.payload.topicTitle}”`,
          link: postLink(e.payload),
        }
      : null,
  'community.org_mentioned': (e) =>
    e.payload.userIds.length
      ? {
          kind: 'community',
          to: { users: e.payload.userIds },
          title: `${e.payload.authorName} (${e.payload.authorOrgName}) mentioned ${e.payload.orgNames.length === 1 ? e.payload.orgNames[0] : 'your organization'} in “${e.payload.topicTitle}”`,
          link: postLink(e.payload),
        }
      : null,
  'community.followed_activity': (e) =>
    e.payload.userIds.length
      ? {
          kind: 'community',
          to: { users: e.payload.userIds },
          title:
            e.payload.what === 'topic'
              ? `New topic in a space you follow: “${e.payload.topicTitle}” by ${e.payload.authorName} (${e.payload.authorOrgName})`
              : `${e.payload.authorName} (${e.payload.authorOrgName}) replied to “${e.payload.topicTitle}”, which you follow`,
          link: postLink(e.payload),
        }
      : null,
}
