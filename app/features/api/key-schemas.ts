import { z } from 'zod'
import { API_RESOURCES, API_SCOPES, isApiScope, type ApiResource, type ApiScope } from '#app/features/api/scopes.ts'

/** Longest an expiry may be set ahead: a year. */
export const MAX_EXPIRY_DAYS = 366

/** The "Create an API key" form (browser-safe: the page validates with it too). */
export const CreateApiKeySchema = z.object({
  name: z
    .string({ required_error: 'Name the key after what uses it, like "HubSpot sync".' })
    .trim()
    .min(2, 'Name the key after what uses it, like "HubSpot sync" (at least 2 characters).')
    .max(80, 'The name can be at most 80 characters.'),
  scopes: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()))
    .refine((list) => list.every(isApiScope), { message: `Scopes are ${API_SCOPES.join(', ')}.` })
    .refine((list) => list.length > 0, { message: 'Choose at least one thing the key may read or write.' })
    .transform((list) => list as ApiScope[]),
  expiresInDays: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce
      .number({ invalid_type_error: 'The expiry is a number of days.' })
      .int('Use whole days.')
      .min(1, 'A key expires at least 1 day from now (leave it empty for no expiry).')
      .max(MAX_EXPIRY_DAYS, `A key expires at most ${MAX_EXPIRY_DAYS} days from now.`)
      .optional(),
  ),
})
export type CreateApiKeyInput = z.input<typeof CreateApiKeySchema>

export const RevokeApiKeySchema = z.object({ keyId: z.string().trim().min(1).max(64) })

const ACCESS_CHOICES = ['none', 'read', 'write'] as const
const Access = z.enum(ACCESS_CHOICES, { message: 'Choose no access, read, or read and write.' }).default('none')

/**
 * The settings page's form: one access choice per resource (none, read, write) in place of a
 * list of scopes, so a missing choice is named beside the access list. Browser-safe.
 */
export const ApiKeyFormSchema = z.object({
  name: CreateApiKeySchema.shape.name,
  access: z
    .object(Object.fromEntries(API_RESOURCES.map((r) => [r, Access])) as Record<ApiResource, typeof Access>)
    .default({})
    .refine((access) => Object.values(access).some((a) => a !== 'none'), { message: 'Choose at least one thing the key may read or write.' }),
  expiresInDays: CreateApiKeySchema.shape.expiresInDays,
})

/** The scopes an access choice per resource stands for. */
export function scopesOfAccess(access: Partial<Record<ApiResource, (typeof ACCESS_CHOICES)[number]>>): ApiScope[] {
  return API_RESOURCES.flatMap((r) => (access[r] === 'read' || access[r] === 'write' ? [`${r}:${access[r]}` as ApiScope] : []))
}
