import type { NotificationPlans } from '#app/core/module.ts'
import { ROLE_LABELS } from '#app/features/orgs/constants.ts'

/** Applications go to the vendor's admins; decisions and suspensions to the organization; team changes to the people concerned. */
export const orgNotifications: NotificationPlans = {
  'org.applied': (e) => ({
    kind: 'application',
    to: { vendorAdmins: true },
    title: `${e.payload.name} applied to become a partner`,
    body: `${e.payload.applicantName} applied as a ${e.payload.partnerType.replace(/_/g, ' ')} partner.`,
    link: '/admin/applications',
  }),
  'org.approved': (e) => ({
    kind: 'organization',
    to: { admins: [e.subjectId] },
    title: `${e.payload.name} is now an approved partner`,
    body: 'Complete your company profile and publish your first listing so other partners can find you.',
    link: '/settings/profile',
  }),
  'org.rejected': (e) => ({
    kind: 'organization',
    to: { admins: [e.subjectId] },
    title: `${e.payload.name}'s partner application was not approved`,
    body: e.payload.reason,
    link: '/',
  }),
  'org.suspended': (e) => ({
    kind: 'organization',
    to: { members: [e.payload.orgId] },
    title: `${e.payload.name} is suspended by the vendor's partner team`,
    body: `You can still sign in and read, but not change anything. Reason: ${e.payload.reason}`,
    link: '/',
  }),
  'org.reinstated': (e) => ({
    kind: 'organization',
    to: { members: [e.payload.orgId] },
    title: `${e.payload.name} is active again`,
    body: 'The suspension was lifted: your team can work in the ecosystem again.',
    link: '/',
  }),
  'member.joined': (e) =>
    e.payload.invitedBy
      ? {
          kind: 'team',
          to: { users: [e.payload.invitedBy] },
          title: `${e.payload.name} joined ${e.payload.orgName}`,
          body: `${e.payload.email} accepted your invitation as ${ROLE_LABELS[e.payload.role].toLowerCase()}.`,
          link: '/settings/team',
        }
      : null,
  'member.role_changed': (e) => ({
    kind: 'team',
    to: { users: [e.subjectId] },
    title: `You are now ${ROLE_LABELS[e.payload.to].toLowerCase()} of ${e.payload.orgName}`,
    body: `${e.payload.changedByName} changed your role.`,
    link: '/settings/team',
  }),
}
