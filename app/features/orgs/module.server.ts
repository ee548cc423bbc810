import { defineModule } from '../../core/module.ts'
import { orgStatusEvents, teamEvents } from './events.ts'
import { orgNotifications } from './notifications.ts'

export const orgsModule = defineModule({
  name: 'orgs',
  summary: "Organizations and teams: applications, approval, suspension, invitations and roles.",
  events: { ...orgStatusEvents, ...teamEvents },
  notifications: orgNotifications,
})
