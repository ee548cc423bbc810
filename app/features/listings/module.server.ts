import { defineModule } from '../../core/module.ts'
import { listingEvents } from './events.ts'
import { deleteOrphanedMedia } from './media-cleanup.server.ts'
import { listingNotifications } from './notifications.ts'

export const listingsModule = defineModule({
  name: 'listings',
  summary: 'Company profiles, listings with versions and review, integrations confirmed by both sides, categories and media.',
  events: listingEvents,
  // Hourly: remove uploads nothing shows any more (rows are claimed with SKIP LOCKED).
  jobs: [{ name: 'media-cleanup', everyMs: 3_600_000, run: () => deleteOrphanedMedia() }],
  notifications: listingNotifications,
})
