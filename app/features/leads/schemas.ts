import { z } from 'zod'
import { EmailSchema, PersonNameSchema } from '#app/features/auth/schemas.ts'
import { pageParam } from '#app/utils/page-query.ts'

/** The contact form a visitor fills on a partner's profile or listing. Safe to use in the browser. */

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

export const LeadStatusSchema = z.object({
  intent: z.enum(['handled', 'reopen']),
  leadId: z.string().min(1).max(64),
})

export const LeadListQuery = z.object({
  page: pageParam,
  show: z.enum(['all', 'new']).catch('all'),
})
