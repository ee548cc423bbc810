import { z } from 'zod'
import { EmailSchema, PersonNameSchema } from '#app/features/auth/schemas.ts'
import { pageParam } from '#app/utils/page-query.ts'

/** The contact form a visitor fills on a partner's profile or listing. Safe to use in the browser. */

/** The partner's listings page shows views and leads over this many days. */
export const ACTIVITY_DAYS = 30
export const LEAD_MESSAGE_MAX = 4_000
export const LEAD_COMPANY_MAX = 120
/** Hidden from people; a bot that fills every field fills this one too. */
export const HONEYPOT_FIELD = 'website'

export const LeadSchema = z.object({
  name: PersonNameSchema,
  email: EmailSchema,
  company: z.string({ required_error: 'Enter your company’s name.' }).trim().min(1, 'Enter your company’s name.').max(LEAD_COMPANY_MAX, `Company names can be at most ${LEAD_COMPANY_MAX} characters.`),
  message: z
    .string({ required_error: 'Tell the partner what you need.' })
    .trim()
    .min(10, 'Tell the partner what you need in a sentence or two (10 characters at least).')
    .max(LEAD_MESSAGE_MAX, `Keep the message to ${LEAD_MESSAGE_MAX.toLocaleString('en-US')} characters at most.`),
  /** The listing's slug, when the visitor writes from a listing page. */
  listing: z.string().trim().max(200).optional(),
  [HONEYPOT_FIELD]: z.string().max(500).optional(),
})
export type LeadInput = z.input<typeof LeadSchema>

/** Same lists as db/schema/leads.ts, kept here so browser code does not pull in the schema. */
export const LEAD_STATUS_VALUES = ['new', 'contacted', 'qualified', 'converted', 'discarded'] as const
export type LeadStatusValue = (typeof LEAD_STATUS_VALUES)[number]
export const LEAD_STATUS_LABELS: Record<LeadStatusValue, string> = { new: 'New', contacted: 'Contacted', qualified: 'Qualified', converted: 'Converted', discarded: 'Discarded' }
export const CONVERSION_LABELS = { referral: 'a referral', cosell: 'a co-sell', registration: 'a deal registration' } as const
export type LeadConversionValue = keyof typeof CONVERSION_LABELS
/** The statuses a partner sets by hand (`converted` is set by creating the record the lead becomes). */
export const MANUAL_LEAD_STATUSES = ['new', 'contacted', 'qualified', 'discarded'] as const

const leadId = z.string({ required_error: 'Choose a lead.' }).trim().min(1).max(64)
export const DISCARD_REASON_MAX = 500

/** One lead's status change from the inbox; discarding needs a reason. */
export const LeadStatusSchema = z.discriminatedUnion('status', [
  z.object({ leadId, status: z.enum(['new', 'contacted', 'qualified']) }),
  z.object({
    leadId,
    status: z.literal('discarded'),
    reason: z
      .string({ required_error: 'Say why you discard this lead (at least 3 characters).' })
      .trim()
      .min(3, 'Say why you discard this lead (at least 3 characters).')
      .max(DISCARD_REASON_MAX, `Keep the reason under ${DISCARD_REASON_MAX} characters.`),
  }),
])
export type LeadStatusInput = z.input<typeof LeadStatusSchema>

export const LeadListQuery = z.object({
  page: pageParam,
  status: z.enum([...LEAD_STATUS_VALUES, 'all']).catch('all'),
  /** A listing's id: only the leads sent from it. */
  listing: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional()
    .catch(undefined),
})
export type LeadListFilters = z.output<typeof LeadListQuery>
