import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

const tierRef = { trackId: id, trackName: z.string(), fromTierId: id.nullable(), fromTierName: z.string().nullable(), toTierId: id.nullable(), toTierName: z.string().nullable() }

/** Tier proposals are the vendor's working data: no public page changes. */
export const programProposalEvents = defineEvents(
  {
    /** An evaluation proposes a tier change for a partner (an upgrade, or a downgrade after the grace period). */
    'program.tier_proposed': z.object({ orgId: id, orgName: z.string(), ...tierRef, direction: z.enum(['upgrade', 'downgrade']) }),
  },
  { publicPages: false },
)

/** A tier decision changes the organization's tier label, which its public profile and search show. */
export const programDecisionEvents = defineEvents(
  {
    'program.tier_changed': z.object({ orgId: id, orgName: z.string(), ...tierRef, kind: z.enum(['approved', 'override']), reason: z.string().nullable() }),
  },
  { publicPages: true },
)
