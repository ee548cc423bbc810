import { defineModule } from '#app/core/module.ts'
import { communityEvents } from '#app/features/community/events.ts'
import { communityNotifications } from '#app/features/community/notifications.ts'
import { communityPostEvents } from '#app/features/community/post-events.ts'
import { communityPostNotifications } from '#app/features/community/post-notifications.ts'

export const communityModule = defineModule({
  name: 'community',
  summary: "Partner community: spaces (open to partners, the vendor's team only, or invited organizations), discussions and questions with accepted answers.",
  events: { ...communityEvents, ...communityPostEvents },
  notifications: { ...communityNotifications, ...communityPostNotifications },
})
