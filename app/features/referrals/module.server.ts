import { defineModule } from '#app/core/module.ts'
import { endorsementEvents, referralEvents } from '#app/features/referrals/events.ts'
import { referralNotifications } from '#app/features/referrals/notifications.ts'
import { runReferralMaintenance } from '#app/features/referrals/lifecycle.server.ts'

export const referralsModule = defineModule({
  name: 'referrals',
  summary: 'Partner-to-partner referrals: conflicts, fee terms, status changes, reminders and expiry, fees and endorsements.',
  events: { ...referralEvents, ...endorsementEvents },
  // Reminders and expiry claim rows with UPDATE … RETURNING, so every node may run them.
  jobs: [{ name: 'referral-maintenance', everyMs: 60_000, run: () => runReferralMaintenance() }],
  notifications: referralNotifications,
})
