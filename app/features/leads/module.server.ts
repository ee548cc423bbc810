import { defineModule } from '#app/core/module.ts'
import { leadEvents } from '#app/features/leads/events.ts'
import { leadNotifications } from '#app/features/leads/notifications.ts'

export const leadsModule = defineModule({
  name: 'leads',
  summary:
    'Visitors contact a partner from its profile or a listing; the partner works its inbound leads (contacted, qualified, converted to a referral, co-sell or registration, or discarded) and sees views and leads per listing.',
  events: leadEvents,
  notifications: leadNotifications,
})
