import { sql } from 'drizzle-orm'
import { z } from 'zod'
import { db, queryRows } from '#db/client.server.ts'
import { searchEngine } from '#search/engine.server.ts'
import { INDUSTRY_LABELS, REGION_LABELS, TIER_LABELS, TYPE_LABELS } from '#search/labels.ts'
import { textArray } from '#search/postgres-common.ts'
import { words } from '#search/synonyms.ts'
import type { HighlightPart, SearchFilters, SearchHit } from '#search/types.ts'
import { NEED_STOP_WORDS, NEED_SYNONYMS } from '#app/features/search/need-vocabulary.ts'
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

export type MatchReasonKind = 'listing' | 'integration' | 'profile' | 'skill' | 'industry' | 'region' | 'type' | 'endorsement' | 'filter' | 'tier'
export type MatchReason = { kind: MatchReasonKind; text: string; parts?: HighlightPart[]; links?: { title: string; url: string }[] }
export type PartnerMatch = {
  orgId: string
  name: string
  url: string
  type: string | null
  tier: string | null
  regions: string[]
  industries: string[]
  score: number
  /** The need's terms this partner matched, in the need's words. */
  matched: string[]
  reasons: MatchReason[]
}

const TIER_POINTS: Record<string, number> = { platinum: 6, gold: 4, silver: 2, registered: 0 }
const MAX_TERMS = 8
const MAX_QUERIES = 16
/** Engine queries per term: its own stem and the first vocabulary phrases (need-vocabulary.ts lists the strongest first). */
const MAX_ALTERNATIVES = 4

/**
 * One thing the need asks for: `text` as the person wrote it, `queries` the engine texts that find
 * it (its stem, searched as a prefix, and its vocabulary phrases), `prefixes` the stems a word of a
 * skill or label must start with to count as this term.
 */
export type NeedTerm = { text: string; queries: string[]; prefixes: string[][] }

/** English stems from Postgres' own `english_stem` dictionary; null for an English stop word. */
async function stems(list: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>()
  if (list.length === 0) return out
  const rows = await queryRows<{ w: string; s: string[] | string | null }>(db, sql`select w, ts_lexize('english_stem', w) as s from unnest(${textArray(list)}) as w`)
  for (const row of rows) {
    const s = Array.isArray(row.s)
      ? row.s
      : typeof row.s === 'string'
        ? row.s
            .replace(/^\{|\}$/g, '')
            .split(',')
            .filter(Boolean)
        : []
    out.set(row.w, s[0] ?? null)
  }
  return out
}

/**
 * Reads a need as people write it: words lower-cased, stop words dropped, vocabulary phrases
 * (need-vocabulary.ts) recognised by their stems, every word reduced to its English stem.
 */
export async function planNeed(need: string): Promise<NeedTerm[]> {
  const tokens = words(need).slice(0, 40)
  const keys = Object.keys(NEED_SYNONYMS).map((k) => ({ key: k, words: words(k) }))
  const vocabulary = [...new Set([...keys.flatMap((k) => k.words), ...Object.values(NEED_SYNONYMS).flatMap((v) => v.flatMap(words))])]
  const stemOf = await stems([...new Set([...tokens, ...vocabulary])])
  // Short words (AWS, SAP, EHR, BI) are names, not English: kept as written.
  const stem = (w: string) => (w.length <= 4 ? w : (stemOf.get(w) ?? w))
  const same = (a: string | undefined, b: string) => a !== undefined && (a === b || stem(a) === stem(b))
  const phrase = (p: string) => words(p).map(stem)
  keys.sort((a, b) => b.words.length - a.words.length)
  const terms: NeedTerm[] = []
  let i = 0
  while (i < tokens.length) {
    const found = keys.find((k) => k.words.every((w, j) => same(tokens[i + j], w)))
    if (found) {
      const alternatives = [phrase(found.key), ...NEED_SYNONYMS[found.key]!.map(phrase)].slice(0, MAX_ALTERNATIVES)
      terms.push({ text: tokens.slice(i, i + found.words.length).join(' '), queries: alternatives.map((a) => a.join(' ')), prefixes: alternatives })
      i += found.words.length
      continue
    }
    const word = tokens[i]!
    i += 1
    if (NEED_STOP_WORDS.has(word) || (word.length > 1 && stemOf.get(word) === null) || word.length < 2) continue
    terms.push({ text: word, queries: [stem(word)], prefixes: [[stem(word)]] })
  }
  const seen = new Set<string>()
  return terms
    .map((t) => ({ ...t, queries: [...new Set(t.queries)] }))
    .filter((t) => {
      const key = t.queries[0]!
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .slice(0, MAX_TERMS)
}

/** Whether a skill or label (e.g. "Snowflake migration") contains a term (its stems as word prefixes, in order). */
function mentions(text: string, term: NeedTerm) {
  const ws = words(text)
  return term.prefixes.some((p) => ws.some((_, i) => p.every((stem, j) => ws[i + j]?.startsWith(stem))))
}

const quoteList = (items: string[]) => items.map((t) => `“${t}”`).join(', ')

/** The words of a hit that matched (highlighted in its title or summary), for a reason to cite. */
function matchedWords(hit: SearchHit) {
  return [...hit.highlight.title, ...hit.highlight.summary].filter((p) => p.match).map((p) => p.text.trim())
}

type Facts = { skills: string[]; endorsements: number; rating: number | null }

async function partnerFacts(orgIds: string[]): Promise<Map<string, Facts>> {
  const out = new Map<string, Facts>()
  if (orgIds.length === 0) return out
  const rows = await queryRows<{ id: string; skills: string[] | string | null; endorsements: number; rating: number | null }>(
    db,
    sql`select o.id, o.skills, coalesce(e.n, 0)::int as endorsements, e.rating::float8 as rating
        from organizations o
        left join lateral (select count(*) as n, avg(rating) as rating from endorsements where to_org_id = o.id) e on true
        where o.id = any(${textArray(orgIds)})`,
  )
  for (const r of rows) {
    const skills = Array.isArray(r.skills)
      ? r.skills
      : typeof r.skills === 'string'
        ? r.skills
            .replace(/^\{|\}$/g, '')
            .split(',')
            .filter(Boolean)
            .map((s) => s.replace(/^"|"$/g, ''))
        : []
    out.set(r.id, { skills, endorsements: Number(r.endorsements), rating: r.rating === null ? null : Number(r.rating) })
  }
  return out
}

type Candidate = PartnerMatch & {
  terms: Set<number>
  docs: Map<string, { hit: SearchHit; terms: Map<number, string[]> }>
}

const typeLabel = (type: string | null) => (type ? (TYPE_LABELS[type] ?? type) : null)

/**
 * "Find a partner": ranks active partners for a need written as a sentence, in a region and
 * industry. The need becomes terms (planNeed); every term is searched on its own, so a partner
 * needs to match only some of them, and ranks by how much of the need it covers (rarer terms weigh
 * more), how much of it one listing covers, and a little for tier and endorsements. Every match
 * says why, citing what matched: a listing's or integration's title and the words, a skill, an
 * industry, a region, the profile text, endorsements.
 */
export async function findPartners(input: FindPartnerInput, { limit = 10 } = {}): Promise<PartnerMatch[]> {
  const engine = searchEngine()
  const filters: SearchFilters = {}
  if (input.region) filters.region = [input.region]
  if (input.industry) filters.industry = [input.industry]
  const terms = input.need ? await planNeed(input.need) : []
  // A need of filler words only ("the and of") asks for nothing a partner could match.
  if (input.need && terms.length === 0) return []

  const candidates = new Map<string, Candidate>()
  const termOrgs = terms.map(() => new Set<string>())
  const queries = terms.flatMap((term, t) => term.queries.map((q) => ({ t, q }))).slice(0, MAX_QUERIES)
  const results = await Promise.all(queries.map(({ q }) => engine.search({ q, filters, perPage: 50, facets: [] })))
  const byOrg = new Map<string, Map<string, { hit: SearchHit; terms: Map<number, string[]> }>>()
  results.forEach((result, k) => {
    const { t } = queries[k]!
    for (const hit of result.hits) {
      const d = hit.document
      termOrgs[t]!.add(d.orgId)
      const docs = byOrg.get(d.orgId) ?? new Map()
      byOrg.set(d.orgId, docs)
      const entry = docs.get(d.id) ?? { hit, terms: new Map<number, string[]>() }
      docs.set(d.id, entry)
      entry.terms.set(t, [...new Set([...(entry.terms.get(t) ?? []), ...matchedWords(hit)])])
    }
  })

  // The partners' own documents (name, type, tier, regions, industries); the vendor's listings have none and drop out.
  const profileQuery = terms.length
    ? { filters: { kind: ['partner'] }, orgIds: [...byOrg.keys()].slice(0, 100), perPage: 100, facets: [] as const }
    : { filters: { ...filters, kind: ['partner'] }, sort: 'name' as const, perPage: 50, facets: [] as const }
  const profiles = terms.length && byOrg.size === 0 ? { hits: [] } : await engine.search(profileQuery)
  const facts = await partnerFacts(profiles.hits.map((h) => h.document.orgId))

  for (const { document: d } of profiles.hits) {
    candidates.set(d.orgId, {
      orgId: d.orgId,
      name: d.orgName,
      url: d.url,
      type: d.type,
      tier: d.tier,
      regions: d.regions,
      industries: d.industries,
      score: TIER_POINTS[d.tier ?? ''] ?? 0,
      matched: [],
      reasons: [],
      terms: new Set(),
      docs: byOrg.get(d.orgId) ?? new Map(),
    })
  }

  const orgCount = Math.max(1, candidates.size)
  const weights = termOrgs.map((orgs) => Math.log2(2 + orgCount / Math.max(1, orgs.size)))
  const totalWeight = weights.reduce((a, b) => a + b, 0) || 1
  const coverage = (ts: Iterable<number>) => [...ts].reduce((sum, t) => sum + weights[t]!, 0) / totalWeight

  for (const m of candidates.values()) {
    const fact = facts.get(m.orgId) ?? { skills: [], endorsements: 0, rating: null }
    const profileDoc = [...m.docs.values()].find((e) => e.hit.document.kind === 'partner')
    const offerings = [...m.docs.values()].filter((e) => e.hit.document.kind !== 'partner').sort((a, b) => coverage(b.terms.keys()) - coverage(a.terms.keys()))
    for (const e of m.docs.values()) for (const t of e.terms.keys()) m.terms.add(t)
    if (terms.length) {
      const best = Math.max(0, ...[...m.docs.values()].map((e) => coverage(e.terms.keys())))
      m.score += 100 * coverage(m.terms) + 30 * best + Math.min(3, fact.endorsements)
    }
    m.matched = [...m.terms].sort((a, b) => a - b).map((t) => terms[t]!.text)

    // Offerings first: they show the words in a title a customer can open.
    for (const e of offerings.slice(0, 3)) {
      const d = e.hit.document
      const cited = [...e.terms.entries()].sort(([a], [b]) => a - b).map(([t, found]) => citeTerm(terms[t]!.text, found))
      m.reasons.push({
        kind: d.kind === 'integration' ? 'integration' : 'listing',
        text: `${d.kind === 'integration' ? 'Confirmed integration' : 'Listing'} matching ${cited.join(', ')}`,
        links: [{ title: d.title, url: d.url }],
      })
    }
    if (offerings.length > 3) m.reasons.push({ kind: 'listing', text: `${offerings.length - 3} more ${offerings.length - 3 === 1 ? 'listing matches' : 'listings match'} the need` })

    // The profile: say which part of it matched each term — a skill, an industry, a region, the type, or its text.
    if (profileDoc) {
      const textTerms: number[] = []
      for (const t of [...profileDoc.terms.keys()].sort((a, b) => a - b)) {
        const term = terms[t]!
        const skills = fact.skills.filter((s) => mentions(s, term))
        const industries = m.industries.filter((v) => mentions(INDUSTRY_LABELS[v] ?? v, term))
        const regions = m.regions.filter((v) => mentions(REGION_LABELS[v] ?? v, term))
        if (skills.length) m.reasons.push({ kind: 'skill', text: `${skills.length === 1 ? 'Skill' : 'Skills'} ${quoteList(skills)} ${matchesTerm(term.text)}` })
        if (industries.length) m.reasons.push({ kind: 'industry', text: `Serves ${industries.map((v) => INDUSTRY_LABELS[v] ?? v).join(', ')} ${matchesTerm(term.text)}` })
        if (regions.length) m.reasons.push({ kind: 'region', text: `Works in ${regions.map((v) => REGION_LABELS[v] ?? v).join(', ')} ${matchesTerm(term.text)}` })
        const type = typeLabel(m.type)
        const byType = type !== null && mentions(type, term)
        if (byType) m.reasons.push({ kind: 'type', text: `A ${type} ${matchesTerm(term.text)}` })
        if (!skills.length && !industries.length && !regions.length && !byType) textTerms.push(t)
      }
      if (textTerms.length) {
        const { highlight } = profileDoc.hit
        m.reasons.push({
          kind: 'profile',
          text: `Its profile mentions ${quoteList(textTerms.map((t) => terms[t]!.text))}`,
          parts: highlight.summary.some((p) => p.match) ? highlight.summary : highlight.title.some((p) => p.match) ? highlight.title : undefined,
        })
      }
    }
    if (fact.endorsements > 0) {
      m.reasons.push({
        kind: 'endorsement',
        text: `Endorsed ${fact.endorsements === 1 ? 'once' : `${fact.endorsements} times`} by partners after won referrals${fact.rating !== null ? ` (average ${fact.rating.toFixed(1)} of 5)` : ''}`,
      })
    }
    const has = (kind: MatchReasonKind) => m.reasons.some((r) => r.kind === kind)
    if (input.region && !has('region')) m.reasons.push({ kind: 'filter', text: `Works in ${REGION_LABELS[input.region] ?? input.region}` })
    if (input.industry && !has('industry')) m.reasons.push({ kind: 'filter', text: `Serves ${INDUSTRY_LABELS[input.industry] ?? input.industry}` })
    const type = typeLabel(m.type)
    if (m.tier || type) m.reasons.push({ kind: 'tier', text: [m.tier ? `${TIER_LABELS[m.tier] ?? m.tier} tier` : null, type].filter(Boolean).join(' · ') })
  }

  const ranked = [...candidates.values()].filter((m) => terms.length === 0 || m.terms.size > 0)
  return ranked
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ terms: _terms, docs: _docs, ...match }) => match)
}

function matchesTerm(text: string) {
  return `(matches “${text}”)`
}

/** “cloud” (Azure): the need's word, and the document's words when they differ from it. */
function citeTerm(text: string, found: string[]) {
  const other = found.filter((f) => f.toLowerCase() !== text.toLowerCase())
  return other.length ? `“${text}” (${[...new Set(other)].slice(0, 3).join(', ')})` : `“${text}”`
}
