import { defineModule } from '../../core/module.ts'
import { cosellEvents } from './events.ts'
import { cosellNotifications } from './notifications.ts'

export const cosellModule = defineModule({
  name: 'cosell',
  summary: 'Co-sell opportunities: invitations, stages, tasks and a live thread between the partners working a deal.',
  events: cosellEvents,
  notifications: cosellNotifications,
})
