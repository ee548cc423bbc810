import { defineModule } from '#app/core/module.ts'
import { communityEvents } from '#app/features/community/events.ts'
import { communityNotifications } from '#app/features/community/notifications.ts'

export const communityModule = defineModule({
  name: 'community',
  summary:
    "Partner community: spaces (open to partners, a segment by type/tier/region, the vendor's team only, or invited organizations), discussions and questions with accepted answers, moderation and reputation.",
  events: communityEvents,
  notifications: communityNotifications,
})
