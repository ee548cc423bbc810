import { defineModule } from '../../core/module.ts'
import { endorsementEvents, referralEvents } from './events.ts'
import { referralNotifications } from './notifications.ts'
import { runReferralMaintenance } from './lifecycle.server.ts'

export const referralsModule = defineModule({
  name: 'referrals',
  summary: 'Partner-to-partner referrals: conflicts, fee terms, status changes, reminders and expiry, fees and endorsements.',
  events: { ...referralEvents, ...endorsementEvents },
  // Reminders and expiry claim rows with UPDATE … RETURNING, so every node may run them.
  jobs: [{ name: 'referral-maintenance', everyMs: 60_000, run: () => runReferralMaintenance() }],
  notifications: referralNotifications,
})
