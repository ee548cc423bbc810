import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

/** API keys of an organization: never on public pages; recorded for the audit log. */
export const apiEvents = defineEvents(
  {
    'api_key.created': z.object({ keyId: id, name: z.string(), scopes: z.array(z.string()), expiresAt: z.string().nullable() }),
    'api_key.revoked': z.object({ keyId: id, name: z.string() }),
  },
  { publicPages: false },
)
