import { z } from 'zod'
import { searchEngine } from '#search/engine.server.ts'
import { INDUSTRY_LABELS, REGION_LABELS, TIER_LABELS, TYPE_LABELS } from '#search/labels.ts'
import type { HighlightPart, SearchFilters } from '#search/types.ts'
import { FACET_VALUES, Q_MAX } from '#app/features/search/schemas.ts'

const optionalChoice = (values: readonly string[], what: string) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string()
      .refine(
        (v) => values.includes(v),
        (v) => ({ message: `Unknown ${what} "${v}". Use one of: ${values.join(', ')}.` }),
      )
      .optional(),
  )

export const FindPartnerSchema = z
  .object({
    need: z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), z.string().max(Q_MAX, `Describe the need in at most ${Q_MAX} characters.`).optional()),
    region: optionalChoice(FACET_VALUES.region, 'region'),
    industry: optionalChoice(FACET_VALUES.industry, 'industry'),
  })
  .strict()
export type FindPartnerInput = z.infer<typeof FindPartnerSchema>

export type MatchReason = { text: string; parts?: HighlightPart[]; links?: { title: string; url: string }[] }
export type PartnerMatch = {
  orgId: string
  name: string
  url: string
  type: string | null
  tier: string | null
  regions: string[]
  industries: string[]
  score: number
  reasons: MatchReason[]
}

const TIER_POINTS: Record<string, number> = { platinum: 6, gold: 4, silver: 2, registered: 0 }

/**
 * "Find a partner": ranks active partners for a need in a region and industry. A partner scores
 * for its own profile matching the need (by search relevance), for each of its published listings
 * or integrations that match, and a little for its tier; every match says why it was suggested.
 */
export async function findPartners(input: FindPartnerInput, { limit = 10 } = {}): Promise<PartnerMatch[]> {
  const engine = searchEngine()
  const filters: SearchFilters = {}
  if (input.region) filters.region = [input.region]
  if (input.industry) filters.industry = [input.industry]
  const [profiles, offerings] = await Promise.all([
    engine.search({ q: input.need, filters: { ...filters, kind: ['partner'] }, sort: input.need ? 'relevance' : 'name', perPage: 50, facets: [] }),
    input.need ? engine.search({ q: input.need, filters: { ...filters, kind: ['listing', 'integration'] }, perPage: 100, facets: [] }) : null,
  ])
  const matches = new Map<string, PartnerMatch>()
  const ensure = (doc: { orgId: string; orgName: string; url: string; type: string | null; tier: string | null; regions: string[]; industries: string[] }) => {
    let m = matches.get(doc.orgId)
    if (!m) {
      m = { orgId: doc.orgId, name: doc.orgName, url: doc.url, type: doc.type, tier: doc.tier, regions: doc.regions, industries: doc.industries, score: TIER_POINTS[doc.tier ?? ''] ?? 0, reasons: [] }
      matches.set(doc.orgId, m)
    }
    return m
  }
  profiles.hits.forEach(({ document: d, highlight }, i) => {
    const m = ensure(d)
    if (input.need) {
      m.score += Math.max(10, 60 - i * 2)
      m.reasons.push({ text: `Its profile matches “${input.need}”`, parts: highlight.summary.some((p) => p.match) ? highlight.summary : highlight.title })
    }
  })
  const byOrg = new Map<string, { title: string; url: string }[]>()
  for (const { document: d } of offerings?.hits ?? []) byOrg.set(d.orgId, [...(byOrg.get(d.orgId) ?? []), { title: d.title, url: d.url }])
  // Partners found only through their offerings: their profile documents come from the same rules as the index.
  const missing = [...byOrg.keys()].filter((id) => !matches.has(id))
  if (missing.length) {
    const found = await engine.search({ filters: { kind: ['partner'] }, orgIds: missing, perPage: 100, facets: [] })
    for (const { document: d } of found.hits) ensure(d)
  }
  for (const [orgId, items] of byOrg) {
    const m = matches.get(orgId)
    if (!m) continue // e.g. the vendor's own listings
    m.score += 15 * Math.min(3, items.length)
    m.reasons.push({ text: `${items.length === 1 ? 'Offers a listing' : `Offers ${items.length} listings`} matching “${input.need}”`, links: items.slice(0, 3) })
  }
  for (const m of matches.values()) {
    if (input.region) m.reasons.push({ text: `Works in ${REGION_LABELS[input.region] ?? input.region}` })
    if (input.industry) m.reasons.push({ text: `Serves ${INDUSTRY_LABELS[input.industry] ?? input.industry}` })
    if (m.tier) m.reasons.push({ text: `${TIER_LABELS[m.tier] ?? m.tier} tier${m.type ? ` ${(TYPE_LABELS[m.type] ?? m.type).toLowerCase()}` : ''}` })
  }
  return [...matches.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, limit)
}
