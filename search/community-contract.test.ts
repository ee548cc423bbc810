/**
 * The community engine contract: the same expectations for both CommunitySearchEngines. Runs
 * against the embedded PostgreSQL engine always, and against Meilisearch (an index of its own)
 * when MEILI_HOST is set.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createId } from '#app/utils/id.ts'
import { COMMUNITY_MEILI_SETTINGS, communityMeiliFilter, MeiliCommunitySearch } from '#search/community-meili.server.ts'
import { PostgresCommunitySearch } from '#search/community-postgres.server.ts'
import type { CommunityDocument, CommunitySearchEngine } from '#search/community-types.ts'

const engines: [string, () => CommunitySearchEngine][] = [['postgres', () => new PostgresCommunitySearch()]]
if (process.env.MEILI_HOST) {
  engines.push([
    'meilisearch',
    () => new MeiliCommunitySearch({ host: process.env.MEILI_HOST!, apiKey: process.env.MEILI_API_KEY || undefined, index: `community_contract_${createId(8).toLowerCase()}` }),
  ])
}

const doc = (id: string, fields: Partial<CommunityDocument>): CommunityDocument => ({
  id: `topic-${id}`,
  docType: 'topic',
  topicId: id,
  spaceId: 'space-open',
  spaceName: 'Open',
  spaceSlug: 'open',
  topicKind: 'discussion',
  answered: false,
  tags: [],
  audience: ['vendor', 'partners'],
  title: 'A topic',
  body: 'Some text',
  authorName: 'Someone',
  url: `/community/open/${id}`,
  boost: 0,
  publishedAt: '2026-01-01T00:00:00.000Z',
  ...fields,
})

const DOCS = [
  doc('t1', { title: 'Webhook retries', tags: ['webhooks', 'deal-registration'], publishedAt: '2026-01-03T00:00:00.000Z' }),
  doc('t2', { title: 'Pricing question', topicKind: 'question', tags: ['pricing'], publishedAt: '2026-01-02T00:00:00.000Z' }),
  doc('t3', { title: 'Nothing tagged', body: 'pricing is mentioned in the text only' }),
  doc('t4', { title: 'Private plans', tags: ['pricing', 'confidential'], spaceId: 'space-private', spaceName: 'Private', audience: ['vendor', 'org:o1'] }),
]

describe.each(engines)('%s community engine contract', (_name, make) => {
  let engine: CommunitySearchEngine
  beforeAll(async () => {
    engine = make()
    await engine.upsert(DOCS)
  })
  afterAll(async () => {
    await engine.delete(DOCS.map((d) => d.id))
  })
  const search = (q: string, audience: string[], filters: Record<string, string[]> = {}) => engine.search({ q, audience, filters, page: 1, perPage: 20 })

  test('a tag is found as a word, a hyphenated tag by its parts', async () => {
    expect((await search('webhooks', ['partners'])).hits.map((h) => h.topicId)).toEqual(['t1'])
    expect((await search('registration', ['partners'])).hits.map((h) => h.topicId)).toEqual(['t1'])
  })

  test('tags are a facet and a filter, counted only inside the audience', async () => {
    const all = await search('', ['partners'])
    expect(all.facets.tag).toEqual({ webhooks: 1, 'deal-registration': 1, pricing: 1 })
    const tagged = await search('', ['partners'], { tag: ['pricing'] })
    expect(tagged.hits.map((h) => h.topicId)).toEqual(['t2'])
    expect(tagged.hits[0]!.tags).toEqual(['pricing'])
    // The invited organization sees the private document's tags; a partner outside does not.
    expect((await search('', ['partners', 'org:o1'], { tag: ['confidential'] })).hits.map((h) => h.topicId)).toEqual(['t4'])
    const probe = await search('confidential', ['partners'])
    expect(probe.total).toBe(0)
    expect((await search('', ['partners'], { tag: ['confidential'] })).facets.tag).toEqual({})
  })

  test('a word in both a tag and a text matches both; the tagged topic ranks above a body-only mention', async () => {
    const r = await search('pricing', ['partners'])
    expect(r.hits.map((h) => h.topicId)).toEqual(['t2', 't3'])
  })

  test('re-tagging a document replaces its tags in hits, facets and matches', async () => {
    await engine.upsert([{ ...DOCS[0]!, tags: ['api'] }])
    // "registration" was only in the dropped tag ("webhooks" would still match the title's "Webhook").
    expect((await search('registration', ['partners'])).total).toBe(0)
    expect((await search('api', ['partners'])).hits.map((h) => h.topicId)).toEqual(['t1'])
    expect((await search('', ['partners'])).facets.tag).toEqual({ api: 1, pricing: 1 })
  })
})

test('the Meilisearch index searches and filters tags (checked without a server too)', () => {
  expect(COMMUNITY_MEILI_SETTINGS.searchableAttributes).toEqual(['title', 'tags', 'body'])
  expect(COMMUNITY_MEILI_SETTINGS.filterableAttributes).toContain('tags')
  expect(communityMeiliFilter({ audience: ['partners'], filters: { tag: ['deal-registration', 'a"b'] } })).toEqual(['audience IN ["partners"]', 'tags IN ["deal-registration", "a\\"b"]'])
})
