import { defineModule } from '#app/core/module.ts'
import { analyticsEvents, importedOrgEvents } from '#app/features/analytics/events.ts'

export const analyticsModule = defineModule({
  name: 'analytics',
  summary: "The vendor's ecosystem metrics: influenced pipeline, referral revenue, the multiplier, network growth; snapshot and CSV imports.",
  events: { ...analyticsEvents, ...importedOrgEvents },
})
