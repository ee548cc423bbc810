/**
 * Community search: topics and accepted answers, in either engine (the embedded PostgreSQL one,
 * `community-postgres.server.ts`, or Meilisearch, `community-meili.server.ts`), kept in step with
 * the outbox by `app/features/community/search.server.ts`. Unlike the marketplace index, nothing
 * here is public: each document carries the audience of its space and every search is filtered by
 * the searcher's audience tokens, in the engine, before anything is counted.
 */

export const COMMUNITY_FACETS = ['space', 'tag', 'kind', 'answered'] as const
export type CommunityFacet = (typeof COMMUNITY_FACETS)[number]

export type CommunityDocument = {
  /** `topic-<topicId>` or `answer-<topicId>` (the question's accepted answer). */
  id: string
  docType: 'topic' | 'answer'
  topicId: string
  spaceId: string
  spaceName: string
  spaceSlug: string
  /** The topic's kind: discussion, question or request. */
  topicKind: string
  answered: boolean
  tags: string[]
  /** Who may see the space: 'vendor' always, 'partners' for spaces open to every partner, 'org:<id>' per invited organization. */
  audience: string[]
  title: string
  /** Plain text, searched; hits show the start of it. */
  body: string
  authorName: string
  url: string
  /** Added to the text relevance (a ranking signal such as reputation; 0 without one). */
  boost: number
  publishedAt: string
}

export type CommunityFilters = { space?: string[]; tag?: string[]; kind?: string[]; answered?: ('yes' | 'no')[] }

export type CommunitySearchQuery = {
  q: string
  /** The searcher's audience tokens; required, never empty. */
  audience: string[]
  filters: CommunityFilters
  page: number
  perPage: number
}

export type CommunityHit = Omit<CommunityDocument, 'body' | 'audience' | 'boost'> & { snippet: string }
/** Facet value → count, among the documents matching the text, the audience and the filters. Space values are ids (names in `spaceNames`). */
export type CommunityFacetCounts = Record<CommunityFacet, Record<string, number>>

export type CommunitySearchResult = { total: number; page: number; perPage: number; hits: CommunityHit[]; facets: CommunityFacetCounts; spaceNames: Record<string, string> }

export interface CommunitySearchEngine {
  readonly name: 'postgres' | 'meilisearch'
  upsert(documents: CommunityDocument[]): Promise<void>
  delete(ids: string[]): Promise<void>
  search(query: CommunitySearchQuery): Promise<CommunitySearchResult>
}

export const emptyCommunityFacets = (): CommunityFacetCounts => ({ space: {}, tag: {}, kind: {}, answered: {} })
export const SNIPPET_CHARS = 220
