import { defineModule } from '#app/core/module.ts'
import { partnershipEvents } from '#app/features/partnerships/events.ts'
import { registerPartnershipHandlers } from '#app/features/partnerships/live.server.ts'
import { partnershipNotifications } from '#app/features/partnerships/notifications.ts'
import { sendPartnershipReminders } from '#app/features/partnerships/reminders.server.ts'

export const partnershipsModule = defineModule({
  name: 'partnerships',
  summary: 'Strategic partnerships: lifecycle board, fit assessment and designation, joint business plans signed by both sides with commitments, reviews and reminders.',
  events: partnershipEvents,
  notifications: partnershipNotifications,
  sockets: [registerPartnershipHandlers],
  jobs: [{ name: 'partnership-reminders', everyMs: 15 * 60_000, run: () => sendPartnershipReminders() }],
})
