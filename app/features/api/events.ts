import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

/** API keys of an organization: never on public pages; recorded for the audit log. */
export const apiEvents = defineEvents(
  {
    'api_key.created': z.object({ keyId: id, name: z.string(), scopes: z.array(z.string()), expiresAt: z.string().nullable() }),
    'api_key.revoked': z.object({ keyId: id, name: z.string() }),
    /** The vendor's admins changed the API's rate limits (/admin/settings). */
    'api.rate_limits_updated': z.object({
      before: z.object({ perKeyPerMinute: z.number().int(), perOrgPerMinute: z.number().int() }),
      after: z.object({ perKeyPerMinute: z.number().int(), perOrgPerMinute: z.number().int() }),
    }),
    /** The vendor's CRM upserted an opportunity of its pipeline by its external id (through the API). */
    'opportunity.synced': z.object({
      opportunityId: id,
      externalId: z.string(),
      created: z.boolean(),
      fromStage: z.string().nullable(),
      toStage: z.string(),
      addedPartnerOrgIds: z.array(id),
    }),
  },
  { publicPages: false },
)
