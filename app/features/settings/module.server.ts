import { defineModule } from '#app/core/module.ts'
import { settingsEvents } from '#app/features/settings/events.ts'

export const settingsModule = defineModule({
  name: 'settings',
  summary: "The vendor's site settings: registration, default fee terms, onboarding steps.",
  events: settingsEvents,
})
