import type { NotificationPlans } from '#app/core/module.ts'
import type { DomainEvent } from '#app/features/events/catalog.ts'

const link = (referralId: string) => `/referrals/${referralId}`

/** What referral, fee and endorsement events mean for people. */
export const referralNotifications: NotificationPlans = {
  'referral.submitted': (e) => ({
    kind: 'referral_received',
    to: { members: [e.payload.toOrgId] },
    title: `New referral from ${e.payload.fromOrgName}: ${e.payload.accountName}`,
    body: 'Accept or decline it, and review the proposed fee.',
    link: link(e.subjectId),
  }),
  'referral.reminder': (e) => ({
    kind: 'referral_received',
    to: { members: [e.payload.toOrgId] },
    title: `Reminder: the referral for ${e.payload.accountName} is waiting for your answer`,
    body: `It expires in ${e.payload.expiresInHours} hours.`,
    link: link(e.subjectId),
  }),
  'referral.accepted': (e) => statusChange(e),
  'referral.declined': (e) => statusChange(e),
  'referral.in_progress': (e) => statusChange(e),
  'referral.won': (e) => statusChange(e),
  'referral.lost': (e) => statusChange(e),
  // The sender is told only when it was shown the conflict (see referrals/conflicts.server.ts).
  'referral.conflict_resolved': (e) => ({
    kind: 'referral_updated',
    to: { members: e.payload.senderSawConflict ? [e.payload.fromOrgId, e.payload.toOrgId] : [e.payload.toOrgId] },
    title: `The vendor resolved the conflict on the referral for ${e.payload.accountName}`,
    link: link(e.subjectId),
  }),
  'fee.paid': (e) => ({
    kind: 'fee_updated',
    to: { members: [e.payload.fromOrgId] },
    title: 'A referral fee was marked paid: confirm you received it',
    link: '/referrals/ledger',
  }),
  'fee.confirmed': (e) => ({ kind: 'fee_updated', to: { members: [e.payload.toOrgId] }, title: 'Your referral fee payment was confirmed', link: '/referrals/ledger' }),
  'endorsement.created': (e) => ({
    kind: 'endorsement',
    to: { members: [e.payload.toOrgId] },
    title: `${e.payload.fromOrgName} endorsed your organization (${e.payload.rating}/5)`,
    link: link(e.subjectId),
  }),
}

type StatusEvent = DomainEvent<'referral.accepted' | 'referral.declined' | 'referral.in_progress' | 'referral.won' | 'referral.lost'>

/** Told to the other side; an expiry (no actor) is told to both. */
function statusChange(e: StatusEvent) {
  const p = e.payload
  const to = e.type.slice('referral.'.length).replace('_', ' ')
  const title = p.expired ? `The referral for ${p.accountName} expired unanswered` : `${p.actorOrgName || 'The other partner'} marked the referral for ${p.accountName} ${to}`
  const members = p.expired ? [p.fromOrgId, p.toOrgId] : [p.fromOrgId, p.toOrgId].filter((o) => o && o !== e.orgId)
  return { kind: 'referral_updated' as const, to: { members }, title, link: link(e.subjectId) }
}
