import { defineModule } from '../../core/module.ts'
import { leadEvents } from './events.ts'
import { leadNotifications } from './notifications.ts'

export const leadsModule = defineModule({
  name: 'leads',
  summary: 'Visitors contact a partner from its profile or a listing; the partner works its inbound leads.',
  events: leadEvents,
  notifications: leadNotifications,
})
