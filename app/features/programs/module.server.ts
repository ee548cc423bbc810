import { defineModule } from '#app/core/module.ts'
import { programDecisionEvents, programProposalEvents } from '#app/features/programs/events.ts'
import { runNightlyEvaluation } from '#app/features/programs/evaluation.server.ts'
import { programNotifications } from '#app/features/programs/notifications.ts'

export const programsModule = defineModule({
  name: 'programs',
  summary: 'Partner program tracks and tiers: requirements measured nightly (and on demand), proposals the vendor approves or overrides, benefits, certifications and tier history.',
  events: { ...programProposalEvents, ...programDecisionEvents },
  notifications: programNotifications,
  // Checks every 10 minutes; evaluates once a day, the first run after 02:00 UTC.
  jobs: [{ name: 'program-evaluation', everyMs: 10 * 60_000, run: () => runNightlyEvaluation() }],
})
