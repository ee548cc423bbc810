import { z } from 'zod'
import { CONFLICT_RESOLUTIONS, DEAL_KINDS } from '#db/schema/registrations.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

/**
 * The vendor's conflict queue. Payloads that reach a partner name no other partner: the flagged
 * deal's organization hears the outcome of its own deal; an organization whose deal the outcome
 * closed hears that of its own deal.
 */
export const dealConflictEvents = defineEvents(
  {
    'deal_conflict.flagged': z.object({ conflictId: id, dealKind: z.enum(DEAL_KINDS), dealId: id, orgId: id, accountName: z.string(), matchKinds: z.array(z.string()) }),
    'deal_conflict.resolved': z.object({
      conflictId: id,
      dealKind: z.enum(DEAL_KINDS),
      dealId: id,
      orgId: id,
      accountName: z.string(),
      resolution: z.enum(CONFLICT_RESOLUTIONS),
      keptDeal: z.string().nullable(),
      closedDeals: z.array(z.string()),
      note: z.string(),
      notifyOrg: z.boolean(),
    }),
    'deal_conflict.deal_closed': z.object({
      conflictId: id,
      dealKind: z.enum(DEAL_KINDS),
      dealId: id,
      orgIds: z.array(id),
      accountName: z.string(),
      resolution: z.enum(CONFLICT_RESOLUTIONS),
      note: z.string(),
    }),
  },
  { publicPages: false },
)
