import { z } from 'zod'
import { LEAD_CONVERSION_KINDS, LEAD_STATUSES } from '#db/schema/leads.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

/** Inbound leads: private to the contacted organization (a lead changes no public page). */
export const leadEvents = defineEvents(
  {
    'lead.received': z.object({
      leadId: id,
      orgId: id,
      senderName: z.string(),
      company: z.string(),
      listingId: id.nullable(),
      listingTitle: z.string().nullable(),
    }),
    'lead.status_changed': z.object({
      leadId: id,
      status: z.enum(LEAD_STATUSES),
      previousStatus: z.enum([...LEAD_STATUSES, 'handled']).optional(),
      /** Why it was discarded. */
      reason: z.string().nullable().optional(),
      /** The record it was converted into. */
      convertedKind: z.enum(LEAD_CONVERSION_KINDS).nullable().optional(),
      convertedId: id.nullable().optional(),
    }),
  },
  { publicPages: false },
)
