import { defineEvents } from '#app/core/events.ts'
import { nothing } from '#app/core/event-fields.ts'

/** A partner's first-run checklist: only its own people see it. */
export const onboardingEvents = defineEvents({ 'onboarding.dismissed': nothing }, { publicPages: false })
