import { listCategories } from '#app/features/listings/categories.server.ts'
import { invalid, isDomainError } from '#app/utils/errors.ts'
import { logger } from '#app/core/logger.server.ts'
import { searchEngine } from '#search/engine.server.ts'
import type { SearchResult } from '#search/types.ts'
import type { SearchParams } from '#app/features/search/schemas.ts'

let categoryCache: { at: number; names: Record<string, string> } | null = null

/** Category slug → name (the vendor's taxonomy; cached for 30 s, it changes rarely). */
export async function categoryNames(): Promise<Record<string, string>> {
  if (categoryCache && Date.now() - categoryCache.at < 30_000) return categoryCache.names
  const names = Object.fromEntries((await listCategories()).map((c) => [c.slug, c.name]))
  categoryCache = { at: Date.now(), names }
  return names
}

export function resetCategoryNamesCache() {
  categoryCache = null
}

/** Public marketplace search. Read-only and the same for everyone: only public documents are indexed. */
export async function searchMarketplace(params: SearchParams): Promise<SearchResult> {
  const categories = params.filters.category ?? []
  if (categories.length) {
    const known = await categoryNames()
    const unknown = categories.filter((c) => !(c in known))
    if (unknown.length) {
      throw invalid(`Unknown category ${unknown.map((c) => `"${c}"`).join(', ')}. Use one of: ${Object.keys(known).join(', ') || '(no categories yet)'}.`)
    }
  }
  try {
    return await searchEngine().search({ q: params.q, filters: params.filters, sort: params.sort, page: params.page, perPage: params.perPage })
  } catch (error) {
    if (isDomainError(error)) throw error
    logger.warn({ err: error, engine: searchEngine().name }, 'search engine unavailable')
    throw new SearchUnavailableError(error)
  }
}

/** The search engine did not answer (Meilisearch down or timing out): pages and the API say so, with a 503. */
export class SearchUnavailableError extends Error {
  readonly status = 503
  readonly retryAfterSeconds = 30
  constructor(cause: unknown) {
    super('Search is unavailable right now. Please try again in a minute.', { cause })
    this.name = 'SearchUnavailableError'
  }
}

/** The JSON shape of GET /api/v1/search. */
export function toApiResponse(result: SearchResult) {
  return {
    total: result.total,
    page: result.page,
    perPage: result.perPage,
    hits: result.hits.map(({ document: d, highlight }) => ({
      kind: d.kind,
      id: d.entityId,
      slug: d.slug,
      title: d.title,
      summary: d.summary,
      orgName: d.orgName,
      type: d.type,
      tier: d.tier,
      regions: d.regions,
      industries: d.industries,
      categories: d.categories,
      url: d.url,
      highlight,
    })),
    facets: result.facets,
  }
}
