import type { NotificationPlans } from '#app/core/module.ts'

/** Proposals reach the vendor's admins (who decide); decisions reach the partner's admins. */
export const programNotifications: NotificationPlans = {
  'program.tier_proposed': (e) => ({
    kind: 'program',
    to: { vendorAdmins: true },
    title: `Tier ${e.payload.direction} proposed: ${e.payload.orgName}`,
    body: `${e.payload.trackName}: ${e.payload.fromTierName ?? 'no tier'} → ${e.payload.toTierName ?? 'no tier'}. Approve it or choose another tier.`,
    link: `/admin/programs/partners/${e.payload.orgId}`,
  }),
  'program.tier_changed': (e) => ({
    kind: 'program',
    to: { admins: [e.payload.orgId] },
    title: `Your program tier is now ${e.payload.toTierName ?? 'none'}`,
    body: `${e.payload.trackName}: ${e.payload.fromTierName ?? 'no tier'} → ${e.payload.toTierName ?? 'no tier'}.${e.payload.reason ? ` Reason: ${e.payload.reason}` : ''}`,
    link: '/program',
  }),
}
