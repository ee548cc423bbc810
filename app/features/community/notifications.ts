import type { NotificationPlans } from '#app/core/module.ts'

const topicLink = (p: { spaceSlug: string; topicId: string }) => `/community/${p.spaceSlug}/${p.topicId}`

/** A reply tells the topic's author; an accepted answer tells the reply's author; an invitation tells the invited organization. */
export const communityNotifications: NotificationPlans = {
  'community.reply_posted': (e) =>
    e.payload.topicAuthorUserId
      ? {
          kind: 'community',
          to: { users: [e.payload.topicAuthorUserId] },
          title: `${e.payload.authorName} (${e.payload.authorOrgName}) replied to “${e.payload.topicTitle}”`,
          link: `${topicLink(e.payload)}#reply-${e.payload.replyId}`,
        }
      : null,
  'community.answer_accepted': (e) =>
    e.payload.replyAuthorUserId
      ? {
          kind: 'community',
          to: { users: [e.payload.replyAuthorUserId] },
          title: `Your answer to “${e.payload.topicTitle}” was accepted by ${e.payload.acceptedByName}`,
          link: `${topicLink(e.payload)}#reply-${e.payload.replyId}`,
        }
      : null,
  'community.space_org_invited': (e) => ({
    kind: 'community',
    to: { members: [e.payload.orgId] },
    title: `Your organization was invited to the community space “${e.payload.spaceName}”`,
    link: `/community/${e.payload.spaceSlug}`,
  }),
}
