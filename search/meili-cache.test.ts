/**
 * Meilisearch answers kept per index version (the search consumer's outbox position): a repeated
 * query is answered from memory while the version holds, a new version or a write of this process
 * is seen at once, and a write by another node shows once the version moves. Runs against the
 * server named by MEILI_HOST (`npm run meili -- …`, as .ci/run does).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createId } from '#app/utils/id.ts'
import { CONTRACT_DOCUMENTS } from '#search/fixtures.ts'
import { MeiliSearchEngine } from '#search/meili.server.ts'
import type { SearchQuery } from '#search/types.ts'

describe.runIf(Boolean(process.env.MEILI_HOST))('Meilisearch answers kept per index version', () => {
  const index = `kept_${createId(8).toLowerCase()}`
  let version = 'v1'
  let versionReads = 0
  const node = (options: { cacheSize?: number } = {}) =>
    new MeiliSearchEngine({
      host: process.env.MEILI_HOST!,
      apiKey: process.env.MEILI_API_KEY || undefined,
      index,
      version: async () => {
        versionReads++
        return version
      },
      freshMs: 0,
      ...options,
    })
  const [first] = CONTRACT_DOCUMENTS
  const renamed = { ...first!, title: `${first!.title} Kestrel` }

  beforeAll(async () => {
    await node().upsert(CONTRACT_DOCUMENTS)
  }, 60_000)

  afterAll(async () => {
    await node().client.deleteIndex(index)
  })

  test('a repeated query is answered from what is kept until the version moves', async () => {
    const web = node()
    const other = node()
    expect((await web.search({ q: 'kestrel' })).total).toBe(0)
    // Another node writes: this one keeps its answer while the recorded version is unchanged …
    await other.upsert([renamed])
    const reads = versionReads
    expect((await web.search({ q: 'kestrel' })).total).toBe(0)
    expect(versionReads).toBe(reads + 1)
    // … and asks Meilisearch again as soon as the version moves.
    version = 'v2'
    expect((await web.search({ q: 'kestrel' })).total).toBe(1)
  })

  test("this node's own write is seen by its next search at once", async () => {
    const web = node()
    expect((await web.search({ q: 'kestrel' })).total).toBe(1)
    await web.upsert([first!])
    expect((await web.search({ q: 'kestrel' })).total).toBe(0)
  })

  test('without a version source, or with SEARCH_CACHE=0 (cacheSize 0), every search asks Meilisearch', async () => {
    const uncached = node({ cacheSize: 0 })
    const writer = node()
    expect((await uncached.search({ q: 'kestrel' })).total).toBe(0)
    await writer.upsert([renamed])
    expect((await uncached.search({ q: 'kestrel' })).total).toBe(1)
  })

  test('facet counts reused across pages, sorts and filter combinations equal what Meilisearch counts afresh', async () => {
    const kept = node()
    const fresh = node({ cacheSize: 0 })
    // Each search after the first reuses counts an earlier one kept: the same text and filters on
    // another page or sort, a filtered facet's counts under the other filters, values in another order.
    const sequence: SearchQuery[] = [
      { q: 'cloud' },
      { q: 'cloud', sort: 'name', page: 2, perPage: 2 },
      { q: 'cloud', filters: { region: ['EMEA'] } },
      { q: 'cloud', filters: { region: ['EMEA'], industry: ['retail'] } },
      { q: 'cloud', filters: { industry: ['retail'], region: ['EMEA'] }, sort: 'newest' },
      { q: 'cloud', filters: { region: ['NA', 'EMEA'], industry: ['retail'], type: ['technology', 'msp'] } },
      { q: 'cloud', filters: { region: ['EMEA', 'NA'], industry: ['retail'], type: ['msp', 'technology'] }, page: 2, perPage: 1 },
      { filters: { tier: ['gold'] } },
      { filters: { tier: ['gold'], kind: ['partner'] }, sort: 'name' },
    ]
    for (const query of sequence) {
      const [a, b] = [await kept.search(query), await fresh.search(query)]
      expect(a, JSON.stringify(query)).toEqual(b)
    }
    expect(kept.stats.countsReused).toBeGreaterThan(0)
    // Fewer queries than the uncached node sent for the same searches.
    expect(kept.stats.queries).toBeLessThan(fresh.stats.queries)
    await Promise.all([kept.close(), fresh.close()])
  })

  test('identical searches at the same time send one multi-search and get the same answer', async () => {
    const web = node()
    const [a, b, c] = await Promise.all([web.search({ q: 'cloud', page: 2, perPage: 1 }), web.search({ q: 'cloud', page: 2, perPage: 1 }), web.search({ q: 'cloud', page: 2, perPage: 1 })])
    expect(web.stats.multiSearches).toBe(1)
    expect(web.stats.joined).toBe(2)
    expect(b).toBe(a)
    expect(c).toBe(a)
    await web.close()
  })

  test("the consumer's changes skip what the index already holds, and the rest is written", async () => {
    const writer = node()
    const [, second, third, fourth] = CONTRACT_DOCUMENTS
    const changed = { ...third!, summary: `${third!.summary} Osprey` }
    const tasks = async () => (await writer.client.tasks.getTasks({ indexUids: [index], limit: 1 })).results[0]!.uid
    const before = await tasks()
    // `second` is held as given and `missing` is not held: only the change and the deletion are written.
    await writer.apply([second!, changed], ['listing-missing', fourth!.id])
    expect(writer.stats.writesSkipped).toBe(2)
    expect(await tasks()).toBe(before + 2)
    expect((await writer.search({ q: 'osprey' })).hits.map((h) => h.document.id)).toEqual([third!.id])
    expect(await writer.allIds()).not.toContain(fourth!.id)
    // The same changes again: the index holds them all, nothing is enqueued.
    await writer.apply([second!, changed], ['listing-missing', fourth!.id])
    expect(writer.stats.writesSkipped).toBe(6)
    expect(await tasks()).toBe(before + 2)
    await writer.close()
  })
})
