/**
 * The search contract shared by every engine. Documents are flat and denormalized: an engine
 * never reads the application's tables, it only stores what the sync gives it.
 */

export const SEARCH_KINDS = ['partner', 'listing', 'integration'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

/** Facets, in the order pages show them. `kind` is the document kind. */
export const FACETS = ['kind', 'type', 'tier', 'region', 'industry', 'category'] as const
export type Facet = (typeof FACETS)[number]

export const SORTS = ['relevance', 'newest', 'name'] as const
export type SearchSort = (typeof SORTS)[number]

export type SearchDocument = {
  /** `<kind>-<entityId>`: unique across kinds, and a valid Meilisearch primary key. */
  id: string
  kind: SearchKind
  entityId: string
  slug: string
  title: string
  summary: string
  /** Longer text (description, listing body as plain text). Searched, never returned. */
  body: string
  /** Extra searchable words: partner type and industry labels, skills, category names, counterpart org. */
  keywords: string
  orgId: string
  orgName: string
  /** The partner type of the org behind the document. */
  type: string | null
  tier: string | null
  regions: string[]
  industries: string[]
  /** Category slugs. */
  categories: string[]
  url: string
  /** ISO timestamp: when the partner was approved / the listing published / the integration confirmed. */
  publishedAt: string
}

export type SearchFilters = Partial<Record<Facet, string[]>>

export type SearchQuery = {
  q?: string
  filters?: SearchFilters
  sort?: SearchSort
  /** 1-based. */
  page?: number
  perPage?: number
  /** Facets to count; defaults to all. */
  facets?: readonly Facet[]
  /** Only documents of these organizations (not a facet; e.g. to fetch partner profiles). */
  orgIds?: string[]
}

/** A piece of highlighted text: `match` marks the words that matched the query. */
export type HighlightPart = { text: string; match: boolean }

export type SearchHit = {
  document: Omit<SearchDocument, 'body' | 'keywords'>
  highlight: { title: HighlightPart[]; summary: HighlightPart[] }
}

export type FacetCounts = Record<Facet, Record<string, number>>

export type SearchResult = {
  total: number
  page: number
  perPage: number
  hits: SearchHit[]
  facets: FacetCounts
}

export type RebuildTarget = { name: string }

/** A document as an engine holds it (search/digest.ts): what a hit shows, plus a digest of everything it was given. */
export type StoredDocument = SearchHit['document'] & { digest: string }

export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch'
  /** Creates the index if needed and applies its settings (before any document is added). */
  ensureIndex(): Promise<void>
  /** Adds or replaces documents, in batches. `target` writes into an index being rebuilt. */
  upsert(documents: SearchDocument[], target?: RebuildTarget): Promise<void>
  /** Removes documents by id; unknown ids are ignored. */
  delete(ids: string[], target?: RebuildTarget): Promise<void>
  /**
   * Both at once, as the outbox consumer applies a batch of changes (optional; otherwise upsert,
   * then delete). An engine may skip what the index already holds as given.
   */
  apply?(upserts: SearchDocument[], deletes: string[], target?: RebuildTarget): Promise<void>
  search(query: SearchQuery): Promise<SearchResult>
  /** Every document id in the live index (for consistency checks and tests). */
  allIds(): Promise<string[]>
  /** Every document in the live index as stored (shown fields and a digest of all), in pages, for `npm run search:verify`. */
  documents(pageSize?: number): AsyncGenerator<StoredDocument[]>
  /** Starts an empty, fully configured index to rebuild into, next to the live one. */
  beginRebuild(): Promise<RebuildTarget>
  /** Makes the rebuilt index the live one in one step and drops the old one. */
  commitRebuild(target: RebuildTarget): Promise<void>
  /** Drops a rebuild that failed half-way. */
  abortRebuild(target: RebuildTarget): Promise<void>
  /** Quick reachability check for /readyz. */
  health(): Promise<boolean>
}

/** Highlight markers both engines wrap matches in; stripped from document text before indexing. */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

export function stripMarkers(text: string) {
  return text.split(MARK_START).join('').split(MARK_END).join('')
}

/** Turns text with markers into parts a page can render as plain text. */
export function toHighlightParts(marked: string): HighlightPart[] {
  const parts: HighlightPart[] = []
  let rest = marked
  while (rest.length > 0) {
    const start = rest.indexOf(MARK_START)
    if (start === -1) {
      parts.push({ text: rest, match: false })
      break
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false })
    const end = rest.indexOf(MARK_END, start + 1)
    const inner = end === -1 ? rest.slice(start + 1) : rest.slice(start + 1, end)
    if (inner) parts.push({ text: inner, match: true })
    rest = end === -1 ? '' : rest.slice(end + 1)
  }
  // Merge neighbours of the same kind.
  return parts.reduce<HighlightPart[]>((acc, part) => {
    const last = acc[acc.length - 1]
    if (last && last.match === part.match) last.text += part.text
    else acc.push({ ...part })
    return acc
  }, [])
}

export function emptyFacets(): FacetCounts {
  return { kind: {}, type: {}, tier: {}, region: {}, industry: {}, category: {} }
}

export function documentId(kind: SearchKind, entityId: string) {
  return `${kind}-${entityId}`
}
