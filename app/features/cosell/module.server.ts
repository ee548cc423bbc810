import { defineModule } from '#app/core/module.ts'
import { cosellEvents } from '#app/features/cosell/events.ts'
import { cosellNotifications } from '#app/features/cosell/notifications.ts'

export const cosellModule = defineModule({
  name: 'cosell',
  summary: 'Co-sell opportunities: invitations, stages, tasks and a live thread between the partners working a deal.',
  events: cosellEvents,
  notifications: cosellNotifications,
})
