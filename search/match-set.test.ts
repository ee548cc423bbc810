import { describe, expect, test } from 'vitest'
import { Corpus, type CorpusRow } from '#search/corpus.ts'
import { referenceFacets } from '#search/fixtures.ts'
import { MatchSet } from '#search/match-set.ts'
import { FACETS, type SearchDocument, type SearchFilters, type SearchSort } from '#search/types.ts'

// A deterministic pseudo-random corpus: many ties in rank, date and name, 40 categories (two bit words).
let seed = 7
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(values: readonly T[]) => values[Math.floor(rand() * values.length)]!
const some = <T>(values: readonly T[]) => [...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => pick(values)))]

const KINDS = ['partner', 'listing', 'integration'] as const
const TYPES = ['msp', 'technology', 'reseller', null]
const TIERS = ['gold', 'silver', null]
const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM']
const INDUSTRIES = ['healthcare', 'retail', 'energy']
const CATEGORIES = Array.from({ length: 40 }, (_, i) => `cat-${i}`)

type Row = CorpusRow & { rank: number }
const makeRow = (i: number): Row => ({
  docNo: 1000 + i,
  id: `${pick(KINDS)}-${i.toString(36)}`,
  entityId: `e${i}`,
  slug: `doc-${i}`,
  title: `Document ${i}`,
  summary: '',
  orgId: 'org',
  orgName: 'Org',
  url: `/doc-${i}`,
  kind: pick(KINDS),
  type: pick(TYPES),
  tier: pick(TIERS),
  regions: some(REGIONS),
  industries: some(INDUSTRIES),
  categories: some(CATEGORIES),
  rank: Math.floor(rand() * 5) / 4,
  publishedAt: 1_700_000_000_000_000 + Math.floor(rand() * 20) * 1_000_000,
  sortName: `name ${Math.floor(rand() * 50)}`,
})
const rows: Row[] = Array.from({ length: 600 }, (_, i) => makeRow(i))
// referenceFacets reads only the facet fields, which a row has under the same names.
const asDocuments = (list: Row[]) => list as unknown as SearchDocument[]

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const ORDER: Record<SearchSort, (a: Row, b: Row) => number> = {
  relevance: (a, b) => b.rank - a.rank || b.publishedAt - a.publishedAt || cmp(a.id, b.id),
  newest: (a, b) => b.publishedAt - a.publishedAt || cmp(a.id, b.id),
  name: (a, b) => cmp(a.sortName, b.sortName) || cmp(a.id, b.id),
}

function reference(list: Row[], filters: SearchFilters, sort: SearchSort) {
  const passing = list.filter((r) => FACETS.every((f) => !filters[f]?.length || fieldOf(r, f).some((v) => filters[f]!.includes(v))))
  return passing.sort(ORDER[sort]).map((r) => r.id)
}
function fieldOf(r: Row, facet: (typeof FACETS)[number]): string[] {
  const values: (string | null)[] = { kind: [r.kind], type: [r.type], tier: [r.tier], region: r.regions, industry: r.industries, category: r.categories }[facet]
  return values.filter((v): v is string => v !== null)
}
const withoutZeros = (facets: Record<string, Record<string, number>>) =>
  Object.fromEntries(Object.entries(facets).map(([facet, counts]) => [facet, Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0))]))

const idsOf = (corpus: Corpus, page: { slots: number[] }) => page.slots.map((slot) => corpus.id(slot))

/** A match set over `matching` in a corpus that may hold more documents; slots in relevance order as the database would send them. */
function matchSetOf(corpus: Corpus, matching: Row[], ranked = true) {
  const ordered = ranked ? [...matching].sort(ORDER.relevance) : matching
  return new MatchSet(
    corpus,
    Int32Array.from(ordered, (r) => corpus.slot(r.docNo)!),
    ranked,
  )
}

const cases: SearchFilters[] = [
  {},
  { region: ['EMEA', 'APAC'] },
  { region: ['NA'], industry: ['retail', 'energy'] },
  { kind: ['listing'], tier: ['gold'], category: ['cat-3', 'cat-35', 'cat-39'] },
  { type: ['msp'], category: ['cat-33'], region: ['LATAM'], industry: ['healthcare'] },
  { category: ['does-not-exist'] },
]

describe('MatchSet', () => {
  const corpus = new Corpus()
  // Noise the text did not match shares the corpus: it must never count or appear.
  const noise = Array.from({ length: 300 }, (_, i) => makeRow(600 + i))
  corpus.add([...noise.slice(0, 150), ...rows, ...noise.slice(150)])
  const set = matchSetOf(corpus, rows)

  test.each(cases)('disjunctive facet counts and totals equal the reference: %j', (filters) => {
    const result = set.evaluate({ filters, sort: 'relevance', page: 1, perPage: 20, facets: FACETS })
    const expected = referenceFacets(asDocuments(rows), filters)
    expect(result.total).toBe(expected.total)
    // The engine adds zero counts for filtered values itself; the match set reports what it counted.
    expect(result.facets).toEqual(withoutZeros(expected.facets))
  })

  test.each(['relevance', 'newest', 'name'] as const)('pages follow the %s order exactly, early and deep', (sort) => {
    for (const filters of cases) {
      const expected = reference([...rows], filters, sort)
      for (const [page, perPage] of [
        [1, 20],
        [3, 7],
        [2, 100],
        [6, 100],
        [40, 3],
      ] as const) {
        const ids = idsOf(corpus, set.evaluate({ filters, sort, page, perPage, facets: [] }))
        expect(ids).toEqual(expected.slice((page - 1) * perPage, page * perPage))
      }
    }
  })

  test('a small result is paged in order too (its own slots sorted)', () => {
    const few = rows.filter((r) => r.regions.includes('LATAM') && r.industries.includes('energy')).slice(0, 12)
    const small = matchSetOf(corpus, few)
    for (const sort of ['newest', 'name'] as const) {
      expect(idsOf(corpus, small.evaluate({ filters: {}, sort, page: 1, perPage: 5, facets: [] }))).toEqual(reference(few, {}, sort).slice(0, 5))
      expect(idsOf(corpus, small.evaluate({ filters: {}, sort, page: 3, perPage: 5, facets: [] }))).toEqual(reference(few, {}, sort).slice(10, 15))
    }
  })

  test('without a text query, relevance means newest first', () => {
    const unranked = matchSetOf(corpus, rows, false)
    expect(idsOf(corpus, unranked.evaluate({ filters: {}, sort: 'relevance', page: 1, perPage: 50, facets: [] }))).toEqual(reference([...rows], {}, 'newest').slice(0, 50))
  })

  test('documents added to the corpus later (new versions, other texts) leave an existing match set unchanged', () => {
    const grown = new Corpus()
    grown.add(rows.slice(0, 300))
    const before = matchSetOf(grown, rows.slice(0, 300))
    const expected = before.evaluate({ filters: { region: ['EMEA'] }, sort: 'name', page: 1, perPage: 100, facets: FACETS })
    // Enough new slots to grow every bitmap, some of them new versions of matched documents.
    const newVersions = rows.slice(0, 40).map((r, i) => ({ ...r, docNo: 50_000 + i, regions: ['EMEA'], sortName: 'aaa first' }))
    grown.add([...rows.slice(300), ...newVersions, ...Array.from({ length: 2000 }, (_, i) => makeRow(5000 + i))])
    expect(grown.superseded).toBe(40)
    expect(before.evaluate({ filters: { region: ['EMEA'] }, sort: 'name', page: 1, perPage: 100, facets: FACETS })).toEqual(expected)
    // A match set made now sees the new versions (and the merged name order puts them first).
    const now = matchSetOf(grown, [...rows.slice(40, 300), ...newVersions])
    const page = now.evaluate({ filters: { region: ['EMEA'] }, sort: 'name', page: 1, perPage: 40, facets: ['region'] })
    expect(idsOf(grown, page)).toEqual(reference(newVersions, {}, 'name'))
    expect(page.facets.region.EMEA).toBe(reference([...rows.slice(40, 300), ...newVersions], { region: ['EMEA'] }, 'name').length)
  })
})
