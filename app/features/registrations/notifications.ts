import type { NotificationPlans } from '#app/core/module.ts'

const link = (id: string) => `/registrations/${id}`

/** Decisions, extensions and reminders reach the registering partner's admins; new registrations the vendor's admins. */
export const registrationNotifications: NotificationPlans = {
  'registration.submitted': (e) => ({
    kind: 'registration',
    to: { vendorAdmins: true },
    title: `${e.payload.orgName} registered a deal: ${e.payload.accountName}`,
    body: e.payload.flagged ? 'The customer may already be worked in the ecosystem: see the conflict queue.' : undefined,
    link: '/admin/registrations',
  }),
  'registration.approved': (e) => ({
    kind: 'registration',
    to: { admins: [e.payload.orgId] },
    title: `Deal registration approved: ${e.payload.accountName}`,
    body: `Protected until ${e.payload.protectedUntil.slice(0, 10)}.`,
    link: link(e.payload.registrationId),
  }),
  'registration.rejected': (e) => ({
    kind: 'registration',
    to: { admins: [e.payload.orgId] },
    title: `Deal registration rejected: ${e.payload.accountName}`,
    body: e.payload.reason,
    link: link(e.payload.registrationId),
  }),
  'registration.revoked': (e) => ({
    kind: 'registration',
    to: { admins: [e.payload.orgId] },
    title: `Deal registration approval revoked: ${e.payload.accountName}`,
    body: e.payload.reason,
    link: link(e.payload.registrationId),
  }),
  'registration.extended': (e) => ({
    kind: 'registration',
    to: { admins: [e.payload.orgId] },
    title: `Deal registration extended: ${e.payload.accountName}`,
    body: `Protected until ${e.payload.protectedUntil.slice(0, 10)}. ${e.payload.reason}`,
    link: link(e.payload.registrationId),
  }),
  'registration.expired': (e) => ({
    kind: 'registration',
    to: { admins: [e.payload.orgId] },
    title: `Deal registration expired: ${e.payload.accountName}`,
    body: 'Its protection period ended. Register the deal again if you are still working it.',
    link: link(e.payload.registrationId),
  }),
  'registration.expiry_reminder': (e) => ({
    kind: 'registration',
    to: { admins: [e.payload.orgId] },
    title: `Deal registration expires in ${e.payload.daysLeft} days: ${e.payload.accountName}`,
    body: `Protected until ${e.payload.protectedUntil.slice(0, 10)}. Ask the vendor's team for an extension if the deal needs more time.`,
    link: link(e.payload.registrationId),
  }),
}
