import { z } from 'zod'
import { PARTNER_TYPES, TIERS } from '#db/vocab.ts'
import { FeeTermsSchema, moneyField } from '#app/features/referrals/schemas.ts'
import { COSELL_PRIORITIES, MDF_PERIODS, MONEY_METRICS, PROGRAM_METRICS, type ProgramMetric } from '#app/features/programs/vocab.ts'

/** Forms and inputs of the partner program. Safe to use in the browser. */

const text = (label: string, max: number) =>
  z
    .string({ required_error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} can be at most ${max} characters.`)

const optionalText = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, `${label} can be at most ${max} characters.`).optional())

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

const wholeNumberOf = (label: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(min, min === 0 ? `${label} cannot be negative.` : `${label} must be at least ${min}.`)
    .max(max, `${label} can be at most ${max.toLocaleString('en-US')}.`)

/** A required whole number typed in a form. */
const wholeNumber = (label: string, { min = 0, max = 1_000_000_000 }: { min?: number; max?: number } = {}) =>
  z.unknown().transform((raw, ctx) => {
    const v = blankToUndefined(raw)
    if (v === undefined || v === null) {
      ctx.addIssue({ code: 'custom', message: `Enter ${label.replace(/^The /, 'the ')}.` })
      return z.NEVER
    }
    const parsed = wholeNumberOf(label, min, max).safeParse(v)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message })
      return z.NEVER
    }
    return parsed.data
  })

/** An optional whole number: an empty field is undefined. */
const optionalWholeNumber = (label: string, { min = 0, max = 1_000_000_000 }: { min?: number; max?: number } = {}) => z.preprocess(blankToUndefined, wholeNumberOf(label, min, max).optional())

export const TrackSchema = z.object({
  name: text('track name', 120),
  description: optionalText(1000, 'The description'),
  partnerTypes: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.enum(PARTNER_TYPES, { errorMap: () => ({ message: 'Choose partner types from the list.' }) }))
      .min(1, 'Choose at least one partner type this track applies to.')
      .max(PARTNER_TYPES.length),
  ),
  position: optionalWholeNumber('The position', { max: 1000 }),
})
export type TrackInput = z.input<typeof TrackSchema>

/** The form's field names for one requirement: its threshold (blank: not required) and trailing window. */
export const thresholdField = (m: ProgramMetric) => `threshold_${m}` as const
export const windowField = (m: ProgramMetric) => `window_${m}` as const

const requirementFields = Object.fromEntries(
  PROGRAM_METRICS.flatMap((m) => [
    [thresholdField(m), MONEY_METRICS.includes(m) ? moneyField('The threshold') : optionalWholeNumber('The threshold')],
    [windowField(m), optionalWholeNumber('The window', { min: 1, max: 3660 })],
  ]),
) as unknown as Record<`threshold_${ProgramMetric}` | `window_${ProgramMetric}`, z.ZodType<number | undefined, z.ZodTypeDef, unknown>>

export const TierSchema = z
  .object({
    name: text('tier name', 80),
    rank: wholeNumber('The rank', { min: 1, max: 100 }),
    orgTier: z.enum(TIERS, { errorMap: () => ({ message: 'Choose the tier label partners in this tier carry.' }) }),
    discountPercent: z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v.trim().replace('%', ''))) : (v ?? 0)),
      z.number({ invalid_type_error: 'The discount must be a number.' }).min(0, 'The discount cannot be negative.').max(100, 'The discount can be at most 100%.'),
    ),
    mdfAmount: moneyField('The MDF budget'),
    mdfCurrency: z
      .string({ required_error: 'Choose the MDF budget’s currency.' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code from the program’s list, like USD.'),
    mdfPeriod: z.enum(MDF_PERIODS, { errorMap: () => ({ message: 'Choose per quarter or per year.' }) }),
    placementBoost: optionalWholeNumber('The placement boost', { max: 100 }),
    cosellPriority: z.enum(COSELL_PRIORITIES, { errorMap: () => ({ message: 'Choose standard, high or top.' }) }),
    ...requirementFields,
  })
  .and(FeeTermsSchema)
  .superRefine((v, ctx) => {
    const values = v as Record<string, unknown>
    if (!PROGRAM_METRICS.some((m) => values[thresholdField(m)] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'A tier needs at least one requirement: enter a threshold for one metric or more.' })
    }
  })
  .transform((v) => {
    const values = v as unknown as Record<string, number | undefined>
    return {
      name: v.name,
      rank: v.rank!,
      orgTier: v.orgTier,
      feeType: v.feeType,
      feePercentBps: v.feePercentBps,
      feeFixedAmount: v.feeFixedAmount,
      feeCapAmount: v.feeCapAmount,
      discountBps: Math.round(v.discountPercent * 100),
      mdfAmount: v.mdfAmount ?? 0,
      mdfCurrency: v.mdfCurrency,
      mdfPeriod: v.mdfPeriod,
      placementBoost: v.placementBoost ?? 0,
      cosellPriority: v.cosellPriority,
      requirements: PROGRAM_METRICS.filter((m) => values[thresholdField(m)] !== undefined).map((m) => ({
        metric: m,
        threshold: values[thresholdField(m)]!,
        windowDays: values[windowField(m)] ?? 365,
      })),
    }
  })
export type TierInput = z.input<typeof TierSchema>
export type TierValues = z.output<typeof TierSchema>

export const ProgramSettingsFormSchema = z.object({
  downgradeGraceDays: wholeNumber('The grace period', { max: 3650 }),
  currencies: z
    .string({ required_error: 'List the currencies benefits may be stated in, like USD, EUR.' })
    .trim()
    .transform((v, ctx) => {
      const codes = [
        ...new Set(
          v
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((c) => c.toUpperCase()),
        ),
      ]
      if (!codes.length || codes.some((c) => !/^[A-Z]{3}$/.test(c)) || codes.length > 20) {
        ctx.addIssue({ code: 'custom', message: 'List one to 20 three-letter currency codes, separated by commas, like USD, EUR.' })
        return z.NEVER
      }
      return codes
    }),
})

export const reasonField = z
  .string({ required_error: 'Give the reason for this decision.' })
  .trim()
  .min(3, 'Give the reason for this decision (at least 3 characters).')
  .max(1000, 'The reason can be at most 1,000 characters.')

export const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), reason: optionalText(1000, 'The reason') }),
  z.object({
    intent: z.literal('override'),
    /** A tier id, or "none" to leave the track's tiers. */
    tierId: z.string({ required_error: 'Choose the tier to set.' }).trim().min(1, 'Choose the tier to set.').max(64),
    reason: reasonField,
  }),
])

const dateField = (label: string) =>
  z
    .string({ required_error: `Enter the ${label}.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date.`)
    .transform((v, ctx) => {
      const d = new Date(`${v}T00:00:00Z`)
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: `Enter the ${label} as a real date.` })
        return z.NEVER
      }
      return d
    })

export const CertificationSchema = z
  .object({
    personName: text('person’s name', 120),
    personEmail: z.preprocess(blankToUndefined, z.string().trim().email('Enter a valid e-mail address, or leave it empty.').max(254).optional()),
    name: text('certification’s name', 160),
    issuedAt: dateField('issue date'),
    expiresAt: dateField('expiry date'),
  })
  .refine((v) => v.expiresAt.getTime() > v.issuedAt.getTime(), { path: ['expiresAt'], message: 'The expiry date must come after the issue date.' })
export type CertificationInput = z.input<typeof CertificationSchema>

const idMessage = "The form's certification is missing or not a valid id. Reload the page and try again."

/** The partner's program page: expiring or removing a certification (a row's button). */
export const CertificationRowSchema = z.object({
  intent: z.enum(['expire', 'remove']),
  certificationId: z
    .string({ required_error: idMessage })
    .trim()
    .min(1, idMessage)
    .max(64, idMessage)
    .regex(/^[\w-]+$/, idMessage),
})

/** The partner's program page: adding a certification. */
export const CertificationAddSchema = CertificationSchema.innerType()
  .extend({ intent: z.literal('add') })
  .refine((v) => v.expiresAt.getTime() > v.issuedAt.getTime(), { path: ['expiresAt'], message: 'The expiry date must come after the issue date.' })
