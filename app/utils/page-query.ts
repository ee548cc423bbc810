import { z } from 'zod'

/** The highest page a list's address may ask for; beyond it, as for anything else that is not a page, the first page. */
export const MAX_PAGE = 10_000

/**
 * `page` of a paged list's query: a page number from 1; anything else (missing, 0, "abc", 1.5,
 * too large) reads as the first page. For query schemas that hold filters beside the page.
 */
export const pageParam = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1)

/** `?page=` of a paged list, on its own. */
export const PageQuerySchema = z.object({ page: pageParam })

/** The page a query object (a loader's search params, a domain function's query) asks for. */
export function pageOf(query: unknown): number {
  const page = query && typeof query === 'object' ? (query as { page?: unknown }).page : undefined
  return pageParam.parse(page)
}

/** The page `?page=` of the request's address asks for. */
export function pageFromUrl(request: Request | URL): number {
  const url = request instanceof URL ? request : new URL(request.url)
  return pageOf({ page: url.searchParams.get('page') ?? undefined })
}

/** How many pages `total` rows make at `perPage` a page: at least one, so an empty list still has its first page. */
export const pageCountOf = (total: number, perPage: number) => Math.max(1, Math.ceil(total / perPage))
