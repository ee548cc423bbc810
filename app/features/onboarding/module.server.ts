import { defineModule } from '../../core/module.ts'
import { onboardingEvents } from './events.ts'

export const onboardingModule = defineModule({
  name: 'onboarding',
  summary: "A newly approved partner's first-run checklist, and the vendor's view of who is stuck.",
  events: onboardingEvents,
})
