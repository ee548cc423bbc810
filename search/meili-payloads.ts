import type { MultiSearchQuery, Settings } from 'meilisearch'
import { documentDigest } from '#search/digest.ts'
import { meiliSynonyms, normalizedQuery } from '#search/synonyms.ts'
import { FACETS, MARK_END, MARK_START, stripMarkers, type Facet, type SearchDocument, type SearchFilters, type SearchQuery } from '#search/types.ts'

/** Facet name → document attribute in Meilisearch. */
export const MEILI_FACET_ATTRIBUTES: Record<Facet, string> = {
  kind: 'kind',
  type: 'type',
  tier: 'tier',
  region: 'regions',
  industry: 'industries',
  category: 'categories',
}

/** Attributes a search returns (never the long body or the keyword soup). */
export const MEILI_RETRIEVED = ['id', 'kind', 'entityId', 'slug', 'title', 'summary', 'orgId', 'orgName', 'type', 'tier', 'regions', 'industries', 'categories', 'url', 'publishedAt']

/** Index settings, applied (and awaited) before any document is added. */
export function meiliSettings(): Settings {
  return {
    // Rank order matters: a match in the title beats one in the org name, keywords, summary, body.
    searchableAttributes: ['title', 'orgName', 'keywords', 'summary', 'body'],
    // The digest (search/digest.ts) is shown so `npm run search:verify` can compare body and keywords too.
    displayedAttributes: [...MEILI_RETRIEVED, 'digest'],
    filterableAttributes: [...Object.values(MEILI_FACET_ATTRIBUTES), 'orgId'],
    sortableAttributes: ['publishedAtTs', 'sortName', 'id'],
    // `sort` right after `words`: with matchingStrategy "all" every hit matches every word, so an
    // explicit sort (name, newest) orders all hits; relevance sends no sort and falls through to typo/proximity/attribute.
    rankingRules: ['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness'],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    synonyms: meiliSynonyms(),
    faceting: { maxValuesPerFacet: 500, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: 1_000_000 },
    // Nothing asks Meilisearch to search inside facet values; without that index every write indexes less.
    facetSearch: false,
    // Proximity counts whether the query's words share an attribute, not how many words apart they
    // stand: Meilisearch then keeps no word-pair distances, the largest part of indexing a document,
    // and ranks with less work (a known difference from the PostgreSQL engine, in the README).
    proximityPrecision: 'byAttribute',
  }
}

export type MeiliDocument = Omit<SearchDocument, never> & { publishedAtTs: number; sortName: string; digest: string }

export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  return {
    ...doc,
    title: stripMarkers(doc.title),
    summary: stripMarkers(doc.summary),
    body: stripMarkers(doc.body),
    keywords: stripMarkers(doc.keywords),
    orgName: stripMarkers(doc.orgName),
    publishedAtTs: new Date(doc.publishedAt).getTime(),
    sortName: stripMarkers(doc.title).toLowerCase(),
    digest: documentDigest(doc),
  }
}

/** A filter value inside double quotes, escaped for Meilisearch's filter syntax. */
export function quoteFilterValue(value: string) {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** Meilisearch's array filter: the outer list is AND, each inner list OR. `except` leaves one facet's filter out. */
export function meiliFilter(filters: SearchQuery['filters'] = {}, except?: Facet, orgIds?: string[]): string[][] {
  const out: string[][] = []
  if (orgIds) out.push(orgIds.length ? orgIds.map((id) => `orgId = ${quoteFilterValue(id)}`) : ['orgId = "\u0000none"'])
  for (const facet of FACETS) {
    if (facet === except) continue
    const values = filters[facet]
    if (!values || values.length === 0) continue
    out.push(values.map((v) => `${MEILI_FACET_ATTRIBUTES[facet]} = ${quoteFilterValue(v)}`))
  }
  return out
}

export function meiliSort(sort: SearchQuery['sort']): string[] | undefined {
  if (sort === 'name') return ['sortName:asc', 'id:asc']
  if (sort === 'newest') return ['publishedAtTs:desc', 'id:asc']
  return undefined
}

/** Filters without one facet's (the filters a disjunctive count of that facet applies). */
export function filtersWithout(filters: SearchFilters, facet: Facet): SearchFilters {
  return Object.fromEntries(Object.entries(filters).filter(([f]) => f !== facet)) as SearchFilters
}

/**
 * The multi-search that answers one query with disjunctive facets: the first query returns the
 * page of hits and the counts of facets nobody filtered on; each filtered facet gets one more
 * query (no hits) with every filter except its own. `counted(filters, facet)` says whether the
 * counts of `facet` among the documents matching the text and `filters` are already known (kept
 * from an earlier search): such a facet is asked for nowhere, and a filtered facet whose counts
 * are known needs no query of its own.
 */
export function meiliSearchPayloads(
  indexUid: string,
  query: SearchQuery,
  counted: (filters: SearchFilters, facet: Facet) => boolean = () => false,
): { queries: MultiSearchQuery[]; facetOf: (Facet | null)[] } {
  const page = Math.max(1, query.page ?? 1)
  const perPage = Math.min(100, Math.max(1, query.perPage ?? 20))
  const wanted = query.facets ?? FACETS
  const filters = query.filters ?? {}
  const active = wanted.filter((f) => (filters[f]?.length ?? 0) > 0)
  const unfiltered = wanted.filter((f) => !active.includes(f) && !counted(filters, f))
  const q = meiliQueryText(query.q)
  const sort = meiliSort(query.sort)
  const main: MultiSearchQuery = {
    indexUid,
    q,
    filter: meiliFilter(filters, undefined, query.orgIds),
    ...(unfiltered.length ? { facets: unfiltered.map((f) => MEILI_FACET_ATTRIBUTES[f]) } : {}),
    page,
    hitsPerPage: perPage,
    attributesToRetrieve: MEILI_RETRIEVED,
    attributesToHighlight: ['title', 'summary'],
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
    matchingStrategy: 'all',
    ...(sort ? { sort } : {}),
  }
  const queries: MultiSearchQuery[] = [main]
  const facetOf: (Facet | null)[] = [null]
  for (const facet of active) {
    if (counted(filtersWithout(filters, facet), facet)) continue
    queries.push({ indexUid, q, filter: meiliFilter(filters, facet, query.orgIds), facets: [MEILI_FACET_ATTRIBUTES[facet]], limit: 0, matchingStrategy: 'all' })
    facetOf.push(facet)
  }
  return { queries, facetOf }
}

/** The text Meilisearch is asked for (synonym phrases normalized, at most 200 characters). */
export function meiliQueryText(q: string | undefined) {
  return normalizedQuery((q ?? '').slice(0, 200))
}
