import type { NotificationPlans } from '#app/core/module.ts'
import { CONFLICT_RESOLUTION_LABELS, dealLink, DEAL_KIND_LABELS } from '#app/features/deals/labels.ts'

/**
 * The vendor's admins hear of a flagged deal; partners hear only of their own deals' outcomes,
 * never who else was involved (the vendor's note is written for them).
 */
export const dealConflictNotifications: NotificationPlans = {
  'deal_conflict.flagged': (e) => ({
    kind: 'registration',
    to: { vendorAdmins: true },
    title: `Possible conflict to review: ${DEAL_KIND_LABELS[e.payload.dealKind].toLowerCase()} of ${e.payload.accountName}`,
    link: '/admin/conflicts',
  }),
  'deal_conflict.resolved': (e) =>
    e.payload.notifyOrg
      ? {
          kind: 'registration',
          to: { admins: [e.payload.orgId] },
          title: `The vendor reviewed your ${DEAL_KIND_LABELS[e.payload.dealKind].toLowerCase()} of ${e.payload.accountName}: ${CONFLICT_RESOLUTION_LABELS[e.payload.resolution].toLowerCase()}`,
          body: e.payload.note,
          link: dealLink(e.payload.dealKind, e.payload.dealId),
        }
      : null,
  'deal_conflict.deal_closed': (e) => ({
    kind: 'registration',
    to: { admins: e.payload.orgIds },
    title: `The vendor closed your ${DEAL_KIND_LABELS[e.payload.dealKind].toLowerCase()} of ${e.payload.accountName} after a conflict review`,
    body: e.payload.note,
    link: dealLink(e.payload.dealKind, e.payload.dealId),
  }),
}
