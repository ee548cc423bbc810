import type { NotificationPlans } from '#app/core/module.ts'

const page = (id: string) => `/partnerships/${id}`
const plan = (id: string) => `/partnerships/${id}/plan`
const other = (p: { orgAId: string; orgBId: string }, orgId: string) => (orgId === p.orgAId ? p.orgBId : p.orgAId)
const nameOf = (p: { orgAId: string; orgAName: string; orgBName: string }, orgId: string) => (orgId === p.orgAId ? p.orgAName : p.orgBName)

/**
 * Who hears of what in strategic partnerships, under the `partnership` preference: decisions that
 * concern both sides reach both sides' admins; a sign-off request reaches the side that has not
 * signed yet; commitment reminders reach the owning side's members; review reminders reach both
 * sides' members. The vendor's team is one of the sides when it is a party.
 */
export const partnershipNotifications: NotificationPlans = {
  'partnership.created': (e) => ({
    kind: 'partnership',
    to: { admins: [e.payload.orgAId, e.payload.orgBId] },
    title: `New partnership: ${e.payload.orgAName} and ${e.payload.orgBName}`,
    body: 'The partnership is in identification and qualification.',
    link: page(e.payload.partnershipId),
  }),
  'partnership.stage_changed': (e) => ({
    kind: 'partnership',
    to: { admins: [e.payload.orgAId, e.payload.orgBId] },
    title: `Partnership ${e.payload.orgAName} and ${e.payload.orgBName} moved to a new stage`,
    body: e.payload.note || undefined,
    link: page(e.payload.partnershipId),
  }),
  'partnership.designated': (e) => ({
    kind: 'partnership',
    to: { admins: [e.payload.orgAId, e.payload.orgBId] },
    title: e.payload.strategic ? `${e.payload.orgAName} and ${e.payload.orgBName} is now a strategic partnership` : `${e.payload.orgAName} and ${e.payload.orgBName} is no longer designated strategic`,
    link: page(e.payload.partnershipId),
  }),
  'partnership.plan.signoff_requested': (e) => ({
    kind: 'partnership',
    to: { admins: [e.payload.waitingOrgId] },
    title: `${e.payload.signedByOrgName} signed the joint business plan (version ${e.payload.version}): your sign-off is requested`,
    link: plan(e.payload.partnershipId),
  }),
  'partnership.plan.activated': (e) => ({
    kind: 'partnership',
    to: { members: [e.payload.orgAId, e.payload.orgBId] },
    title: `The joint business plan of ${e.payload.orgAName} and ${e.payload.orgBName} is active (version ${e.payload.version})`,
    link: plan(e.payload.partnershipId),
  }),
  'partnership.commitment.status_changed': (e) => ({
    kind: 'partnership',
    to: { admins: [other(e.payload, e.payload.ownerOrgId)] },
    title: `${nameOf(e.payload, e.payload.ownerOrgId)} marked “${e.payload.title}” as ${e.payload.status}`,
    link: plan(e.payload.partnershipId),
  }),
  'partnership.commitment.due_soon': (e) => ({
    kind: 'partnership',
    to: { members: [e.payload.ownerOrgId] },
    title: `Commitment due in 7 days: ${e.payload.title}`,
    body: `Due ${e.payload.dueAt.slice(0, 10)} in the plan with ${nameOf(e.payload, other(e.payload, e.payload.ownerOrgId))}.`,
    link: plan(e.payload.partnershipId),
  }),
  'partnership.commitment.overdue': (e) => ({
    kind: 'partnership',
    to: { members: [e.payload.ownerOrgId], admins: [other(e.payload, e.payload.ownerOrgId)] },
    title: `Commitment overdue: ${e.payload.title} (${nameOf(e.payload, e.payload.ownerOrgId)})`,
    body: `It was due ${e.payload.dueAt.slice(0, 10)}.`,
    link: plan(e.payload.partnershipId),
  }),
  'partnership.review.scheduled': (e) => ({
    kind: 'partnership',
    to: { admins: [e.payload.orgAId, e.payload.orgBId] },
    title: `${e.payload.kind === 'annual' ? 'Annual strategic' : 'Quarterly'} review of ${e.payload.orgAName} and ${e.payload.orgBName} scheduled for ${e.payload.scheduledAt.slice(0, 10)}`,
    link: `/partnerships/${e.payload.partnershipId}/reviews/${e.payload.reviewId}`,
  }),
  'partnership.review.reminder': (e) => ({
    kind: 'partnership',
    to: { members: [e.payload.orgAId, e.payload.orgBId] },
    title: `Reminder: ${e.payload.kind === 'annual' ? 'annual strategic' : 'quarterly'} review of ${e.payload.orgAName} and ${e.payload.orgBName} on ${e.payload.scheduledAt.slice(0, 10)}`,
    link: `/partnerships/${e.payload.partnershipId}/reviews/${e.payload.reviewId}`,
  }),
}
