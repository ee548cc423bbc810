import { z } from 'zod'
import { INDUSTRIES, PARTNER_TYPES, REGIONS, TIERS } from '#db/vocab.ts'
import { FACETS, SEARCH_KINDS, SORTS, type Facet, type SearchFilters, type SearchSort } from '#search/types.ts'

/** Values each facet accepts (category values are checked against the taxonomy on the server). */
export const FACET_VALUES: Record<Exclude<Facet, 'category'>, readonly string[]> = {
  kind: SEARCH_KINDS,
  type: PARTNER_TYPES,
  tier: TIERS,
  region: REGIONS,
  industry: INDUSTRIES,
}

export const Q_MAX = 200
export const PER_PAGE_MAX = 100
export const SEARCH_PARAMS = ['q', ...FACETS, 'sort', 'page', 'perPage'] as const

/** A facet's values, read without regard to case (`region=emea` is EMEA), each once, in the spelling the index uses. */
const oneOf = (facet: Exclude<Facet, 'category'>) =>
  z.array(z.string()).transform((values, ctx) => {
    const out: string[] = []
    for (const value of values) {
      const canonical = FACET_VALUES[facet].find((known) => known.toLowerCase() === value.toLowerCase())
      if (canonical === undefined) ctx.addIssue({ code: 'custom', message: `Unknown ${facet} "${value}". Use one of: ${FACET_VALUES[facet].join(', ')}.` })
      else if (!out.includes(canonical)) out.push(canonical)
    }
    return out
  })

const single = (name: string) =>
  z
    .array(z.string())
    .refine((v) => v.length <= 1, { message: `Give ${name} once.` })
    .transform((v) => v[0])

export const SearchParamsSchema = z
  .object({
    q: single('q')
      .refine((v) => v === undefined || v.length <= Q_MAX, { message: `q can be at most ${Q_MAX} characters; shorten the search.` })
      .transform((v) => v?.trim() || undefined),
    kind: oneOf('kind'),
    type: oneOf('type'),
    tier: oneOf('tier'),
    region: oneOf('region'),
    industry: oneOf('industry'),
    category: z.array(z.string().max(80, 'A category slug is at most 80 characters.')),
    sort: single('sort').pipe(z.enum(SORTS, { errorMap: (_i, ctx) => ({ message: `Unknown sort "${String(ctx.data)}". Use one of: ${SORTS.join(', ')}.` }) }).default('relevance')),
    page: single('page').pipe(
      z.coerce
        .number({ invalid_type_error: 'page must be a whole number from 1.' })
        .int('page must be a whole number from 1.')
        .min(1, 'page must be a whole number from 1.')
        .max(10_000, 'page can be at most 10000.')
        .default(1),
    ),
    perPage: single('perPage').pipe(
      z.coerce
        .number({ invalid_type_error: `perPage must be a whole number from 1 to ${PER_PAGE_MAX}.` })
        .int(`perPage must be a whole number from 1 to ${PER_PAGE_MAX}.`)
        .min(1, `perPage must be a whole number from 1 to ${PER_PAGE_MAX}.`)
        .max(PER_PAGE_MAX, `perPage can be at most ${PER_PAGE_MAX}.`)
        .default(20),
    ),
  })
  .strict()

export type SearchParams = { q?: string; filters: SearchFilters; sort: SearchSort; page: number; perPage: number }

export type ParsedSearch = { ok: true; params: SearchParams } | { ok: false; errors: string[] }

/**
 * Reads a query string: unknown parameters and unknown values are refused with messages naming
 * them; empty values (an empty field of the GET form) count as absent.
 */
export function parseSearchParams(searchParams: URLSearchParams): ParsedSearch {
  const raw: Record<string, string[]> = {}
  const unknown: string[] = []
  for (const [key, value] of searchParams) {
    if (!(SEARCH_PARAMS as readonly string[]).includes(key)) {
      if (!unknown.includes(key)) unknown.push(key)
      continue
    }
    raw[key] ??= []
    if (value !== '' || key === 'q') raw[key]!.push(value)
  }
  const errors = unknown.map((key) => `Unknown parameter "${key}". Allowed: ${SEARCH_PARAMS.join(', ')}.`)
  const input = Object.fromEntries(SEARCH_PARAMS.map((key) => [key, (raw[key] ?? []).filter((v, i, a) => key === 'q' || a.indexOf(v) === i)]))
  const result = SearchParamsSchema.safeParse(input)
  if (!result.success) errors.push(...result.error.issues.map((i) => (i.path.length && !i.message.includes(String(i.path[0])) ? `${i.path[0]}: ${i.message}` : i.message)))
  if (errors.length || !result.success) return { ok: false, errors }
  const { q, sort, page, perPage, ...facets } = result.data
  const filters: SearchFilters = {}
  for (const facet of FACETS) if (facets[facet].length) filters[facet] = facets[facet]
  return { ok: true, params: { q, filters, sort, page, perPage } }
}

/** The query string for a search state (what the page links to and the API accepts). */
export function toSearchParams(params: Partial<SearchParams>): URLSearchParams {
  const out = new URLSearchParams()
  if (params.q) out.set('q', params.q)
  for (const facet of FACETS) for (const value of params.filters?.[facet] ?? []) out.append(facet, value)
  if (params.sort && params.sort !== 'relevance') out.set('sort', params.sort)
  if (params.page && params.page > 1) out.set('page', String(params.page))
  if (params.perPage && params.perPage !== 20) out.set('perPage', String(params.perPage))
  return out
}

/** The filters with `value` of `facet` switched on or off (what a facet link leads to). */
export function toggledFilters(filters: SearchFilters, facet: Facet, value: string): SearchFilters {
  const current = filters[facet] ?? []
  return { ...filters, [facet]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value] }
}
