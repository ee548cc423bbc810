import { z } from 'zod'

/** `?page=` of a paged list: a page number from 1, anything else reads as the first page. */
export const PageQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) })

export function pageFromUrl(request: Request): number {
  return PageQuerySchema.parse({ page: new URL(request.url).searchParams.get('page') ?? undefined }).page
}
