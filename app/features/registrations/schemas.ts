import { z } from 'zod'
import { parseMoney } from '#app/utils/money.ts'
import { pageParam } from '#app/utils/page-query.ts'

/** Same lists as db/schema/registrations.ts, kept here so browser code does not pull in the schema. */
export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'revoked'] as const
export type RegistrationStatusValue = (typeof REGISTRATION_STATUSES)[number]
export const STATUS_LABELS: Record<RegistrationStatusValue, string> = {
  pending: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
  revoked: 'Approval revoked',
}
/** The vendor's reporting currency: analytics figures are in it (docs/metrics.md). */
export const REPORTING_CURRENCY = 'USD'
export const DEFAULT_PROTECTION_DAYS = 90
export const MIN_PROTECTION_DAYS = 7
export const MAX_PROTECTION_DAYS = 365

const date = z
  .string({ required_error: 'Enter the expected close date.' })
  .trim()
  .min(1, 'Enter the expected close date.')
  .transform((v, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Enter a date like 2026-12-31.' })
      return z.NEVER
    }
    return new Date(`${v}T00:00:00Z`)
  })

/** "Product A, Product B" (or repeated fields) → the distinct, trimmed names. */
const products = z.preprocess(
  (v) =>
    (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,\n]/) : [])
      .map((p) => String(p).trim())
      .filter(Boolean)
      .filter((p, i, all) => all.indexOf(p) === i),
  z
    .array(z.string().max(100, 'Keep each product name under 100 characters.'), { invalid_type_error: 'List the products, separated by commas.' })
    .min(1, 'Name at least one product the customer is buying.')
    .max(20, 'List at most 20 products.'),
)

/** What a partner fills in to register a deal (the domain normalizes the web domain). */
export const RegistrationInputSchema = z.object({
  accountName: z.string({ required_error: 'Enter the customer’s name.' }).trim().min(1, 'Enter the customer’s name.').max(200, 'Keep the name under 200 characters.'),
  accountDomain: z.string().trim().max(300, 'Keep the domain under 300 characters.').optional(),
  amount: z
    .string({ required_error: 'Enter the deal’s value.' })
    .trim()
    .min(1, 'Enter the deal’s value.')
    .max(30)
    .transform((v, ctx) => {
      const cents = parseMoney(v)
      if (cents === null || cents === 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Enter the value as a positive amount, like 25000 or 25,000.00.' })
        return z.NEVER
      }
      return cents
    }),
  /** One of the program's currencies (checked by the domain against the vendor's list and rates). */
  currency: z
    .string({ invalid_type_error: 'Choose the deal’s currency.' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Choose the deal’s currency from the list, like USD.')
    .default(REPORTING_CURRENCY),
  products,
  expectedCloseAt: date,
  notes: z.string().trim().max(2000, 'Keep the notes under 2,000 characters.').optional(),
})
export type RegistrationInput = z.input<typeof RegistrationInputSchema>

const reason = z.string({ required_error: 'Give a reason (at least 3 characters).' }).trim().min(3, 'Give a reason (at least 3 characters).').max(1000, 'Keep the reason under 1,000 characters.')

export const DecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), reason: z.string().trim().max(1000, 'Keep the note under 1,000 characters.').optional() }),
  z.object({ decision: z.literal('reject'), reason }),
])

/** The vendor's team revokes an approval: the reason is shown to the partner. */
export const RevokeSchema = z.object({ reason })

/**
 * Exchange rates as the settings form takes them: "EUR 1.08, GBP 1.27" — reporting-currency (USD)
 * units per unit of each currency; empty for none.
 */
export const ExchangeRatesSchema = z.preprocess(
  (v) => (v === undefined || v === null ? undefined : v),
  z
    .string()
    .trim()
    .max(500, 'Keep the list of rates under 500 characters.')
    .transform((v, ctx) => {
      const rates: Record<string, number> = {}
      for (const part of v
        .split(/[,;\n]/)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const m = /^([A-Za-z]{3})\s*[=:\s]\s*(\d+(?:\.\d{1,8})?)$/.exec(part)
        const rate = m ? Number(m[2]) : NaN
        if (!m || !(rate > 0) || rate > 1_000_000) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `“${part.slice(0, 40)}” is not a rate: write a currency code and a positive number, like EUR 1.08.` })
          return z.NEVER
        }
        const code = m[1]!.toUpperCase()
        if (code !== REPORTING_CURRENCY) rates[code] = rate
      }
      return rates
    })
    .optional(),
)

/** "EUR 1.08, GBP 1.27" for the settings form. */
export const formatRates = (rates: Record<string, number>) =>
  Object.entries(rates)
    .map(([code, rate]) => `${code} ${rate}`)
    .join(', ')

/** A value in the deal's currency converted to reporting-currency minor units (rounded to the cent). */
export const toReporting = (amount: number, rate: number) => Math.round(amount * rate)

export const ExtendSchema = z.object({
  days: z.coerce
    .number({ invalid_type_error: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(1, 'Extend by at least 1 day.')
    .max(MAX_PROTECTION_DAYS, `Extend by at most ${MAX_PROTECTION_DAYS} days at a time.`),
  reason,
})

export const ProtectionDaysSchema = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.coerce
    .number({ invalid_type_error: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(MIN_PROTECTION_DAYS, `Protect registrations for at least ${MIN_PROTECTION_DAYS} days.`)
    .max(MAX_PROTECTION_DAYS, `Protect registrations for at most ${MAX_PROTECTION_DAYS} days.`)
    .optional(),
)

export const ListQuerySchema = z.object({
  status: z.enum([...REGISTRATION_STATUSES, 'all']).catch('all'),
  page: pageParam,
})

/** A date as "2027-01-21" (UTC). Dates reach the page as Date objects: String(date) is "Thu Jan 21 …". */
export function dayText(value: string | Date | null): string {
  return value ? new Date(value).toISOString().slice(0, 10) : '—'
}

/** "in 12 days", "today", "3 days ago" for the protection end. */
export function expiresIn(until: Date | string | null, now = new Date()): string {
  if (!until) return '—'
  const days = Math.ceil((new Date(until).getTime() - now.getTime()) / 86_400_000)
  if (days > 1) return `in ${days} days`
  if (days === 1) return 'in 1 day'
  if (days === 0) return 'today'
  return `${-days} day${days === -1 ? '' : 's'} ago`
}
