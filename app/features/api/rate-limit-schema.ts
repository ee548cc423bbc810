import { z } from 'zod'

const perMinute = (who: string) =>
  z.coerce
    .number({ invalid_type_error: `Enter the requests a minute ${who} may make, as a whole number.` })
    .int(`Enter the requests a minute ${who} may make, as a whole number.`)
    .min(10, `Allow ${who} at least 10 requests a minute.`)
    .max(1_000_000, `At most 1,000,000 requests a minute ${who}.`)

/** The public API's rate limits, as /admin/settings edits them (the form and the domain share it). */
export const ApiRateLimitsSchema = z
  .object({ perKeyPerMinute: perMinute('one API key'), perOrgPerMinute: perMinute('one organization (all its keys)') })
  .refine((v) => v.perOrgPerMinute >= v.perKeyPerMinute, {
    path: ['perOrgPerMinute'],
    message: 'An organization’s limit covers all its keys: make it at least the per-key limit.',
  })
export type ApiRateLimits = z.output<typeof ApiRateLimitsSchema>
