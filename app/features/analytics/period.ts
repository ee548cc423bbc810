import { z } from 'zod'
import { PARTNER_TYPES, REGIONS, TIERS } from '#db/vocab.ts'

/**
 * The period and partner filters every analytics surface takes (CLI, API, dashboard, CSV).
 * Shared by server and browser code, so no server imports here.
 *
 * Filters restrict WHICH PARTNER ORGS ARE CONSIDERED: a partner org counts only when it matches
 * every filter given (its partner type is one of `type`, its tier one of `tier`, and at least
 * one of its regions is one of `region`). Every number is then computed as if the partner orgs
 * outside the filter did not exist: their sourcing, touches, referrals and co-sell
 * participations are ignored. So with a filter `pipeline.total` is still the vendor's whole
 * pipeline, `partnerSourced`/`partnerInfluenced` count only the considered partners, and
 * `direct` is everything the considered partners had no part in; P2P referrals are those
 * between two considered partners; the network is the one among considered active partners.
 */
export const FILTER_EXPLANATION =
  'Filters restrict the partner orgs considered: a partner counts only if it matches every filter (type, tier, and at least one region). Numbers are computed as if other partners did not exist — pipeline total stays the whole pipeline, “direct” then means no part by a considered partner, P2P referrals and the network are those among considered partners.'

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/

/** Parses `YYYY-MM-DD` (UTC midnight) or a full ISO 8601 time with a zone; null when malformed. */
export function parseIsoTime(value: string): Date | null {
  if (!DAY_RE.test(value) && !ISO_RE.test(value)) return null
  const date = new Date(DAY_RE.test(value) ? `${value}T00:00:00.000Z` : value)
  if (Number.isNaN(date.getTime())) return null
  // Reject calendar overflow such as 2026-02-30, which Date silently rolls over.
  // The calendar day is checked on its own, whatever the zone: 2026-02-30T10:00+01:00 is refused too.
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number]
  const day = new Date(Date.UTC(y, m - 1, d))
  if (y < 1 || day.getUTCFullYear() !== y || day.getUTCMonth() + 1 !== m || day.getUTCDate() !== d) return null
  return date
}

const isoTime = (label: string) =>
  z
    .string({ required_error: `${label} is required (YYYY-MM-DD, UTC).` })
    .trim()
    .transform((value, ctx) => {
      const date = parseIsoTime(value)
      if (!date) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label} must be a date like 2026-01-01 or an ISO 8601 time.` })
        return z.NEVER
      }
      return date
    })

/** A list filter from a query string: repeated params (`?type=a&type=b`) or a comma list. */
const listOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      (Array.isArray(v) ? v : v === undefined ? [] : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { errorMap: () => ({ message: `${label} must be one of: ${values.join(', ')}.` }) })))
    .transform((list) => [...new Set(list)])

export const periodQuerySchema = z
  .object({
    from: isoTime('from'),
    to: isoTime('to'),
    type: listOf(PARTNER_TYPES, 'type'),
    tier: listOf(TIERS, 'tier'),
    region: listOf(REGIONS, 'region'),
  })
  .superRefine((q, ctx) => {
    // Runs even when a field failed to parse (zod keeps going after a transform's issue): compare only real dates.
    if (!(q.from instanceof Date) || !(q.to instanceof Date)) return
    if (q.from.getTime() >= q.to.getTime()) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'to must be after from (the period is [from, to)).' })
  })

export type PeriodQuery = z.output<typeof periodQuerySchema>

export type AnalyticsFilters = {
  partnerTypes: (typeof PARTNER_TYPES)[number][]
  tiers: (typeof TIERS)[number][]
  regions: (typeof REGIONS)[number][]
}
export type Period = { from: Date; to: Date }

export function filtersOf(q: PeriodQuery): AnalyticsFilters {
  return { partnerTypes: q.type, tiers: q.tier, regions: q.region }
}

/** Turns URLSearchParams into the plain object the schema reads (repeated keys become arrays). */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key)
    out[key] = all.length > 1 ? all : all[0]!
  }
  return out
}

/** A zod error as `{ param: [messages] }`, naming each bad query parameter. */
export function paramErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'query')
    ;(out[key] ??= []).push(issue.message)
  }
  return out
}

/** The period of the same length just before this one: [from − (to − from), from). */
export function previousPeriod(p: Period): Period {
  const len = p.to.getTime() - p.from.getTime()
  return { from: new Date(p.from.getTime() - len), to: new Date(p.from) }
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** Default dashboard period: the last 12 whole months up to the first of next month (UTC). */
export function defaultPeriod(now = new Date()): Period {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))
  const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 1))
  return { from, to }
}
