import type { NotificationPlans } from '#app/core/module.ts'

/** A new lead reaches the contacted organization's admins; what they do with it notifies nobody. */
export const leadNotifications: NotificationPlans = {
  'lead.received': (e) => ({
    kind: 'lead',
    to: { admins: [e.payload.orgId] },
    title: `New lead: ${e.payload.senderName} from ${e.payload.company}`,
    body: e.payload.listingTitle ? `About your listing “${e.payload.listingTitle}”.` : 'Sent from your partner profile.',
    link: '/manage/leads',
  }),
}
