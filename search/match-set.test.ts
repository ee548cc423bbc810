import { describe, expect, test } from 'vitest'
import { referenceFacets } from './fixtures.ts'
import { MatchSet, type MatchRow } from './match-set.ts'
import { FACETS, type SearchDocument, type SearchFilters, type SearchSort } from './types.ts'

// A deterministic pseudo-random corpus: many ties in rank, date and name, 40 categories (two bit words).
let seed = 7
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T,>(values: readonly T[]) => values[Math.floor(rand() * values.length)]!
const some = <T,>(values: readonly T[]) => [...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => pick(values)))]

const KINDS = ['partner', 'listing', 'integration'] as const
const TYPES = ['msp', 'technology', 'reseller', null]
const TIERS = ['gold', 'silver', null]
const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM']
const INDUSTRIES = ['healthcare', 'retail', 'energy']
const CATEGORIES = Array.from({ length: 40 }, (_, i) => `cat-${i}`)

const rows: MatchRow[] = Array.from({ length: 600 }, (_, i) => ({
  id: `${pick(KINDS)}-${i.toString(36)}`,
  kind: pick(KINDS),
  type: pick(TYPES),
  tier: pick(TIERS),
  regions: some(REGIONS),
  industries: some(INDUSTRIES),
  categories: some(CATEGORIES),
  rank: Math.floor(rand() * 5) / 4,
  publishedAt: 1_700_000_000_000_000 + Math.floor(rand() * 20) * 1_000_000,
  sortName: `name ${Math.floor(rand() * 50)}`,
}))
// referenceFacets reads only the facet fields, which a MatchRow has under the same names.
const asDocuments = rows as unknown as SearchDocument[]

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const ORDER: Record<SearchSort, (a: MatchRow, b: MatchRow) => number> = {
  relevance: (a, b) => b.rank - a.rank || b.publishedAt - a.publishedAt || cmp(a.id, b.id),
  newest: (a, b) => b.publishedAt - a.publishedAt || cmp(a.id, b.id),
  name: (a, b) => cmp(a.sortName, b.sortName) || cmp(a.id, b.id),
}

function reference(filters: SearchFilters, sort: SearchSort) {
  const passing = rows.filter((r) => FACETS.every((f) => !filters[f]?.length || fieldOf(r, f).some((v) => filters[f]!.includes(v))))
  return passing.sort(ORDER[sort]).map((r) => r.id)
}
function fieldOf(r: MatchRow, facet: (typeof FACETS)[number]): string[] {
  const values: (string | null)[] = { kind: [r.kind], type: [r.type], tier: [r.tier], region: r.regions, industry: r.industries, category: r.categories }[facet]
  return values.filter((v): v is string => v !== null)
}

describe('MatchSet', () => {
  const set = new MatchSet(rows, true)
  const cases: SearchFilters[] = [
    {},
    { region: ['EMEA', 'APAC'] },
    { region: ['NA'], industry: ['retail', 'energy'] },
    { kind: ['listing'], tier: ['gold'], category: ['cat-3', 'cat-35', 'cat-39'] },
    { type: ['msp'], category: ['cat-33'], region: ['LATAM'], industry: ['healthcare'] },
    { category: ['does-not-exist'] },
  ]

  test.each(cases)('disjunctive facet counts and totals equal the reference: %j', (filters) => {
    const result = set.evaluate({ filters, sort: 'relevance', page: 1, perPage: 20, facets: FACETS })
    const expected = referenceFacets(asDocuments, filters)
    expect(result.total).toBe(expected.total)
    // The engine adds zero counts for filtered values itself; the match set reports what it counted.
    const withoutZeros = Object.fromEntries(Object.entries(expected.facets).map(([facet, counts]) => [facet, Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0))]))
    expect(result.facets).toEqual(withoutZeros)
  })

  test.each(['relevance', 'newest', 'name'] as const)('pages follow the %s order exactly, early and deep', (sort) => {
    for (const filters of cases.slice(0, 3)) {
      const expected = reference(filters, sort)
      for (const [page, perPage] of [[1, 20], [3, 7], [2, 100], [6, 100], [40, 3]] as const) {
        const { ids } = set.evaluate({ filters, sort, page, perPage, facets: [] })
        expect(ids).toEqual(expected.slice((page - 1) * perPage, page * perPage))
      }
    }
  })

  test('without a text query, relevance means newest first', () => {
    const unranked = new MatchSet(rows, false)
    expect(unranked.evaluate({ filters: {}, sort: 'relevance', page: 1, perPage: 50, facets: [] }).ids).toEqual(reference({}, 'newest').slice(0, 50))
  })
})
