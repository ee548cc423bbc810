import { defineModule } from '#app/core/module.ts'
import { listingEvents } from '#app/features/listings/events.ts'
import { deleteOrphanedMedia } from '#app/features/listings/media-cleanup.server.ts'
import { listingNotifications } from '#app/features/listings/notifications.ts'

export const listingsModule = defineModule({
  name: 'listings',
  summary: 'Company profiles, listings with versions and review, integrations confirmed by both sides, categories and media.',
  events: listingEvents,
  // Hourly: remove uploads nothing shows any more (rows are claimed with SKIP LOCKED).
  jobs: [{ name: 'media-cleanup', everyMs: 3_600_000, run: () => deleteOrphanedMedia() }],
  notifications: listingNotifications,
})
