import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'

/** A person's bell and preferences: private to them. */
export const notificationEvents = defineEvents(
  {
    'notification.created': z.object({ unread: z.number().int() }),
    'notification_preferences.updated': z.object({}).catchall(z.object({ inApp: z.boolean(), email: z.string() })),
  },
  { publicPages: false },
)
