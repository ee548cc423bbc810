import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { apiSettings, auditLog } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { apiRateLimits, forgetApiRateLimits, getApiRateLimits, updateApiRateLimits } from '#app/features/api/rate-limits.server.ts'
import { apiCaller, apiKeyFor, startApiServer } from '#app/features/api/testing.server.ts'
import { refusal } from '#tests/support/refusal.ts'

/** The API's rate limits, set by the vendor's admins at /admin/settings and used by the limiter at once. */
let vendor: Awaited<ReturnType<typeof createVendor>>
let partner: Awaited<ReturnType<typeof createPartner>>
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
const call = apiCaller(() => base)

beforeAll(async () => {
  vendor = await createVendor()
  partner = await createPartner()
  ;({ server, base } = await startApiServer())
  forgetApiRateLimits()
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('API rate limits in /admin/settings', () => {
  it('default to 1,200 a minute per key and per organization', async () => {
    expect(await getApiRateLimits(vendor.admin)).toEqual({ perKeyPerMinute: 1200, perOrgPerMinute: 1200 })
    expect(await apiRateLimits()).toEqual({ perKeyPerMinute: 1200, perOrgPerMinute: 1200 })
  })

  it("only the vendor's admins change them; partners do not even read them; bad values name the field and save nothing", async () => {
    expect((await refusal(updateApiRateLimits(vendor.member, { perKeyPerMinute: '60', perOrgPerMinute: '600' }))).code).toBe('forbidden')
    expect((await refusal(updateApiRateLimits(partner.admin, { perKeyPerMinute: '60', perOrgPerMinute: '600' }))).code).toBe('forbidden')
    expect((await refusal(getApiRateLimits(partner.admin))).code).toBe('forbidden')
    let e = await refusal(updateApiRateLimits(vendor.admin, { perKeyPerMinute: '5', perOrgPerMinute: '600' }))
    expect(e.fieldErrors?.perKeyPerMinute?.[0]).toMatch(/at least 10/)
    e = await refusal(updateApiRateLimits(vendor.admin, { perKeyPerMinute: '600', perOrgPerMinute: '60' }))
    expect(e.fieldErrors?.perOrgPerMinute?.[0]).toMatch(/at least the per-key limit/)
    e = await refusal(updateApiRateLimits(vendor.admin, { perKeyPerMinute: 'lots', perOrgPerMinute: '600' }))
    expect(e.fieldErrors?.perKeyPerMinute?.[0]).toMatch(/whole number/)
    expect(await db.select().from(apiSettings)).toHaveLength(0)
  })

  it('a change is stored, audited with before and after, and the limiter uses it from the next request', async () => {
    const key = await apiKeyFor(partner.admin, ['listings:read'])
    const before = await call('GET', '/api/v1/listings', { key })
    expect(before.headers.get('ratelimit-policy')).toBe('1200;w=60;comment="key", 1200;w=60;comment="organization"')
    await updateApiRateLimits(vendor.admin, { perKeyPerMinute: '10', perOrgPerMinute: '500' })
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'api.rate_limits_updated'))
    expect(audit).toMatchObject({ actorId: vendor.admin.userId, details: { before: { perKeyPerMinute: 1200 }, after: { perKeyPerMinute: 10, perOrgPerMinute: 500 } } })
    const statuses: number[] = []
    let last = before
    for (let i = 0; i < 10; i++) {
      last = await call('GET', '/api/v1/listings', { key })
      statuses.push(last.status)
    }
    // 1 request before the change and 9 after it are within 10; the 11th is refused, naming the key's limit.
    expect(statuses.slice(0, 9).every((s) => s === 200)).toBe(true)
    expect(last.status).toBe(429)
    expect(last.headers.get('ratelimit-policy')).toBe('10;w=60;comment="key", 500;w=60;comment="organization"')
    expect(last.body.error).toMatchObject({ code: 'rate_limited', limit: 'key' })
    expect(last.body.error.message).toMatch(/more than 10 requests in a minute/)
    expect(await getApiRateLimits(vendor.member)).toEqual({ perKeyPerMinute: 10, perOrgPerMinute: 500 })
  })
})
