/**
 * The embedded engine answers a search in one of two ways: from its in-memory corpus and match
 * sets (the default), or in SQL alone (cache off, or an index too large for memory). Both must
 * give the same answer to every search: the same total, facet counts, hits in the same order
 * (ties in rank and date included) and the same highlights.
 */
import { beforeAll, describe, expect, test, vi } from 'vitest'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import { documentId, type SearchDocument, type SearchQuery } from '#search/types.ts'

let seed = 11
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(values: readonly T[]) => values[Math.floor(rand() * values.length)]!
const WORDS = ['cloud', 'clouds', 'migration', 'healthcare', 'data', 'security', 'systems', 'integrator', 'integration', 'managed', 'service', 'provider', 'retail', 'analytics', 'platform']

function makeDocuments(n: number): SearchDocument[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = pick(['partner', 'listing', 'integration'] as const)
    const title = `${pick(WORDS)} ${pick(WORDS)}${i % 5 === 0 ? '' : ` ${pick(WORDS)}`}`
    return {
      id: documentId(kind, `p${i}`),
      kind,
      entityId: `p${i}`,
      slug: `doc-${i}`,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      summary: `${pick(WORDS)}-${pick(WORDS)} for ${pick(WORDS)} teams`,
      body: Array.from({ length: 6 }, () => pick(WORDS)).join(' '),
      keywords: pick(WORDS),
      orgId: `org${i % 40}`,
      orgName: `Org ${i % 40}`,
      type: kind === 'partner' ? pick(['msp', 'reseller', 'systems_integrator']) : null,
      tier: kind === 'partner' ? pick(['gold', 'silver', null]) : null,
      regions: [...new Set([pick(['NA', 'EMEA', 'APAC', 'LATAM']), pick(['NA', 'EMEA'])])],
      industries: rand() < 0.2 ? [] : [pick(['healthcare', 'retail', 'energy'])],
      categories: kind === 'listing' ? [pick(['security', 'data', 'integration'])] : [],
      url: `/listings/doc-${i}`,
      // Few distinct dates: many documents tie on rank and date, and the id decides.
      publishedAt: new Date(Date.UTC(2025, 0, 1 + (i % 7))).toISOString(),
    }
  })
}

const QUERIES: SearchQuery[] = []
for (const q of [undefined, 'cloud', 'clou', 'clowd migration', 'healthcare data', 'SI', 'msp', 'integrater', 'managed service provider', 'security ', 'nothingmatches']) {
  for (const filters of [{}, { region: ['EMEA'] }, { region: ['NA', 'APAC'], kind: ['listing'] }, { type: ['msp', 'reseller'], tier: ['gold'] }, { industry: ['healthcare'], category: ['data'] }]) {
    for (const sort of ['relevance', 'newest', 'name'] as const) {
      for (const page of [1, 3]) QUERIES.push({ q, filters, sort, page, perPage: page === 1 ? 20 : 7 })
    }
  }
}

describe('the cached and the SQL-only paths of the PostgreSQL engine', () => {
  const cached = new PostgresSearchEngine()
  const sqlOnly = new PostgresSearchEngine(undefined, { cacheSize: 0 })

  beforeAll(async () => {
    await cached.ensureIndex()
    await cached.upsert(makeDocuments(400))
  })

  test(`give the same answer to ${QUERIES.length} searches (texts, typos, synonyms, filters, sorts, pages)`, async () => {
    let withHits = 0
    for (const query of QUERIES) {
      const [a, b] = [await cached.search(query), await sqlOnly.search(query)]
      expect({ query, result: a }).toEqual({ query, result: b })
      if (a.hits.length) withHits++
    }
    expect(withHits).toBeGreaterThan(QUERIES.length / 2)
  })

  test('and again after each of several rounds of changes, which the kept match sets follow from the change log', async () => {
    const documents = makeDocuments(400)
    const loads = vi.spyOn((cached as unknown as { matchSets: { loadMatchSet: () => unknown } }).matchSets, 'loadMatchSet')
    const rounds: ((docs: SearchDocument[]) => Promise<void>)[] = [
      // New versions: a word that starts matching texts, other regions.
      (docs) => cached.upsert(docs.slice(0, 60).map((d) => ({ ...d, title: `${d.title} cloud`, regions: ['LATAM'] }))),
      // Deletions, and documents that stop matching.
      async (docs) => {
        await cached.delete(docs.slice(0, 10).map((d) => d.id))
        await cached.upsert(docs.slice(60, 90).map((d) => ({ ...d, title: 'Unrelated words', summary: '', body: '', keywords: '' })))
      },
      // Deleted documents come back, and brand-new ones appear, tied with others on date.
      (docs) => cached.upsert([...docs.slice(0, 10), ...makeDocuments(430).slice(400)]),
    ]
    for (const round of rounds) {
      await round(documents)
      loads.mockClear()
      for (const query of QUERIES.filter((_, i) => i % 3 === 0)) {
        expect({ query, result: await cached.search(query) }).toEqual({ query, result: await sqlOnly.search(query) })
      }
      // The texts searched before were brought forward, not loaded again.
      expect(loads).not.toHaveBeenCalled()
    }
    loads.mockRestore()
  })

  test('an index larger than the corpus limit is searched in SQL alone, with the same answers', async () => {
    const small = new PostgresSearchEngine(undefined, { corpusLimit: 50 })
    for (const query of QUERIES.filter((_, i) => i % 5 === 0)) {
      expect({ query, result: await small.search(query) }).toEqual({ query, result: await sqlOnly.search(query) })
    }
    // It did not keep a corpus (the internal state, read here only to prove which path answered).
    expect(await (small as unknown as { corpora: { corpus: { ready: Promise<unknown> } } }).corpora.corpus.ready).toBeNull()
  })
})
