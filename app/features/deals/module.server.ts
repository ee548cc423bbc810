import { defineModule } from '#app/core/module.ts'
import { dealConflictEvents } from '#app/features/deals/events.ts'
import { dealConflictNotifications } from '#app/features/deals/notifications.ts'

export const dealsModule = defineModule({
  name: 'deals',
  summary: 'One conflict check for every new referral, co-sell and registration, and the vendor’s conflict queue with its resolutions.',
  events: dealConflictEvents,
  notifications: dealConflictNotifications,
})
