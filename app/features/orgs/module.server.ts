import { defineModule } from '#app/core/module.ts'
import { orgStatusEvents, teamEvents } from '#app/features/orgs/events.ts'
import { orgNotifications } from '#app/features/orgs/notifications.ts'

export const orgsModule = defineModule({
  name: 'orgs',
  summary: 'Organizations and teams: applications, approval, suspension, invitations and roles.',
  events: { ...orgStatusEvents, ...teamEvents },
  notifications: orgNotifications,
})
