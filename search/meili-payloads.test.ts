import { describe, expect, test } from 'vitest'
import { meiliFilter, meiliSearchPayloads, meiliSettings, meiliSort, quoteFilterValue, toMeiliDocument } from '#search/meili-payloads.ts'
import { CONTRACT_DOCUMENTS } from '#search/fixtures.ts'
import { MARK_END, MARK_START } from '#search/types.ts'

describe('Meilisearch settings', () => {
  const settings = meiliSettings()

  test('searchable attributes in rank order: title first, body last', () => {
    expect(settings.searchableAttributes).toEqual(['title', 'orgName', 'keywords', 'summary', 'body'])
  })

  test('every facet is filterable, and the sorts are sortable', () => {
    expect(settings.filterableAttributes).toEqual(['kind', 'type', 'tier', 'regions', 'industries', 'categories', 'orgId'])
    expect(settings.sortableAttributes).toEqual(['publishedAtTs', 'sortName', 'id'])
    expect(settings.rankingRules).toEqual(['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness'])
  })

  test('typo tolerance and synonyms both ways', () => {
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } })
    const synonyms = settings.synonyms as Record<string, string[]>
    expect(synonyms['si']).toEqual(expect.arrayContaining(['systems integrator']))
    expect(synonyms['systems integrator']).toEqual(expect.arrayContaining(['si']))
    expect(synonyms['msp']).toEqual(expect.arrayContaining(['managed service provider']))
    expect(synonyms['managed service provider']).toEqual(expect.arrayContaining(['msp']))
    expect(synonyms['isv']).toEqual(['independent software vendor'])
    expect(synonyms['independent software vendor']).toEqual(['isv'])
  })

  test('exhaustive totals for paging, and enough facet values', () => {
    expect(settings.pagination).toEqual({ maxTotalHits: 1_000_000 })
    expect(settings.faceting?.maxValuesPerFacet).toBe(500)
  })

  test('the body and keywords are never returned', () => {
    expect(settings.displayedAttributes).not.toContain('body')
    expect(settings.displayedAttributes).not.toContain('keywords')
  })
})

describe('Meilisearch documents', () => {
  test('carry sortable name and timestamp, with highlight markers stripped', () => {
    const doc = toMeiliDocument({ ...CONTRACT_DOCUMENTS[0]!, title: `Nor${MARK_START}thwind${MARK_END} Systems` })
    expect(doc.title).toBe('Northwind Systems')
    expect(doc.sortName).toBe('northwind systems')
    expect(doc.publishedAtTs).toBe(Date.parse('2025-03-01T00:00:00.000Z'))
    expect(doc.id).toBe('partner-northwind')
  })
})

describe('Meilisearch query payloads', () => {
  test('filter values are quoted and escaped', () => {
    expect(quoteFilterValue('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"')
    expect(meiliFilter({ region: ['EMEA', 'APAC'], industry: ['healthcare'] })).toEqual([['regions = "EMEA"', 'regions = "APAC"'], ['industries = "healthcare"']])
    expect(meiliFilter({ region: ['EMEA'], industry: ['healthcare'] }, 'region')).toEqual([['industries = "healthcare"']])
  })

  test('sorts map to sortable attributes with a tiebreaker; relevance sends none', () => {
    expect(meiliSort('name')).toEqual(['sortName:asc', 'id:asc'])
    expect(meiliSort('newest')).toEqual(['publishedAtTs:desc', 'id:asc'])
    expect(meiliSort('relevance')).toBeUndefined()
  })

  test('no filters: one query that counts every facet', () => {
    const { queries, facetOf } = meiliSearchPayloads('marketplace', { q: 'helthcare', page: 2, perPage: 10 })
    expect(facetOf).toEqual([null])
    expect(queries).toEqual([
      {
        indexUid: 'marketplace',
        q: 'helthcare',
        filter: [],
        facets: ['kind', 'type', 'tier', 'regions', 'industries', 'categories'],
        page: 2,
        hitsPerPage: 10,
        attributesToRetrieve: ['id', 'kind', 'entityId', 'slug', 'title', 'summary', 'orgId', 'orgName', 'type', 'tier', 'regions', 'industries', 'categories', 'url', 'publishedAt'],
        attributesToHighlight: ['title', 'summary'],
        highlightPreTag: MARK_START,
        highlightPostTag: MARK_END,
        matchingStrategy: 'all',
      },
    ])
  })

  test('disjunctive facets: one extra query per filtered facet, without its own filter', () => {
    const { queries, facetOf } = meiliSearchPayloads('marketplace', {
      q: 'cloud for the banks',
      filters: { region: ['EMEA', 'APAC'], tier: ['gold'] },
      sort: 'name',
    })
    expect(facetOf).toEqual([null, 'tier', 'region'])
    expect(queries[0]).toMatchObject({
      q: 'cloud banks',
      filter: [['tier = "gold"'], ['regions = "EMEA"', 'regions = "APAC"']],
      facets: ['kind', 'type', 'industries', 'categories'],
      sort: ['sortName:asc', 'id:asc'],
      page: 1,
      hitsPerPage: 20,
    })
    expect(queries[1]).toEqual({ indexUid: 'marketplace', q: 'cloud banks', filter: [['regions = "EMEA"', 'regions = "APAC"']], facets: ['tier'], limit: 0, matchingStrategy: 'all' })
    expect(queries[2]).toEqual({ indexUid: 'marketplace', q: 'cloud banks', filter: [['tier = "gold"']], facets: ['regions'], limit: 0, matchingStrategy: 'all' })
  })

  test('facet counts already kept are asked for nowhere: not on the page query, and no query of their own', () => {
    const known = new Set(['{"tier":["gold"]}|region', '{"region":["EMEA","APAC"],"tier":["gold"]}|kind', '{"region":["EMEA","APAC"],"tier":["gold"]}|type'])
    const seen: string[] = []
    const { queries, facetOf } = meiliSearchPayloads('marketplace', { q: 'cloud', filters: { region: ['EMEA', 'APAC'], tier: ['gold'] } }, (filters, facet) => {
      seen.push(`${JSON.stringify(filters)}|${facet}`)
      return known.has(`${JSON.stringify(filters)}|${facet}`)
    })
    // Asked once per facet: unfiltered ones under every filter, filtered ones under the others.
    expect(seen).toHaveLength(6)
    expect(facetOf).toEqual([null, 'tier'])
    expect(queries[0]!.facets).toEqual(['industries', 'categories'])
    expect(queries[1]).toMatchObject({ filter: [['regions = "EMEA"', 'regions = "APAC"']], facets: ['tier'], limit: 0 })
    // Every count known: the page query asks for no facets at all.
    const all = meiliSearchPayloads('marketplace', { q: 'cloud' }, () => true)
    expect(all.queries).toHaveLength(1)
    expect(all.queries[0]).not.toHaveProperty('facets')
  })

  test('perPage is capped at 100 and q at 200 characters', () => {
    const { queries } = meiliSearchPayloads('i', { q: 'x'.repeat(500), perPage: 1000 })
    expect(queries[0]!.hitsPerPage).toBe(100)
    expect(queries[0]!.q!.length).toBe(200)
  })
})

describe('Meilisearch highlights', () => {
  test('a mark inside a word (prefix or typo match) is widened to the whole word, as ts_headline marks', async () => {
    const { wholeWords } = await import('#search/meili.server.ts')
    expect(wholeWords(`${MARK_START}Healthcar${MARK_END}e Data`)).toBe(`${MARK_START}Healthcare${MARK_END} Data`)
    expect(wholeWords(`pre${MARK_START}fix${MARK_END}-ed, ${MARK_START}whole${MARK_END} word`)).toBe(`${MARK_START}prefix${MARK_END}-ed, ${MARK_START}whole${MARK_END} word`)
  })
})
