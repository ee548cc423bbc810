import { defineModule } from '../../core/module.ts'
import { communityEvents } from './events.ts'
import { communityNotifications } from './notifications.ts'

export const communityModule = defineModule({
  name: 'community',
  summary: "Partner community: spaces (open to partners, the vendor's team only, or invited organizations), discussions and questions with accepted answers.",
  events: communityEvents,
  notifications: communityNotifications,
})
