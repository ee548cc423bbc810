import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

const endpoint = { endpointId: id, url: z.string() }

/** Webhook endpoints of an organization: never on public pages; recorded for the audit log. */
export const webhookEvents = defineEvents(
  {
    'webhook.endpoint_created': z.object({ ...endpoint, eventTypes: z.array(z.string()) }),
    'webhook.endpoint_updated': z.object({ ...endpoint, eventTypes: z.array(z.string()), description: z.string() }),
    'webhook.secret_rotated': z.object({ ...endpoint, previousValidUntil: z.string() }),
    'webhook.endpoint_enabled': z.object(endpoint),
    /** `automatic` when the delivery job gave up on it (its admins are notified). */
    'webhook.endpoint_disabled': z.object({ ...endpoint, reason: z.string(), automatic: z.boolean() }),
    'webhook.endpoint_deleted': z.object(endpoint),
    'webhook.redelivered': z.object({ ...endpoint, deliveryId: z.number().int(), eventType: z.string(), statusCode: z.number().int().nullable() }),
  },
  { publicPages: false },
)
