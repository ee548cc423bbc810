import { defineModule } from '#app/core/module.ts'
import { communityEvents } from '#app/features/community/events.ts'
import { communityNotifications } from '#app/features/community/notifications.ts'
import { communityPostEvents } from '#app/features/community/post-events.ts'
import { communityPostNotifications } from '#app/features/community/post-notifications.ts'
import { evictFromSpaces, registerCommunityLiveHandlers } from '#app/features/community/live.server.ts'
import { runCommunityDigest } from '#app/features/community/digest.server.ts'
import { COMMUNITY_SEARCH_CONSUMER, handleCommunitySearchEvents } from '#app/features/community/search.server.ts'

export const communityModule = defineModule({
  name: 'community',
  summary:
    "Partner community: spaces (open to partners, a segment by type/tier/region, the vendor's team only, or invited organizations), discussions and questions with accepted answers, follows, reactions, mentions and edit history; moderation (reports, holds, locks, suspensions) and reputation; live topics (viewers, typing, catch-up after a reconnect), read tracking, a daily digest and search.",
  events: { ...communityEvents, ...communityPostEvents },
  notifications: { ...communityNotifications, ...communityPostNotifications },
  sockets: [registerCommunityLiveHandlers],
  consumers: [
    { name: 'community-live', handle: (events, tx) => evictFromSpaces(events, tx), intervalMs: 250 },
    { name: COMMUNITY_SEARCH_CONSUMER, handle: (events, tx) => handleCommunitySearchEvents(events, tx), intervalMs: 250 },
  ],
  jobs: [{ name: 'community-digest', everyMs: 15 * 60_000, run: () => runCommunityDigest() }],
})
