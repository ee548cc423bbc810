import type { NotificationPlans } from '#app/core/module.ts'

/** A new message is told to the organizations in the conversation (off by default: threads update live). */
export const messagingNotifications: NotificationPlans = {
  'message.posted': (e) => {
    const p = e.payload
    const link = p.kind === 'referral' ? `/referrals/${p.subjectId}` : p.kind === 'cosell' ? `/cosell/${p.subjectId}` : '/notifications'
    return { kind: 'message', to: { members: e.audience.orgs ?? [] }, title: `${p.authorName} (${p.authorOrgName}): ${p.preview.slice(0, 80)}`, link }
  },
}
