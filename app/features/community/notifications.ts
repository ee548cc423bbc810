import type { NotificationPlans } from '#app/core/module.ts'
import { replyHref } from '#app/features/community/schemas.ts'

const topicLink = (p: { spaceSlug: string; topicId: string }) => `/community/${p.spaceSlug}/${p.topicId}`
const postLink = (p: { spaceSlug: string; topicId: string; postId: string; postKind: 'topic' | 'reply' }) => (p.postKind === 'reply' ? replyHref(p.spaceSlug, p.topicId, p.postId) : topicLink(p))
const users = (ids: (string | null)[]) => [...new Set(ids.filter((x): x is string => Boolean(x)))]

/**
 * Moderation: a report or a held post tells the vendor's admins (the queue); hiding a post tells
 * its author and the people who reported it; restoring tells the author; dismissing tells the
 * reporters; a move tells the topic's author; a suspension tells the suspended person.
 */
const moderationNotifications: NotificationPlans = {
  'community.post_reported': (e) => ({
    kind: 'community',
    to: { vendorAdmins: true },
    title: `A post in “${e.payload.topicTitle}” was reported: ${e.payload.reason}`,
    link: '/admin/community/moderation',
  }),
  'community.post_held': (e) => ({
    kind: 'community',
    to: { vendorAdmins: true },
    title: `A post in “${e.payload.topicTitle}” awaits review (${e.payload.reason})`,
    link: '/admin/community/moderation',
  }),
  'community.post_moderated': (e) => {
    const p = e.payload
    const to = p.action === 'hide' ? users([p.authorUserId, ...p.reporterUserIds]) : p.action === 'restore' ? users([p.authorUserId]) : users(p.reporterUserIds)
    if (!to.length) return null
    const title =
      p.action === 'hide'
        ? `The moderators hid a post in “${p.topicTitle}”: ${p.reason}`
        : p.action === 'restore'
          ? `Your post in “${p.topicTitle}” is published: ${p.reason}`
          : `Your report on a post in “${p.topicTitle}” was reviewed and the post stays: ${p.reason}`
    return { kind: 'community', to: { users: to }, title, link: postLink(p) }
  },
  'community.topic_moved': (e) =>
    e.payload.authorUserId
      ? { kind: 'community', to: { users: [e.payload.authorUserId] }, title: `Your topic “${e.payload.topicTitle}” was moved: ${e.payload.reason}`, link: topicLink(e.payload) }
      : null,
  'community.member_suspended': (e) => ({
    kind: 'community',
    to: { users: [e.payload.userId] },
    title: `You cannot post in “${e.payload.spaceName}” until ${e.payload.until.slice(0, 10)}: ${e.payload.reason}`,
    link: `/community/${e.payload.spaceSlug}`,
  }),
}

/** A reply tells the topic's author; an accepted answer tells the reply's author; an invitation tells the invited organization. */
export const communityNotifications: NotificationPlans = {
  'community.reply_posted': (e) =>
    e.payload.topicAuthorUserId
      ? {
          kind: 'community',
          to: { users: [e.payload.topicAuthorUserId] },
          title: `${e.payload.authorName} (${e.payload.authorOrgName}) replied to “${e.payload.topicTitle}”`,
          link: replyHref(e.payload.spaceSlug, e.payload.topicId, e.payload.replyId),
        }
      : null,
  'community.answer_accepted': (e) =>
    e.payload.replyAuthorUserId
      ? {
          kind: 'community',
          to: { users: [e.payload.replyAuthorUserId] },
          title: `Your answer to “${e.payload.topicTitle}” was accepted by ${e.payload.acceptedByName}`,
          link: replyHref(e.payload.spaceSlug, e.payload.topicId, e.payload.replyId),
        }
      : null,
  ...moderationNotifications,
  'community.space_org_invited': (e) => ({
    kind: 'community',
    to: { members: [e.payload.orgId] },
    title: `Your organization was invited to the community space “${e.payload.spaceName}”`,
    link: `/community/${e.payload.spaceSlug}`,
  }),
}
