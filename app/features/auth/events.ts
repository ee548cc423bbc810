import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'
import { nothing } from '#app/core/event-fields.ts'

/** What happens to people's accounts and sessions. Never visible on public pages. */
export const authEvents = defineEvents(
  {
    'user.signed_in': nothing,
    'user.signed_out_everywhere': nothing,
    'user.signed_out_elsewhere': z.object({ sessions: z.number().int(), kept: z.string().nullable() }),
    'user.session_ended': z.object({ session: z.string() }),
    'user.password_reset_requested': nothing,
    'user.password_reset': nothing,
    'user.password_changed': z.object({ kept: z.string().nullable() }),
    'user.renamed': z.object({ from: z.string(), to: z.string() }),
  },
  { publicPages: false },
)
