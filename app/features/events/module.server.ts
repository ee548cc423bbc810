import { defineModule } from '#app/core/module.ts'
import { probeEvents } from '#app/features/events/events.ts'

export const eventsModule = defineModule({
  name: 'events',
  summary: 'The transactional outbox and audit trail every other module records into; consumers read it in commit order.',
  events: probeEvents,
})
