import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'
import { amount, id } from '#app/core/event-fields.ts'

const base = { registrationId: id, orgId: id, orgName: z.string(), accountName: z.string() }

/** Deal registrations: private to the registering partner and the vendor's team (no public page changes). */
export const registrationEvents = defineEvents(
  {
    'registration.submitted': z.object({ ...base, amount, flagged: z.boolean() }),
    'registration.approved': z.object({ ...base, protectedUntil: z.string(), opportunityId: id, reason: z.string().nullable() }),
    'registration.rejected': z.object({ ...base, reason: z.string() }),
    /** An approval revoked: its opportunity was closed lost (if open) and is no longer partner-sourced. */
    'registration.revoked': z.object({ ...base, reason: z.string(), opportunityId: id.nullable(), previousStage: z.string().nullable() }),
    'registration.extended': z.object({ ...base, protectedUntil: z.string(), previousUntil: z.string(), days: z.number().int(), reason: z.string() }),
    'registration.expired': z.object({ ...base, protectedUntil: z.string() }),
    'registration.expiry_reminder': z.object({ ...base, protectedUntil: z.string(), daysLeft: z.number().int() }),
    'registration_settings.updated': z.object({ protectionDays: z.number().int(), previousDays: z.number().int() }),
  },
  { publicPages: false },
)
