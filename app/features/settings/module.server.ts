import { defineModule } from '../../core/module.ts'
import { settingsEvents } from './events.ts'

export const settingsModule = defineModule({
  name: 'settings',
  summary: "The vendor's site settings: registration, default fee terms, onboarding steps.",
  events: settingsEvents,
})
