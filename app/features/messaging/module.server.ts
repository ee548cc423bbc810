import { defineModule } from '../../core/module.ts'
import { messagingEvents } from './events.ts'
import { messagingNotifications } from './notifications.ts'
import { registerMessagingHandlers } from './realtime.server.ts'

export const messagingModule = defineModule({
  name: 'messaging',
  summary: 'Live threads on referrals and co-sell opportunities: messages, presence, typing, read marks and catch-up after a reconnect.',
  events: messagingEvents,
  sockets: [registerMessagingHandlers],
  notifications: messagingNotifications,
})
