import { z } from 'zod'
import type { Actor } from '#app/features/auth/actor.ts'
import { searchEngine } from '#search/engine.server.ts'
import { TYPE_LABELS } from '#search/labels.ts'
import { Q_MAX } from '#app/features/search/schemas.ts'

/** GET /search/partners?q=&limit= — what the partner picker (app/components/partner-picker.tsx) asks. */
export const PartnerPickerQuerySchema = z
  .object({
    q: z.string().trim().max(Q_MAX, `Type at most ${Q_MAX} characters.`).optional(),
    limit: z.coerce.number().int().min(1).max(20).optional(),
  })
  .strict()
export type PartnerPickerQuery = z.infer<typeof PartnerPickerQuerySchema>

export type PartnerOption = { id: string; slug: string; name: string; type: string | null; typeLabel: string | null }

/**
 * Partners to pick, from the search index, so the same rules apply as on /search: only active
 * partners are there (applicants, suspended and rejected organizations never are). The acting
 * organization is left out: nobody refers to, connects with or invites itself.
 */
export async function pickPartners(actor: Actor, input: PartnerPickerQuery): Promise<PartnerOption[]> {
  const limit = input.limit ?? 8
  const result = await searchEngine().search({ q: input.q || undefined, filters: { kind: ['partner'] }, sort: input.q ? 'relevance' : 'name', perPage: limit + 1, facets: [] })
  return result.hits
    .map((h) => h.document)
    .filter((d) => d.orgId !== actor.orgId)
    .slice(0, limit)
    .map((d) => ({ id: d.orgId, slug: d.slug, name: d.orgName, type: d.type, typeLabel: d.type ? (TYPE_LABELS[d.type] ?? d.type) : null }))
}
