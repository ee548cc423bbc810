import { defineModule } from '#app/core/module.ts'
import { accountEvents } from '#app/features/accounts/events.ts'
import { resumeInterruptedImports } from '#app/features/accounts/import-resume.server.ts'
import { accountNotifications } from '#app/features/accounts/notifications.ts'

export const accountsModule = defineModule({
  name: 'accounts',
  summary: 'Account lists (streaming CSV import), connections between partners with sharing levels, and account overlap.',
  events: accountEvents,
  // Every minute: restart imports whose node died (claimed with SKIP LOCKED, so one node takes each).
  jobs: [{ name: 'account-import-resume', everyMs: 60_000, run: () => resumeInterruptedImports() }],
  notifications: accountNotifications,
})
