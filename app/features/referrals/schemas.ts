import { z } from 'zod'
import type { ReferralStatus } from '#db/schema/pipeline.ts'
import { formatMoney, MAX_AMOUNT, readMoney } from '#app/utils/money.ts'
import { pageParam } from '#app/utils/page-query.ts'

/** The statuses, in lifecycle order (db/schema/pipeline.ts has the same list; this file also runs in the browser). */
export const REFERRAL_STATUSES = ['submitted', 'accepted', 'declined', 'in_progress', 'won', 'lost'] as const satisfies readonly ReferralStatus[]

export const MAX_FEE_PERCENT_BPS = 5000 // 50 %

/** "12,500.50" or "$12,500" → 1250050 minor units; rejects negatives and absurd values. */
export const moneyField = (label: string, { required = false } = {}) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : v), required ? z.union([z.string(), z.number()], { required_error: `${label} is required.` }) : z.union([z.string(), z.number()]).optional())
    .transform((v, ctx) => {
      if (v === undefined || v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `${label} is required.` })
        return undefined
      }
      const read = readMoney(v)
      if (!read.ok && read.problem === 'not_an_amount') {
        ctx.addIssue({ code: 'custom', message: `${label} must be a number, like 12500 or 12,500.50.` })
        return z.NEVER
      }
      if (!read.ok && read.problem === 'negative') {
        ctx.addIssue({ code: 'custom', message: `${label} cannot be negative.` })
        return z.NEVER
      }
      if (!read.ok || read.minor > MAX_AMOUNT) {
        ctx.addIssue({ code: 'custom', message: `${label} is too large (at most ${formatMoney(MAX_AMOUNT)}). Check for extra digits.` })
        return z.NEVER
      }
      return read.minor
    })

const optionalText = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, `${label} can be at most ${max} characters.`).optional())

export const FeeTermsSchema = z
  .object({
    feeType: z.enum(['none', 'percent', 'fixed'], { errorMap: () => ({ message: 'Choose no fee, a percentage or a fixed amount.' }) }),
    feePercent: z
      .preprocess(
        (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace('%', ''))) : v),
        z.number({ invalid_type_error: 'The percentage must be a number.' }).optional(),
      )
      .refine((v) => v === undefined || (Number.isFinite(v) && v > 0 && v <= MAX_FEE_PERCENT_BPS / 100), `The percentage must be more than 0 and at most ${MAX_FEE_PERCENT_BPS / 100}%.`),
    feeFixed: moneyField('The fixed fee'),
    feeCap: moneyField('The cap'),
  })
  .superRefine((v, ctx) => {
    if (v.feeType === 'percent' && v.feePercent === undefined) ctx.addIssue({ code: 'custom', path: ['feePercent'], message: 'Enter the percentage of the won amount.' })
    if (v.feeType === 'fixed' && (v.feeFixed === undefined || v.feeFixed === 0)) ctx.addIssue({ code: 'custom', path: ['feeFixed'], message: 'Enter the fixed fee.' })
    if (v.feeCap !== undefined && v.feeCap === 0) ctx.addIssue({ code: 'custom', path: ['feeCap'], message: 'A cap must be more than 0 (leave it empty for no cap).' })
  })
  .transform((v) => ({
    feeType: v.feeType,
    feePercentBps: v.feeType === 'percent' ? Math.round((v.feePercent ?? 0) * 100) : null,
    feeFixedAmount: v.feeType === 'fixed' ? (v.feeFixed ?? null) : null,
    feeCapAmount: v.feeType === 'none' ? null : (v.feeCap ?? null),
  }))
export type FeeTerms = z.output<typeof FeeTermsSchema>

export const ReferralInputSchema = z
  .object({
    toOrg: z.string({ required_error: 'Choose the partner to refer the customer to.' }).trim().min(1, 'Choose the partner to refer the customer to.').max(200),
    accountName: z.string({ required_error: "Enter the customer's company name." }).trim().min(1, "Enter the customer's company name.").max(200, 'The company name can be at most 200 characters.'),
    accountDomain: z.string({ required_error: "Enter the customer's web domain, like acme.com." }).trim().min(1, "Enter the customer's web domain, like acme.com.").max(300),
    contactName: optionalText(200, 'The contact name'),
    contactEmail: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().email('Enter a valid e-mail address for the contact.').max(254).optional()),
    need: z
      .string({ required_error: 'Describe what the customer needs.' })
      .trim()
      .min(10, 'Describe what the customer needs in at least 10 characters.')
      .max(4000, 'The description can be at most 4,000 characters.'),
    estimatedValue: moneyField('The estimated value'),
    opportunityId: optionalText(64, 'The opportunity'),
  })
  .and(FeeTermsSchema)
export type ReferralInput = z.input<typeof ReferralInputSchema>

export const DeclineSchema = z.object({
  reason: z.string({ required_error: 'Give a reason for declining.' }).trim().min(3, 'Give a reason for declining (at least 3 characters).').max(1000, 'The reason can be at most 1,000 characters.'),
})
export const LostSchema = z.object({
  reason: z.string({ required_error: 'Say why it was lost.' }).trim().min(3, 'Say why it was lost (at least 3 characters).').max(1000, 'The reason can be at most 1,000 characters.'),
})
export const WonSchema = z.object({ wonAmount: moneyField('The won amount', { required: true }) }).refine((v) => (v.wonAmount ?? 0) > 0, {
  path: ['wonAmount'],
  message: 'The won amount must be more than 0.',
})
export const EndorseSchema = z.object({
  rating: z.coerce
    .number({ invalid_type_error: 'Choose a rating from 1 to 5.' })
    .int('Choose a whole rating from 1 to 5.')
    .min(1, 'Choose a rating from 1 to 5.')
    .max(5, 'Choose a rating from 1 to 5.'),
  comment: optionalText(2000, 'The comment'),
})
/** The vendor's note on how a flagged conflict was resolved. */
export const ResolveConflictSchema = z.object({
  note: z
    .string({ required_error: 'Say how the conflict was resolved.' })
    .trim()
    .min(3, 'Say how the conflict was resolved (at least 3 characters).')
    .max(1000, 'The note can be at most 1,000 characters.'),
})
export const MarkPaidSchema = z.object({ reference: optionalText(200, 'The payment reference') })

export const ProgramSettingsSchema = z
  .object({
    remindAfterHours: z.coerce
      .number()
      .int('Use whole hours.')
      .min(1, 'Remind after at least 1 hour.')
      .max(24 * 90, 'Remind within 90 days.'),
    expireAfterHours: z.coerce
      .number()
      .int('Use whole hours.')
      .min(2, 'Expire after at least 2 hours.')
      .max(24 * 180, 'Expire within 180 days.'),
  })
  .and(FeeTermsSchema)
  .refine((v) => v.expireAfterHours > v.remindAfterHours, { path: ['expireAfterHours'], message: 'Expiry must come after the reminder.' })

export const BOXES = ['inbox', 'outbox', 'all'] as const
export const ListQuerySchema = z.object({
  box: z.enum(BOXES).catch('inbox'),
  status: z.enum(REFERRAL_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: pageParam,
})
export type ListQuery = z.output<typeof ListQuerySchema>

/** Exact transitions: from → the statuses it may move to. */
export const TRANSITIONS = {
  submitted: ['accepted', 'declined'],
  accepted: ['in_progress'],
  in_progress: ['won', 'lost'],
  declined: [],
  won: [],
  lost: [],
} as const satisfies Record<ReferralStatus, readonly ReferralStatus[]>

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  submitted: 'Submitted',
  accepted: 'Accepted',
  declined: 'Declined',
  in_progress: 'In progress',
  won: 'Won',
  lost: 'Lost',
}

/** Made once: `toLocaleString` with options builds a new number format on every call (~20 µs; 100 of them per API page). */
const percentText = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

export function describeTerms(t: { feeType: string; feePercentBps: number | null; feeFixedAmount: number | null; feeCapAmount: number | null }) {
  if (t.feeType === 'none') return 'No referral fee'
  const cap = t.feeCapAmount ? `, capped at ${formatMoney(t.feeCapAmount)}` : ''
  if (t.feeType === 'percent') return `${percentText.format((t.feePercentBps ?? 0) / 100)}% of the won amount${cap}`
  return `A fixed ${formatMoney(t.feeFixedAmount)}${cap}`
}

/** The fee a won amount earns under the terms, in minor units, with how it was computed. */
export function computeFee(t: { feeType: string; feePercentBps: number | null; feeFixedAmount: number | null; feeCapAmount: number | null }, wonAmount: number) {
  if (t.feeType === 'none') return { amount: 0, basis: 'No referral fee was agreed.' }
  let amount = t.feeType === 'percent' ? Math.round((wonAmount * (t.feePercentBps ?? 0)) / 10000) : (t.feeFixedAmount ?? 0)
  let basis = t.feeType === 'percent' ? `${percentText.format((t.feePercentBps ?? 0) / 100)}% of ${formatMoney(wonAmount)}` : `Fixed fee of ${formatMoney(amount)}`
  if (t.feeCapAmount != null && amount > t.feeCapAmount) {
    amount = t.feeCapAmount
    basis += `, capped at ${formatMoney(t.feeCapAmount)}`
  }
  return { amount, basis }
}
