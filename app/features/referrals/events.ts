import { z } from 'zod'
import { REFERRAL_STATUSES } from '#db/schema/pipeline.ts'
import { defineEvents } from '#app/core/events.ts'
import { amount, id } from '#app/core/event-fields.ts'

const parties = { fromOrgId: id, toOrgId: id, accountName: z.string() }

/** A status change: who moved it, and what the change adds (a reason, the won amount and fee). */
const transition = z.object({
  ...parties,
  from: z.enum(REFERRAL_STATUSES),
  to: z.enum(REFERRAL_STATUSES),
  actorOrgName: z.string().optional(),
  reason: z.string().optional(),
  expired: z.boolean().optional(),
  wonAmount: amount.nullable().optional(),
  fee: amount.nullable().optional(),
})

/** Referrals, their fees and program settings: private to the partners involved and the vendor. */
export const referralEvents = defineEvents(
  {
    'referral.submitted': z.object({ ...parties, fromOrgName: z.string(), toOrgName: z.string(), accountDomain: z.string().nullable(), estimatedValue: amount.nullable() }),
    'referral.conflict_flagged': z.object({ ...parties, conflicts: z.array(z.string()) }),
    'referral.conflict_resolved': z.object({ ...parties, note: z.string(), senderSawConflict: z.boolean() }),
    'referral.reminder': z.object({ ...parties, expiresInHours: z.number() }),
    'referral.accepted': transition,
    'referral.declined': transition,
    'referral.in_progress': transition,
    'referral.won': transition,
    'referral.lost': transition,
    'fee.paid': z.object({ feeId: id, amount, reference: z.string().nullable(), fromOrgId: id, toOrgId: id }),
    'fee.confirmed': z.object({ feeId: id, amount, fromOrgId: id, toOrgId: id }),
    'referral_program.updated': z.object({}).passthrough(),
  },
  { publicPages: false },
)

/** Endorsements show on public profiles. */
export const endorsementEvents = defineEvents({ 'endorsement.created': z.object({ rating: z.number().int(), toOrgId: id, fromOrgName: z.string(), accountName: z.string() }) }, { publicPages: true })
