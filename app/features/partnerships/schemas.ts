import { z } from 'zod'
import {
  COMMITMENT_KINDS,
  COMMITMENT_STATUSES,
  FIT_DECISIONS,
  FIT_DIMENSIONS,
  PARTNERSHIP_STAGES,
  PLAN_CURRENCIES,
  REVIEW_KINDS,
  type FitDimension,
  type PartnershipStage,
} from '#db/schema/partnerships.ts'

/** Forms and domain share these schemas: the route parses them at the edge, the domain again. */

export const STAGE_LABELS: Record<PartnershipStage, string> = {
  identification: 'Identification & qualification',
  agreement_onboarding: 'Agreement & onboarding',
  active_collaboration: 'Active collaboration',
  performance_review: 'Performance review',
  relationship_development: 'Relationship development',
  concluded: 'Concluded',
}

export const DIMENSION_LABELS: Record<FitDimension, string> = {
  marketAccess: 'Market access complementarity',
  capability: 'Capability complementarity',
  commitment: 'Organizational commitment signals',
  alignment: 'Strategic alignment',
}

export const COMMITMENT_KIND_LABELS: Record<(typeof COMMITMENT_KINDS)[number], string> = {
  co_marketing_budget: 'Co-marketing budget',
  presales_people: 'Presales people',
  executive_time: 'Executive time',
  certifications: 'Certifications',
  customer_events: 'Customer events',
  joint_content: 'Joint content',
  other: 'Other',
}

export const DECISION_LABELS: Record<(typeof FIT_DECISIONS)[number], string> = {
  continue: 'Continue',
  modify: 'Modify the plan',
  transition: 'Transition to another partnership model',
  conclude: 'Conclude the partnership',
}

const id = (label: string) =>
  z
    .string({ required_error: `Choose ${label}.` })
    .trim()
    .min(1, `Choose ${label}.`)
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).optional().default('')
const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `${label} must be a whole number.`, required_error: `Enter ${label.toLowerCase()}.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`)
/** An ISO day (yyyy-mm-dd) from a date field. */
const day = (label: string) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a date (yyyy-mm-dd).`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), `Enter ${label} as a real date.`)
/** A list typed as comma-separated words. */
const list = z
  .string()
  .trim()
  .max(1000, 'At most 1000 characters.')
  .optional()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(80, 'Each entry at most 80 characters.')).max(30, 'At most 30 entries.'))

export const CreatePartnershipSchema = z.object({
  orgAId: id('the first organization'),
  orgBId: id('the partner'),
  note: text(1000),
})

export const MoveStageSchema = z.object({
  toStage: z.enum(PARTNERSHIP_STAGES, { errorMap: () => ({ message: 'Choose a stage from the list.' }) }),
  note: text(1000),
})

const score = (label: string) => whole(label, 1, 5)

export const FitSchema = z.object({
  marketAccess: score(DIMENSION_LABELS.marketAccess),
  capability: score(DIMENSION_LABELS.capability),
  commitment: score(DIMENSION_LABELS.commitment),
  alignment: score(DIMENSION_LABELS.alignment),
  evidenceMarketAccess: text(2000),
  evidenceCapability: text(2000),
  evidenceCommitment: text(2000),
  evidenceAlignment: text(2000),
})
export const evidenceField = (d: FitDimension) => `evidence${d[0]!.toUpperCase()}${d.slice(1)}` as `evidence${Capitalize<FitDimension>}`
export const FIT_FIELDS = FIT_DIMENSIONS

export const AnnualReviewFitSchema = FitSchema.extend({
  decision: z.enum(FIT_DECISIONS, { errorMap: () => ({ message: 'Choose a decision: continue, modify, transition or conclude.' }) }),
  decisionNote: text(2000),
})

export const DesignateSchema = z.object({ strategic: z.enum(['yes', 'no']).transform((v) => v === 'yes') })

export const SettingsSchema = z.object({
  fitThreshold: whole('The fit threshold', 1, 5),
  strategicLimit: whole('The number of strategic partnerships before a warning', 1, 10_000),
  activationWindowDays: whole('The activation window', 0, 3650),
  currencies: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(PLAN_CURRENCIES, { errorMap: () => ({ message: `Choose currencies from the list (${PLAN_CURRENCIES.join(', ')}).` }) })).min(1, 'Choose at least one currency.'),
  ),
})

/** A quarter as plans name it: 2027-Q1. */
export const QUARTER = /^\d{4}-Q[1-4]$/
const money = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .default('')
    .transform((v) => v.replace(/[,\s]/g, ''))
    .refine((v) => v === '' || /^-?\d+(\.\d{1,2})?$/.test(v), `${label} must be an amount such as 250000 or 250000.50.`)
    .refine((v) => v === '' || Number(v) >= 0, `${label} cannot be negative.`)
    .transform((v) => (v === '' ? null : Math.round(Number(v) * 100)))

export const TargetRowSchema = z.object({
  quarter: z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => v === '' || QUARTER.test(v), 'Name the quarter as 2027-Q1.'),
  pipeline: money('The pipeline target'),
  revenue: money('The revenue target'),
})

export const PLAN_TARGET_ROWS = 4

export const PlanDraftSchema = z
  .object({
    revision: z.coerce.number().int().min(0).optional(),
    valueProposition: text(600),
    segments: list,
    territories: list,
    categories: list,
    provisions: text(4000),
    currency: z.string({ required_error: 'Choose a currency.' }).trim().min(1, 'Choose a currency.'),
    activationWindowDays: whole('The activation window', 0, 3650),
    targets: z.array(TargetRowSchema).max(12, 'At most 12 quarters.').optional().default([]),
    sponsorAName: text(120),
    sponsorATitle: text(120),
    sponsorBName: text(120),
    sponsorBTitle: text(120),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>()
    let previous = ''
    v.targets.forEach((t, i) => {
      if (!t.quarter && (t.pipeline != null || t.revenue != null)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'quarter'], message: 'Name the quarter of this target (2027-Q1).' })
      if (!t.quarter) return
      if (t.pipeline == null) ctx.addIssue({ code: 'custom', path: ['targets', i, 'pipeline'], message: 'Enter the pipeline target of this quarter.' })
      if (seen.has(t.quarter)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'quarter'], message: 'Each quarter once.' })
      else if (previous && t.quarter < previous) ctx.addIssue({ code: 'custom', path: ['targets', i, 'quarter'], message: 'List the quarters in order.' })
      seen.add(t.quarter)
      previous = t.quarter
    })
  })

export const CommitmentSchema = z.object({
  revision: z.coerce.number().int().min(0).optional(),
  ownerOrgId: id('the side that owns it'),
  ownerUserId: z.string().trim().optional().default(''),
  kind: z.enum(COMMITMENT_KINDS, { errorMap: () => ({ message: 'Choose a kind from the list.' }) }),
  title: z.string({ required_error: 'Say what is committed.' }).trim().min(3, 'Say what is committed (at least 3 characters).').max(200, 'At most 200 characters.'),
  measure: text(200),
  dueAt: day('the due date'),
})

/** In-place edit of a commitment proposed in the draft: the same fields but the owning side, at the revision read. */
export const EditCommitmentSchema = CommitmentSchema.omit({ ownerOrgId: true, revision: true }).extend({
  commitmentId: id('a commitment'),
  revision: z.coerce.number({ invalid_type_error: 'Reload the page: the draft revision is missing.' }).int().min(1),
})

export const CommitmentStatusSchema = z.object({
  commitmentId: id('a commitment'),
  status: z.enum(COMMITMENT_STATUSES, { errorMap: () => ({ message: 'Choose a status from the list.' }) }),
})

export const SignSchema = z.object({ planId: id('the plan'), revision: z.coerce.number({ invalid_type_error: 'Reload the page: the plan revision is missing.' }).int().min(1) })

export const ScheduleReviewSchema = z.object({
  kind: z.enum(REVIEW_KINDS, { errorMap: () => ({ message: 'Choose quarterly or annual.' }) }),
  scheduledAt: z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), 'Enter the date as yyyy-mm-dd, or leave it empty for the end of the quarter.'),
})

export const ACTION_ITEM_ROWS = 3
const ActionItemSchema = z.object({
  title: z.string().trim().max(200, 'At most 200 characters.').optional().default(''),
  ownerOrgId: z.string().trim().optional().default(''),
  kind: z.enum(COMMITMENT_KINDS).optional().default('other'),
  dueAt: z.string().trim().optional().default(''),
})

export const RecordReviewSchema = z.object({
  attendees: z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().min(1)).max(200)),
  sponsors: z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().min(1)).max(200)),
  notes: text(8000),
  decisions: text(8000),
  actionItems: z.array(ActionItemSchema).max(10).optional().default([]),
})

export const RecordAnnualSchema = RecordReviewSchema.merge(AnnualReviewFitSchema)
