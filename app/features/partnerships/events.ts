import { z } from 'zod'
import { COMMITMENT_STATUSES, FIT_DECISIONS, FIT_KINDS, PARTNERSHIP_STAGES, REVIEW_KINDS } from '#db/schema/partnerships.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

/** The two sides, named, so a notification and the audit trail read without a lookup. */
const sides = { partnershipId: id, orgAId: id, orgAName: z.string(), orgBId: id, orgBName: z.string() }

/**
 * Strategic partnerships: private to the two organizations and the vendor's team (nothing here
 * changes a public page). The subject of every event is the partnership, so its pages update live.
 */
export const partnershipEvents = defineEvents(
  {
    'partnership.created': z.object({ ...sides, stage: z.enum(PARTNERSHIP_STAGES) }),
    'partnership.stage_changed': z.object({ ...sides, fromStage: z.enum(PARTNERSHIP_STAGES), toStage: z.enum(PARTNERSHIP_STAGES), note: z.string() }),
    'partnership.fit_assessed': z.object({
      ...sides,
      assessmentId: id,
      kind: z.enum(FIT_KINDS),
      scores: z.object({ marketAccess: z.number(), capability: z.number(), commitment: z.number(), alignment: z.number() }),
      decision: z.enum(FIT_DECISIONS).nullable(),
    }),
    'partnership.designated': z.object({ ...sides, strategic: z.boolean(), strategicCount: z.number().int(), limit: z.number().int() }),
    'partnership.settings_updated': z.object({
      fitThreshold: z.number().int(),
      strategicLimit: z.number().int(),
      activationWindowDays: z.number().int(),
      currencies: z.array(z.string()),
    }),
    'partnership.plan.drafted': z.object({ ...sides, planId: id, version: z.number().int(), revision: z.number().int(), byOrgId: id }),
    'partnership.plan.signoff_requested': z.object({ ...sides, planId: id, version: z.number().int(), revision: z.number().int(), signedByOrgId: id, signedByOrgName: z.string(), waitingOrgId: id }),
    'partnership.plan.activated': z.object({ ...sides, planId: id, version: z.number().int(), supersededPlanId: id.nullable() }),
    'partnership.commitment.added': z.object({ ...sides, planId: id, commitmentId: id, ownerOrgId: id, title: z.string() }),
    'partnership.commitment.status_changed': z.object({ ...sides, planId: id, commitmentId: id, ownerOrgId: id, title: z.string(), status: z.enum(COMMITMENT_STATUSES) }),
    'partnership.commitment.due_soon': z.object({ ...sides, planId: id, commitmentId: id, ownerOrgId: id, title: z.string(), dueAt: z.string() }),
    'partnership.commitment.overdue': z.object({ ...sides, planId: id, commitmentId: id, ownerOrgId: id, title: z.string(), dueAt: z.string() }),
    'partnership.review.scheduled': z.object({ ...sides, reviewId: id, kind: z.enum(REVIEW_KINDS), scheduledAt: z.string() }),
    'partnership.review.reminder': z.object({ ...sides, reviewId: id, kind: z.enum(REVIEW_KINDS), scheduledAt: z.string() }),
    'partnership.review.recorded': z.object({ ...sides, reviewId: id, kind: z.enum(REVIEW_KINDS), actionItems: z.number().int(), decision: z.enum(FIT_DECISIONS).nullable() }),
  },
  { publicPages: false },
)
