import { z } from 'zod'
import type { OpportunityStage } from '#db/schema/pipeline.ts'
import { optionalMoneyField } from '#app/utils/money.ts'
import { pageParam } from '#app/utils/page-query.ts'

/** The same lists as db/schema/pipeline.ts, kept here so browser code does not pull in the schema. */
export const OPPORTUNITY_STAGES = ['prospect', 'qualified', 'technical_validation', 'business_validation', 'committed', 'won', 'lost'] as const satisfies readonly OpportunityStage[]
export const PARTICIPANT_ROLES = ['implementation', 'technology', 'reseller', 'referral'] as const
export const OPEN_STAGES = OPPORTUNITY_STAGES.filter((s) => s !== 'won' && s !== 'lost')

export const STAGE_LABELS: Record<OpportunityStage, string> = {
  prospect: 'Prospect',
  qualified: 'Qualified',
  technical_validation: 'Technical validation',
  business_validation: 'Business validation',
  committed: 'Committed',
  won: 'Won',
  lost: 'Lost',
}
export const ROLE_LABELS: Record<(typeof PARTICIPANT_ROLES)[number], string> = {
  implementation: 'Implementation',
  technology: 'Technology',
  reseller: 'Reseller',
  referral: 'Referral',
}

const money = (label: string) => optionalMoneyField(`Enter the ${label} as a positive amount, like 25000 or 25,000.00.`)

const date = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Enter a date like 2026-12-31.' })
      return z.NEVER
    }
    return new Date(`${v}T00:00:00Z`)
  })

export const InviteSchema = z.object({
  partner: z.string({ required_error: 'Choose a partner to invite.' }).trim().min(1, 'Choose a partner to invite.').max(200),
  role: z.enum(PARTICIPANT_ROLES, { errorMap: () => ({ message: 'Choose the role: implementation, technology, reseller or referral.' }) }),
  message: z.string().trim().max(2000, 'Keep the message under 2,000 characters.').optional(),
})

export const OpenCosellSchema = z.object({
  accountName: z.string({ required_error: 'Enter the account.' }).trim().min(1, 'Enter the account.').max(200, 'Keep the account name under 200 characters.'),
  accountDomain: z.string().trim().max(300).optional(),
  title: z.string().trim().max(200).optional(),
  amount: money('amount'),
  stage: z.enum(OPEN_STAGES as [OpportunityStage, ...OpportunityStage[]], { errorMap: () => ({ message: 'Choose an open stage.' }) }).default('prospect'),
  expectedCloseAt: date,
  nextSteps: z.string().trim().max(5000).optional(),
  invites: z.array(InviteSchema).max(10, 'Invite at most 10 partners at once.').default([]),
})

export const RespondSchema = z.object({
  decision: z.enum(['accept', 'decline'], { errorMap: () => ({ message: 'Accept or decline the invitation.' }) }),
})

export const StageSchema = z.object({
  stage: z.enum(OPPORTUNITY_STAGES, { errorMap: () => ({ message: 'Choose a stage.' }) }),
})

export const RecordSchema = z.object({
  nextSteps: z.string().trim().max(5000, 'Keep next steps under 5,000 characters.').optional(),
  notes: z.string().trim().max(20000, 'Keep notes under 20,000 characters.').optional(),
  amount: money('amount'),
  expectedCloseAt: date,
})

export const TaskSchema = z.object({
  title: z.string({ required_error: 'Describe the task.' }).trim().min(1, 'Describe the task.').max(300, 'Keep the task under 300 characters.'),
  ownerUserId: z.string().trim().max(64).optional(),
  dueAt: date,
})

export const CosellFiltersSchema = z.object({
  stage: z.enum(OPPORTUNITY_STAGES).optional().catch(undefined),
  partner: z.string().trim().max(64).optional().catch(undefined),
  age: z.enum(['lt30', '30to90', 'gt90']).optional().catch(undefined),
  page: pageParam,
})
export type CosellFilters = z.infer<typeof CosellFiltersSchema>
