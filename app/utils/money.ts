import { z } from 'zod'

/**
 * Money, in one place. Amounts are integers in minor units (cents) of the vendor's currency
 * (USD); people type major units ("12,500.50", "$12,500"). Runs in the browser too: no server
 * imports here.
 */

/** 1 billion in major units: any amount a form takes above this is a typo. */
export const MAX_AMOUNT = 100_000_000_000

/** At most this many digits before the decimal point are read at all (fits a safe integer). */
const MAX_WHOLE_DIGITS = 13

export type MoneyReading = { ok: true; minor: number } | { ok: false; problem: 'not_an_amount' | 'negative' | 'too_large' }

/**
 * Reads what a person typed as an amount in major units into minor units, exactly (no floating
 * point): a leading `$`, `€` or `£`, thousands separators (`,`, `_`, spaces) and up to two decimals
 * are accepted. Says why when it cannot: not an amount ("1e3", "12.345", "abc"), negative, or more
 * than 13 digits before the decimal point. A number (from JSON) is taken as major units and
 * rounded to the cent.
 */
export function readMoney(input: string | number): MoneyReading {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, problem: 'not_an_amount' }
    if (input < 0) return { ok: false, problem: 'negative' }
    const minor = Math.round(input * 100)
    return Number.isSafeInteger(minor) ? { ok: true, minor } : { ok: false, problem: 'too_large' }
  }
  let s = input.trim().replace(/[,_\s]/g, '')
  const negative = /^-|^[$€£]-/.test(s)
  s = s.replace(/^-?[$€£]?-?/, '')
  const m = /^(\d*)(?:\.(\d{0,2}))?$/.exec(s)
  if (!m || !/\d/.test(s)) return { ok: false, problem: 'not_an_amount' }
  if (negative) return { ok: false, problem: 'negative' }
  const whole = m[1]!.replace(/^0+(?=\d)/, '')
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, problem: 'too_large' }
  return { ok: true, minor: Number(whole || '0') * 100 + Number((m[2] ?? '').padEnd(2, '0')) }
}

/** "12,500.50" → 1250050; null for anything that is not a non-negative amount. */
export function parseMoney(input: string): number | null {
  const r = readMoney(input)
  return r.ok ? r.minor : null
}

/** What a form says about an amount over {@link MAX_AMOUNT}: the amount is not wrong in kind, only (most likely) mistyped. */
export const TOO_LARGE_MESSAGE = `That is more than ${new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(MAX_AMOUNT / 100)}: check for extra digits.`

/**
 * An optional amount field of a form ("12,500" or "12500.50"), read as minor units: empty is
 * undefined; anything that is not a non-negative amount is refused with `message`, and an amount
 * over {@link MAX_AMOUNT} (a typo) with {@link TOO_LARGE_MESSAGE}.
 */
export const optionalMoneyField = (message: string) =>
  z
    .string()
    .trim()
    .max(30, message)
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined
      const read = readMoney(v)
      if (!read.ok && read.problem !== 'too_large') {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message })
        return z.NEVER
      }
      if (!read.ok || read.minor > MAX_AMOUNT) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: TOO_LARGE_MESSAGE })
        return z.NEVER
      }
      return read.minor
    })

const withCents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })
const wholeUnits = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })

const formatters = new Map<string, Intl.NumberFormat>()
function formatterFor(currency: string, whole: boolean) {
  const key = `${currency}:${whole}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, ...(whole ? { maximumFractionDigits: 0 } : {}) })
    formatters.set(key, f)
  }
  return f
}

/**
 * Minor units for people: "$12,500.50" (`cents`, the default: fees and won amounts, where every
 * cent counts), "$12,501" (`whole`: deal sizes in lists), or "$1.25M" / "$12.5k" / "$950"
 * (`compact`: dashboards and charts). Null or undefined reads "—". Another ISO 4217 `currency`
 * (a deal registered in EUR) reads "€12,500.50" (its minor units are hundredths too).
 */
export function formatMoney(minor: number | null | undefined, style: 'cents' | 'whole' | 'compact' = 'cents', currency = 'USD'): string {
  if (minor == null) return '—'
  const units = minor / 100
  if (currency !== 'USD') return formatterFor(currency, style !== 'cents').format(units)
  if (style === 'cents') return withCents.format(units)
  if (style === 'whole') return wholeUnits.format(units)
  if (Math.abs(units) >= 1_000_000) return `$${(units / 1_000_000).toFixed(2)}M`
  if (Math.abs(units) >= 10_000) return `$${(units / 1_000).toFixed(1)}k`
  return `$${units.toLocaleString('en-US', { maximumFractionDigits: 2 })}`
}
