import type { NotificationPlans } from '#app/core/module.ts'

/** Connection requests go to the recipient's admins, answers to the requester's. */
export const accountNotifications: NotificationPlans = {
  'connection.requested': (e) => ({
    kind: 'connection',
    to: { admins: [e.payload.recipientOrgId] },
    title: `${e.payload.requesterOrgName} wants to connect for account mapping`,
    body: e.payload.message ?? undefined,
    link: `/connections/${e.payload.connectionId}`,
  }),
  'connection.accepted': (e) => ({
    kind: 'connection',
    to: { admins: [e.payload.requesterOrgId] },
    title: `${e.payload.answeredByOrgName} accepted your connection request`,
    link: `/connections/${e.payload.connectionId}`,
  }),
  'connection.declined': (e) => ({
    kind: 'connection',
    to: { admins: [e.payload.requesterOrgId] },
    title: `${e.payload.answeredByOrgName} declined your connection request`,
    link: `/connections/${e.payload.connectionId}`,
  }),
}
