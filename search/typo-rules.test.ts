/**
 * Typo rules both engines share (Meilisearch's): 1 typo from 5 letters, 2 from 9, and a different
 * first letter counts as two typos (so it needs a word of 9+ letters and no other typo). Runs on
 * the PostgreSQL engine, and on Meilisearch when MEILI_HOST is set.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createId } from '#app/utils/id.ts'
import { CONTRACT_DOCUMENTS } from '#search/fixtures.ts'
import { MeiliSearchEngine } from '#search/meili.server.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import { typoDistance } from '#search/synonyms.ts'
import type { SearchEngine } from '#search/types.ts'

const engines: [string, () => SearchEngine][] = [
  ['postgres', () => new PostgresSearchEngine()],
  ['postgres (no cache)', () => new PostgresSearchEngine(undefined, { cacheSize: 0 })],
]
if (process.env.MEILI_HOST) {
  engines.push(['meilisearch', () => new MeiliSearchEngine({ host: process.env.MEILI_HOST!, apiKey: process.env.MEILI_API_KEY || undefined, index: `typos_${createId(8).toLowerCase()}` })])
}

test('typoDistance counts a different first letter as two typos', () => {
  expect(typoDistance('clinik', 'clinic', false)).toBe(1)
  expect(typoDistance('glinic', 'clinic', false)).toBeNull()
  expect(typoDistance('nealthcare', 'healthcare', false)).toBe(2)
  expect(typoDistance('nelthcare', 'healthcare', false)).toBeNull()
})

describe.each(engines)('%s engine typo rules', (_name, make) => {
  let engine: SearchEngine
  beforeAll(async () => {
    engine = make()
    await engine.ensureIndex()
    await engine.upsert(CONTRACT_DOCUMENTS)
  })
  afterAll(async () => {
    if (engine instanceof MeiliSearchEngine)
      await engine.client
        .deleteIndex(engine.index)
        .waitTask({ timeout: 30_000 })
        .catch(() => undefined)
  })
  const ids = async (q: string) => (await engine.search({ q, perPage: 100 })).hits.map((h) => h.document.id).sort()

  test.each([
    ['a typo after the first letter, 6 letters', 'clinik scheduling', ['listing-clinic-scheduling']],
    ['a different first letter in a 6-letter word is two typos: too many', 'glinic scheduling', []],
    ['a different first letter in a 9+ letter word is allowed', 'nealthcare data', ['listing-health-data-suite']],
    ['a different first letter and one more typo: too many', 'nelthcare data', []],
    ['no typo under 5 letters', 'dsta', []],
  ])('%s (%s)', async (_label, q, expected) => {
    expect(await ids(q)).toEqual(expected)
  })
})
