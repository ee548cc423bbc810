import { defineModule } from '#app/core/module.ts'
import { authEvents } from '#app/features/auth/events.ts'

export const authModule = defineModule({
  name: 'auth',
  summary: 'Sign-in, sessions, password reset and change, sign-out elsewhere; each ends the live connections it must.',
  events: authEvents,
})
