/**
 * The engine contract: the same expectations for every SearchEngine. Runs against the embedded
 * PostgreSQL engine always, and against Meilisearch when MEILI_HOST is set.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createId } from '#app/utils/id.ts'
import { CONTRACT_DOCUMENTS, referenceFacets } from '#search/fixtures.ts'
import { MeiliSearchEngine } from '#search/meili.server.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import type { SearchDocument, SearchEngine, SearchFilters } from '#search/types.ts'

// The PostgreSQL engine answers from cached match sets by default, and in SQL alone with the cache off.
const engines: [string, () => SearchEngine][] = [
  ['postgres', () => new PostgresSearchEngine()],
  ['postgres (no cache)', () => new PostgresSearchEngine(undefined, { cacheSize: 0 })],
]
if (process.env.MEILI_HOST) {
  engines.push(['meilisearch', () => new MeiliSearchEngine({ host: process.env.MEILI_HOST!, apiKey: process.env.MEILI_API_KEY || undefined, index: `contract_${createId(8).toLowerCase()}` })])
}

const byId = (id: string) => CONTRACT_DOCUMENTS.find((d) => d.id === id)!
const ids = (r: { hits: { document: { id: string } }[] }) => r.hits.map((h) => h.document.id)

describe.each(engines)('%s engine contract', (_name, make) => {
  let engine: SearchEngine
  let docs: SearchDocument[]

  beforeAll(async () => {
    engine = make()
    await engine.ensureIndex()
    docs = CONTRACT_DOCUMENTS.map((d) => ({ ...d }))
    await engine.upsert(docs)
  })

  afterAll(async () => {
    if (engine instanceof MeiliSearchEngine)
      await engine.client
        .deleteIndex(engine.index)
        .waitTask({ timeout: 30_000 })
        .catch(() => undefined)
  })

  test('holds exactly the documents it was given', async () => {
    expect(await engine.allIds()).toEqual(docs.map((d) => d.id).sort())
  })

  test('a typo ("helthcare") finds healthcare documents, the one with it in the title first', async () => {
    const r = await engine.search({ q: 'helthcare' })
    expect(r.hits[0]!.document.id).toBe('listing-health-data-suite')
    expect(new Set(ids(r))).toEqual(new Set(['listing-health-data-suite', 'listing-pos-rollout', 'listing-clinic-scheduling']))
    expect(r.total).toBe(3)
    // The match is highlighted in the title, as plain text parts.
    expect(r.hits[0]!.highlight.title.filter((p) => p.match).map((p) => p.text.toLowerCase())).toContain('healthcare')
  })

  test('a typo ("integrater") ranks the integrator first, before a two-typo prefix match', async () => {
    const r = await engine.search({ q: 'integrater' })
    expect(r.hits[0]!.document.id).toBe('listing-integrator-program')
    expect(ids(r)).toContain('partner-northwind')
    expect(ids(r).indexOf('listing-integrator-program')).toBeLessThan(ids(r).indexOf('partner-northwind'))
  })

  test('exact words rank above typos', async () => {
    const r = await engine.search({ q: 'integrator' })
    expect(r.hits[0]!.document.id).toBe('listing-integrator-program')
  })

  test('synonyms: SI ↔ systems integrator, MSP ↔ managed service provider, ISV ↔ independent software vendor', async () => {
    expect(ids(await engine.search({ q: 'SI' }))).toContain('partner-northwind')
    expect(ids(await engine.search({ q: 'managed service provider' }))).toEqual(['partner-harbor'])
    expect(ids(await engine.search({ q: 'ISV' }))).toEqual(['partner-bluepeak'])
    expect(ids(await engine.search({ q: 'CRM' }))).toEqual(['integration-bluepeak-crm'])
    expect(ids(await engine.search({ q: 'AI fraud' }))).toEqual(['listing-fraud-models'])
  })

  test('every word must match; filler words are ignored', async () => {
    expect(ids(await engine.search({ q: 'clinic scheduling' }))).toEqual(['listing-clinic-scheduling'])
    expect(ids(await engine.search({ q: 'scheduling for the clinics' }))).toEqual(['listing-clinic-scheduling'])
    expect((await engine.search({ q: 'clinic zebra' })).total).toBe(0)
  })

  test('the last word matches as a prefix (search as you type)', async () => {
    expect(ids(await engine.search({ q: 'fraud detec' }))).toEqual(['listing-fraud-models'])
  })

  const filterCases: [string, SearchFilters][] = [
    ['one facet, two values (OR)', { region: ['EMEA', 'APAC'] }],
    ['two facets (AND across)', { region: ['EMEA', 'APAC'], industry: ['healthcare'] }],
    ['kind and tier', { kind: ['listing', 'integration'], tier: ['platinum', 'gold'] }],
    ['type, category and region', { type: ['technology', 'msp'], category: ['data', 'operations'], region: ['NA', 'EMEA'] }],
    ['a value nothing has', { industry: ['energy'] }],
  ]
  test.each(filterCases)('filters and disjunctive facet counts are exact: %s', async (_label, filters) => {
    const r = await engine.search({ filters, perPage: 100 })
    const expected = referenceFacets(docs, filters)
    expect(r.total).toBe(expected.total)
    expect(r.hits).toHaveLength(expected.total)
    expect(r.facets).toEqual(expected.facets)
  })

  test('filters combine with a text query', async () => {
    const r = await engine.search({ q: 'helthcare', filters: { region: ['NA'] }, perPage: 100 })
    expect(ids(r)).toEqual(['listing-pos-rollout'])
    // The region facet is counted without the region filter: all three healthcare matches.
    const matched = docs.filter((d) => ['listing-health-data-suite', 'listing-pos-rollout', 'listing-clinic-scheduling'].includes(d.id))
    expect(r.facets).toEqual(referenceFacets(matched, { region: ['NA'] }).facets)
  })

  test('sort by name and by newest is total and stable across pages', async () => {
    for (const sort of ['name', 'newest'] as const) {
      const pages: string[] = []
      for (let page = 1; page <= 4; page++) pages.push(...ids(await engine.search({ sort, page, perPage: 3 })))
      const expected = [...docs]
        .sort((a, b) => (sort === 'name' ? a.title.toLowerCase().localeCompare(b.title.toLowerCase()) || (a.id < b.id ? -1 : 1) : b.publishedAt.localeCompare(a.publishedAt) || (a.id < b.id ? -1 : 1)))
        .map((d) => d.id)
      expect(pages).toEqual(expected)
      // Asking again gives the same order.
      expect(ids(await engine.search({ sort, page: 2, perPage: 3 }))).toEqual(expected.slice(3, 6))
    }
  })

  test('a page past the end is empty but keeps the total', async () => {
    const r = await engine.search({ page: 50, perPage: 10 })
    expect(r.hits).toEqual([])
    expect(r.total).toBe(docs.length)
  })

  test('upsert replaces a document; deleting (unpublishing) removes it', async () => {
    const changed = { ...byId('listing-fraud-models'), title: 'Fraud Scoring Models' }
    await engine.upsert([changed])
    expect(ids(await engine.search({ q: 'scoring' }))).toEqual(['listing-fraud-models'])
    expect((await engine.search({ q: 'detection' })).total).toBe(0)
    await engine.delete(['listing-fraud-models', 'listing-does-not-exist'])
    expect((await engine.search({ q: 'scoring' })).total).toBe(0)
    expect(await engine.allIds()).not.toContain('listing-fraud-models')
    await engine.upsert([byId('listing-fraud-models')])
  })

  test('document text is returned as text: markup in a title is not interpreted', async () => {
    const tricky = { ...byId('partner-quarry'), id: 'partner-tricky', entityId: 'tricky', title: 'Tricky <img src=x onerror=alert(1)> Analytics' }
    await engine.upsert([tricky])
    const r = await engine.search({ q: 'tricky' })
    const title = r.hits[0]!.highlight.title.map((p) => p.text).join('')
    expect(title).toBe(tricky.title)
    await engine.delete(['partner-tricky'])
  })

  test('a rebuild fills a new index and swaps it in whole', async () => {
    const before = await engine.allIds()
    const target = await engine.beginRebuild()
    const subset = docs.filter((d) => d.kind === 'partner')
    await engine.upsert(subset, target)
    // Searches still see the old index while the new one fills.
    expect(await engine.allIds()).toEqual(before)
    await engine.commitRebuild(target)
    expect(await engine.allIds()).toEqual(subset.map((d) => d.id).sort())
    expect((await engine.search({ q: 'helthcare' })).total).toBe(0)
    // Put everything back for any test that runs after.
    const again = await engine.beginRebuild()
    await engine.upsert(docs, again)
    await engine.commitRebuild(again)
    expect(await engine.allIds()).toEqual(docs.map((d) => d.id).sort())
  })
})
