import type { NotificationPlans } from '#app/core/module.ts'

/** Review decisions go to the listing's admins and its submitter; integration requests and answers to the other side's admins. */
export const listingNotifications: NotificationPlans = {
  'listing.published': (e) => ({
    kind: 'listing',
    to: { admins: [e.orgId!], users: e.payload.submittedBy ? [e.payload.submittedBy] : [] },
    title: `“${e.payload.title}” is live on the marketplace`,
    body: `Version ${e.payload.version} of your listing was approved and is now published.`,
    link: `/manage/listings/${e.subjectId}`,
  }),
  'listing.rejected': (e) => ({
    kind: 'listing',
    to: { admins: [e.orgId!], users: e.payload.submittedBy ? [e.payload.submittedBy] : [] },
    title: `“${e.payload.title}” was not approved`,
    body: `Version ${e.payload.version} of your listing was rejected. Reason: ${e.payload.reason}`,
    link: `/manage/listings/${e.subjectId}`,
  }),
  'integration.requested': (e) => ({
    kind: 'listing',
    to: { admins: [e.payload.counterpartOrgId] },
    title: `${e.payload.ownerOrgName} lists an integration with your product`,
    body: 'Confirm it if it is real, or decline it. Confirmed integrations appear on both profiles.',
    link: '/manage/integrations',
  }),
  'integration.confirmed': (e) => ({
    kind: 'listing',
    to: { admins: [e.payload.orgId] },
    title: `${e.payload.counterpartOrgName} confirmed your integration`,
    body: e.payload.note ?? 'It now appears on both profiles and in the integrations directory.',
    link: `/manage/listings/${e.payload.listingId}`,
  }),
  'integration.declined': (e) => ({
    kind: 'listing',
    to: { admins: [e.payload.orgId] },
    title: `${e.payload.counterpartOrgName} declined your integration`,
    body: e.payload.note ?? 'It will not appear on their profile.',
    link: `/manage/listings/${e.payload.listingId}`,
  }),
}
