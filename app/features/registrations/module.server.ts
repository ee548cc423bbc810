import { defineModule } from '#app/core/module.ts'
import { registrationEvents } from '#app/features/registrations/events.ts'
import { registrationNotifications } from '#app/features/registrations/notifications.ts'
import { runRegistrationMaintenance } from '#app/features/registrations/registrations.server.ts'

export const registrationsModule = defineModule({
  name: 'registrations',
  summary: 'Deal registration: partners register deals, the vendor approves or rejects, approval protects the partner for a period; reminders and expiry.',
  events: registrationEvents,
  // Expiry and reminders claim rows with UPDATE … RETURNING, so every node may run the job.
  jobs: [{ name: 'registration-maintenance', everyMs: 15 * 60_000, run: () => runRegistrationMaintenance() }],
  notifications: registrationNotifications,
})
