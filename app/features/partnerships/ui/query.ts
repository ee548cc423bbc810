import { z } from 'zod'
import { DEFAULT_ASYMMETRY_WARNING } from '#app/features/partnerships/portfolio.server.ts'
import { pageParam } from '#app/utils/page-query.ts'

/** The portfolio pages' query: the asymmetry warning threshold (a fraction, shown as a percentage) and the page. */
export const PortfolioQuery = z.object({
  asymmetry: z.coerce
    .number()
    .min(5)
    .max(100)
    .transform((p) => p / 100)
    .catch(DEFAULT_ASYMMETRY_WARNING),
  page: pageParam,
})
