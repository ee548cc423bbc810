import { defineEvents } from '../../core/events.ts'
import { nothing } from '../../core/event-fields.ts'

/** A partner's first-run checklist: only its own people see it. */
export const onboardingEvents = defineEvents({ 'onboarding.dismissed': nothing }, { publicPages: false })
