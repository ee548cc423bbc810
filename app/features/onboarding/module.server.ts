import { defineModule } from '#app/core/module.ts'
import { onboardingEvents } from '#app/features/onboarding/events.ts'

export const onboardingModule = defineModule({
  name: 'onboarding',
  summary: "A newly approved partner's first-run checklist, and the vendor's view of who is stuck.",
  events: onboardingEvents,
})
