import { eq } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { apiSettings } from '#db/schema/api.ts'
import { organizations } from '#db/schema/orgs.ts'
import { env } from '#app/env.server.ts'
import { assertVendor, assertVendorAdmin, type Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { ApiRateLimitsSchema, type ApiRateLimits } from '#app/features/api/rate-limit-schema.ts'

const defaults = (): ApiRateLimits => ({ perKeyPerMinute: env().API_RATE_LIMIT_PER_MINUTE, perOrgPerMinute: env().API_ORG_RATE_LIMIT_PER_MINUTE })

/**
 * The environment's limits, which apply while the vendor has saved none. The API's limiter reads
 * the vendor's setting in the key check's own statement (keys.server.ts), so a change applies to
 * the next request on every node.
 */
export const rateLimitDefaults = defaults

async function readLimits(): Promise<ApiRateLimits> {
  const [row] = await db
    .select({ perKeyPerMinute: apiSettings.perKeyPerMinute, perOrgPerMinute: apiSettings.perOrgPerMinute })
    .from(apiSettings)
    .innerJoin(organizations, eq(organizations.id, apiSettings.orgId))
    .where(eq(organizations.kind, 'vendor'))
    .limit(1)
  return row ?? defaults()
}

/** The vendor's team reads them on /admin/settings. */
export async function getApiRateLimits(actor: Actor) {
  assertVendor(actor, "Only the vendor's ecosystem team can see the API limits.")
  return readLimits()
}

/**
 * The vendor's admins change them: validated, stored, and an `api.rate_limits_updated` event (in
 * the audit log) with before and after, in one transaction; the limiter (which reads them with each request's key) uses them from the next request on every node.
 */
export async function updateApiRateLimits(actor: Actor, input: unknown) {
  assertVendorAdmin(actor, "Only the vendor's admins can change the API limits. Ask one of them.")
  const data = parseOrThrow(ApiRateLimitsSchema, input, 'The API limits were not saved: correct the highlighted fields.')
  const before = await readLimits()
  await db.transaction(async (tx) => {
    const values = { orgId: actor.orgId, ...data, updatedBy: actor.userId, updatedAt: new Date() }
    await tx.insert(apiSettings).values(values).onConflictDoUpdate({ target: apiSettings.orgId, set: values })
    await recordEvent(tx, {
      type: 'api.rate_limits_updated',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'organization',
      subjectId: actor.orgId,
      payload: { before, after: data },
      audience: { vendor: true },
    })
  })
  return data
}
