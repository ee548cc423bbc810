import type { NotificationPlans } from '#app/core/module.ts'

const link = (opportunityId: string) => `/cosell/${opportunityId}`

/** Invitations go to the invited partner, answers to the owner, tasks to their owner. */
export const cosellNotifications: NotificationPlans = {
  'cosell.invited': (e) => ({
    kind: 'cosell',
    to: { members: [e.payload.invitedOrgId] },
    title: `${e.payload.invitedByOrgName} invites you to co-sell ${e.payload.accountName}`,
    body: e.payload.message ?? undefined,
    link: link(e.payload.opportunityId),
  }),
  'cosell.accepted': (e) => ({
    kind: 'cosell',
    to: { members: [e.payload.ownerOrgId] },
    title: `${e.payload.participantOrgName} joined the co-sell of ${e.payload.accountName}`,
    link: link(e.payload.opportunityId),
  }),
  'cosell.declined': (e) => ({
    kind: 'cosell',
    to: { members: [e.payload.ownerOrgId] },
    title: `${e.payload.participantOrgName} declined the co-sell of ${e.payload.accountName}`,
    link: link(e.payload.opportunityId),
  }),
  'cosell.task_added': (e) => ({
    kind: 'cosell',
    to: { users: [e.payload.ownerUserId] },
    title: `New co-sell task on ${e.payload.accountName}: ${e.payload.title}`,
    link: link(e.payload.opportunityId),
  }),
}
