import { defineModule } from '#app/core/module.ts'
import { messagingEvents } from '#app/features/messaging/events.ts'
import { messagingNotifications } from '#app/features/messaging/notifications.ts'
import { registerMessagingHandlers } from '#app/features/messaging/realtime.server.ts'

export const messagingModule = defineModule({
  name: 'messaging',
  summary: 'Live threads on referrals and co-sell opportunities: messages, presence, typing, read marks and catch-up after a reconnect.',
  events: messagingEvents,
  sockets: [registerMessagingHandlers],
  notifications: messagingNotifications,
})
