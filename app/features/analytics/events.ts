import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'
import { amount } from '#app/core/event-fields.ts'

/** The vendor's own figures: never on public pages. */
export const analyticsEvents = defineEvents(
  {
    'analytics.snapshot_imported': z.object({
      source: z.string(),
      fileName: z.string().nullable(),
      sha256: z.string(),
      records: z.number().int(),
      counts: z.record(z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })),
    }),
    'opportunity.created': z.object({ accountName: z.string(), amount: amount.nullable(), stage: z.string() }),
    'opportunities.csv_imported': z.object({ rows: z.number().int() }),
  },
  { publicPages: false },
)

/** An imported partner record changed: partner directory pages may change with it. */
export const importedOrgEvents = defineEvents({ 'org.imported': z.object({ importKey: z.string(), created: z.boolean(), status: z.string(), source: z.string() }) }, { publicPages: true })
