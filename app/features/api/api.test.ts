import fs from 'node:fs'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { apiKeys, auditLog, memberships, organizations, referrals } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { DomainError } from '#app/utils/errors.ts'
import { createApiKey, listApiKeys, revokeApiKey } from '#app/features/api/keys.server.ts'
import { apiCaller, apiKeyFor, routePathOf, startApiServer } from '#app/features/api/testing.server.ts'

type P = Awaited<ReturnType<typeof createPartner>>
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
let vendor: Awaited<ReturnType<typeof createVendor>>
let sender: P
let receiver: P
let outsider: P

const keyFor = apiKeyFor
const call = apiCaller(() => base)

const referralBody = (toOrg: string, domain: string, extra: Record<string, unknown> = {}) => ({
  toOrg,
  accountName: `Customer ${domain}`,
  accountDomain: domain,
  need: 'Needs a CRM migration before the next quarter.',
  estimatedValue: 2_500_000,
  ...extra,
})

beforeAll(async () => {
  vendor = await createVendor()
  sender = await createPartner()
  receiver = await createPartner()
  outsider = await createPartner()
  ;({ server, base } = await startApiServer())
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('API keys (domain)', () => {
  it('an admin creates a key: the secret is returned once, only its hash is stored, and the audit log records it', async () => {
    const { key, secret } = await createApiKey(sender.admin, { name: 'HubSpot sync', scopes: ['referrals:read', 'referrals:write'], expiresInDays: 30 })
    expect(secret).toMatch(new RegExp(`^ph_live_${key.id}_[A-Za-z0-9_-]{43}$`))
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id))
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/)
    expect(row!.secretHash).not.toContain(secret.slice(-43))
    expect(row!.scopes).toEqual(['referrals:write'])
    expect(row!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)
    const listed = await listApiKeys(sender.admin)
    expect(listed.find((k) => k.id === key.id)).toMatchObject({ name: 'HubSpot sync', state: 'active' })
    expect(JSON.stringify(listed)).not.toContain(secret)
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'api_key.created'), eq(auditLog.subjectId, key.id)))
    expect(audit).toHaveLength(1)
  })

  it('a member cannot create, list or revoke keys; another organization cannot revoke them', async () => {
    await expect(createApiKey(sender.member, { name: 'Mine', scopes: ['listings:read'] })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(listApiKeys(sender.member)).rejects.toMatchObject({ code: 'forbidden' })
    const { key } = await createApiKey(sender.admin, { name: 'To revoke', scopes: ['listings:read'] })
    await expect(revokeApiKey(outsider.admin, { keyId: key.id })).rejects.toMatchObject({ code: 'not_found' })
    await expect(revokeApiKey(sender.member, { keyId: key.id })).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('refuses a key without a scope, with an unknown scope or with a bad expiry, naming the field', async () => {
    for (const [input, field] of [
      [{ name: 'x1', scopes: [] }, 'scopes'],
      [{ name: 'x2', scopes: ['referrals:delete'] }, 'scopes'],
      [{ name: 'x3', scopes: ['listings:read'], expiresInDays: 0 }, 'expiresInDays'],
      [{ name: '', scopes: ['listings:read'] }, 'name'],
    ] as const) {
      const error = await createApiKey(sender.admin, input).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DomainError)
      expect((error as DomainError).fieldErrors).toHaveProperty(field)
    }
  })
})

describe('authentication, scopes and tenancy over HTTP', () => {
  it('answers 401 in the one error shape without a key, with a malformed key and with an unknown one', async () => {
    const none = await call('GET', '/api/v1/referrals')
    expect(none.status).toBe(401)
    expect(none.body.error).toMatchObject({ code: 'unauthenticated' })
    expect(none.body.error.message).toMatch(/Authorization: Bearer/)
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    expect((await call('GET', '/api/v1/referrals', { key: 'not-a-key' })).status).toBe(401)
    const real = await keyFor(sender.admin, ['referrals:read'])
    const forged = `${real.slice(0, -5)}AAAAA`
    const unknown = await call('GET', '/api/v1/referrals', { key: forged })
    expect(unknown.status).toBe(401)
    expect(unknown.body.error.message).toMatch(/not valid/)
  })

  it('a POST without a key gets 401 in the error shape; one riding on a cookie from another site is refused by the Origin check', async () => {
    const bare = await call('POST', '/api/v1/referrals', { body: referralBody(receiver.org.slug, 'nokey.example') })
    expect(bare.status).toBe(401)
    expect(bare.body.error.code).toBe('unauthenticated')
    const forged = await call('POST', '/api/v1/referrals', { body: referralBody(receiver.org.slug, 'nokey.example'), headers: { Cookie: 'session=x', Origin: 'https://evil.example' } })
    expect(forged.status).toBe(403)
    expect(forged.body).toMatch(/not this site/)
  })

  it('a revoked or expired key gets 401 saying so; a key whose creator left the organization too', async () => {
    const revoked = await createApiKey(sender.admin, { name: 'Old CRM', scopes: ['referrals:read'] })
    expect((await call('GET', '/api/v1/referrals', { key: revoked.secret })).status).toBe(200)
    await revokeApiKey(sender.admin, { keyId: revoked.key.id })
    const afterRevoke = await call('GET', '/api/v1/referrals', { key: revoked.secret })
    expect(afterRevoke.status).toBe(401)
    expect(afterRevoke.body.error.message).toMatch(/"Old CRM" was revoked/)

    const expired = await createApiKey(sender.admin, { name: 'Short', scopes: ['referrals:read'], expiresInDays: 1 })
    await db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, expired.key.id))
    const afterExpiry = await call('GET', '/api/v1/referrals', { key: expired.secret })
    expect(afterExpiry.status).toBe(401)
    expect(afterExpiry.body.error.message).toMatch(/expired/)

    const leaver = await createPartner()
    const left = await keyFor(leaver.admin, ['referrals:read'])
    await db.delete(memberships).where(eq(memberships.userId, leaver.admin.userId))
    const afterLeaving = await call('GET', '/api/v1/referrals', { key: left })
    expect(afterLeaving.status).toBe(401)
    expect(afterLeaving.body.error.message).toMatch(/no longer in/)
  })

  it('a key lacking the scope gets 403 naming it; write implies read', async () => {
    const listingsOnly = await keyFor(outsider.admin, ['listings:read'])
    const refused = await call('GET', '/api/v1/referrals', { key: listingsOnly })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({ code: 'missing_scope', missingScope: 'referrals:read' })
    const readOnly = await keyFor(sender.admin, ['referrals:read'])
    const post = await call('POST', '/api/v1/referrals', { key: readOnly, body: referralBody(receiver.org.slug, 'readonly.example') })
    expect(post.status).toBe(403)
    expect(post.body.error.missingScope).toBe('referrals:write')
    const writer = await keyFor(sender.admin, ['referrals:write'])
    expect((await call('GET', '/api/v1/referrals', { key: writer })).status).toBe(200)
  })

  it('records the last use time and address', async () => {
    const { key, secret } = await createApiKey(receiver.admin, { name: 'Usage', scopes: ['listings:read'] })
    await call('GET', '/api/v1/listings', { key: secret })
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id))
    expect(row!.lastUsedAt).toBeInstanceOf(Date)
    expect(row!.lastUsedIp).toMatch(/127\.0\.0\.1/)
  })
})

describe('referrals over HTTP', () => {
  let writer: string
  let receiverKey: string
  let createdId: string

  beforeAll(async () => {
    writer = await keyFor(sender.admin, ['referrals:write'])
    receiverKey = await keyFor(receiver.admin, ['referrals:read'])
  })

  it("creates a referral through the form's submission with the program's default fee terms, without an Origin header", async () => {
    const created = await call('POST', '/api/v1/referrals', { key: writer, body: referralBody(receiver.org.slug, 'api-one.example') })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      object: 'referral',
      status: 'submitted',
      from: { id: sender.org.id },
      to: { id: receiver.org.id },
      accountDomain: 'api-one.example',
      estimatedValue: 2_500_000,
    })
    expect(created.body.fee).toMatchObject({ type: 'percent', percentBps: 1000 })
    expect(created.headers.get('ratelimit-limit')).toBe('1200')
    createdId = created.body.id
    const [row] = await db.select().from(referrals).where(eq(referrals.id, createdId))
    expect(row!.createdBy).toBe(sender.admin.userId)
  })

  it('the receiver reads it; another organization gets 404 for it and does not see it listed', async () => {
    const read = await call('GET', `/api/v1/referrals/${createdId}`, { key: receiverKey })
    expect(read.status).toBe(200)
    expect(read.body.id).toBe(createdId)
    const otherKey = await keyFor(outsider.admin, ['referrals:read'])
    const hidden = await call('GET', `/api/v1/referrals/${createdId}`, { key: otherKey })
    expect(hidden.status).toBe(404)
    expect(hidden.body.error.code).toBe('not_found')
    const list = await call('GET', '/api/v1/referrals?limit=100', { key: otherKey })
    expect(list.status).toBe(200)
    expect(list.body.data.map((r: { id: string }) => r.id)).not.toContain(createdId)
  })

  it('an Idempotency-Key makes a repeat return the first answer and write nothing; another body under it is 422', async () => {
    const body = referralBody(receiver.org.slug, 'idem.example')
    const first = await call('POST', '/api/v1/referrals', { key: writer, body, headers: { 'Idempotency-Key': 'order-42' } })
    expect(first.status).toBe(201)
    const again = await call('POST', '/api/v1/referrals', { key: writer, body, headers: { 'Idempotency-Key': 'order-42' } })
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    const rows = await db.select({ id: referrals.id }).from(referrals).where(eq(referrals.accountDomain, 'idem.example'))
    expect(rows).toHaveLength(1)
    const changed = await call('POST', '/api/v1/referrals', { key: writer, body: { ...body, need: 'A different need, same key though.' }, headers: { 'Idempotency-Key': 'order-42' } })
    expect(changed.status).toBe(422)
    expect(changed.body.error.code).toBe('idempotency_mismatch')
  })

  it('a conflict the sender may see answers 409 with its kinds; acknowledging them sends it', async () => {
    const body = referralBody(receiver.org.slug, 'api-one.example', { accountName: 'Same customer again' })
    const refused = await call('POST', '/api/v1/referrals', { key: writer, body })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('conflict')
    const kinds = refused.body.error.conflicts.map((c: { kind: string }) => c.kind)
    expect(kinds).toContain('own_open_referral')
    const sent = await call('POST', '/api/v1/referrals', { key: writer, body: { ...body, acknowledgedConflicts: kinds } })
    expect(sent.status).toBe(201)
  })

  it('refuses bad input with 400 naming the field: unknown fields, malformed JSON, an unknown partner, a bad amount', async () => {
    const unknownField = await call('POST', '/api/v1/referrals', { key: writer, body: { ...referralBody(receiver.org.slug, 'bad.example'), colour: 'red' } })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body.error.fieldErrors).toHaveProperty('colour')
    const malformed = await call('POST', '/api/v1/referrals', { key: writer, body: '{"toOrg": ' })
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('invalid_json')
    const nobody = await call('POST', '/api/v1/referrals', { key: writer, body: referralBody('no-such-partner', 'bad.example') })
    expect(nobody.status).toBe(400)
    expect(nobody.body.error.fieldErrors).toHaveProperty('toOrg')
    const negative = await call('POST', '/api/v1/referrals', { key: writer, body: referralBody(receiver.org.slug, 'bad.example', { estimatedValue: -5 }) })
    expect(negative.status).toBe(400)
    expect(negative.body.error.fieldErrors).toHaveProperty('estimatedValue')
    expect(await db.select().from(referrals).where(eq(referrals.accountDomain, 'bad.example'))).toHaveLength(0)
  })

  it('refuses a body over 1 MiB with 413 in the error shape', async () => {
    const huge = JSON.stringify({ ...referralBody(receiver.org.slug, 'huge.example'), need: 'x'.repeat(1024 * 1024 + 10) })
    const reply = await call('POST', '/api/v1/referrals', { key: writer, body: huge })
    expect(reply.status).toBe(413)
    expect(reply.body.error.code).toBe('too_large')
  })

  it('pages with cursors in change order, filters by updated_since, and refuses a bad cursor', async () => {
    const firstPage = await call('GET', '/api/v1/referrals?limit=1', { key: receiverKey })
    expect(firstPage.status).toBe(200)
    expect(firstPage.body.data).toHaveLength(1)
    expect(firstPage.body.hasMore).toBe(true)
    const seen = [firstPage.body.data[0].id]
    let cursor = firstPage.body.nextCursor
    while (cursor) {
      const next = await call('GET', `/api/v1/referrals?limit=1&cursor=${encodeURIComponent(cursor)}`, { key: receiverKey })
      expect(next.status).toBe(200)
      seen.push(...next.body.data.map((r: { id: string }) => r.id))
      cursor = next.body.nextCursor
    }
    const all = await call('GET', '/api/v1/referrals?limit=100', { key: receiverKey })
    expect(seen).toEqual(all.body.data.map((r: { id: string }) => r.id))
    expect(new Set(seen).size).toBe(seen.length)
    const future = await call('GET', `/api/v1/referrals?updated_since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { key: receiverKey })
    expect(future.body.data).toHaveLength(0)
    const bad = await call('GET', '/api/v1/referrals?cursor=garbage', { key: receiverKey })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_cursor')
    const unknownParam = await call('GET', '/api/v1/referrals?sort=name', { key: receiverKey })
    expect(unknownParam.status).toBe(400)
    expect(unknownParam.body.error.fieldErrors).toHaveProperty('sort')
  })

  it("a suspended partner's key may read but not write", async () => {
    const suspended = await createPartner()
    const key = await keyFor(suspended.admin, ['referrals:write'])
    await db.update(organizations).set({ status: 'suspended', suspendedAt: new Date() }).where(eq(organizations.id, suspended.org.id))
    expect((await call('GET', '/api/v1/referrals', { key })).status).toBe(200)
    const write = await call('POST', '/api/v1/referrals', { key, body: referralBody(receiver.org.slug, 'suspended.example') })
    expect(write.status).toBe(403)
    expect(write.body.error.message).toMatch(/suspended/)
  })
})

describe('listings, analytics and rate limits over HTTP', () => {
  it("lists published listings and the key's own organization's, never another's draft", async () => {
    const key = await keyFor(sender.admin, ['listings:read'])
    const reply = await call('GET', '/api/v1/listings?limit=100', { key })
    expect(reply.status).toBe(200)
    expect(reply.body.object).toBe('list')
    for (const listing of reply.body.data as { own: boolean; status: string }[]) expect(listing.own || listing.status === 'published').toBe(true)
  })

  it("the analytics summary takes a vendor's key with analytics:read and refuses a partner's with 403", async () => {
    const vendorKey = await keyFor(vendor.admin, ['analytics:read'])
    const ok = await call('GET', '/api/v1/analytics/summary?from=2026-01-01&to=2026-07-01', { key: vendorKey })
    expect(ok.status).toBe(200)
    const partnerKey = await keyFor(sender.admin, ['analytics:read'])
    const refused = await call('GET', '/api/v1/analytics/summary?from=2026-01-01&to=2026-07-01', { key: partnerKey })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
    const bad = await call('GET', '/api/v1/analytics/summary?from=nope&to=2026-07-01', { key: vendorKey })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fieldErrors).toHaveProperty('from')
  })

  it('answers 429 past the per-key limit with Retry-After, RateLimit headers and when to retry', async () => {
    const { key, secret } = await createApiKey(receiver.admin, { name: 'Busy', scopes: ['listings:read'] })
    const fine = await call('GET', '/api/v1/listings', { key: secret })
    expect(Number(fine.headers.get('ratelimit-remaining'))).toBeLessThanOrEqual(1199)
    expect(fine.headers.get('ratelimit-policy')).toBe('1200;w=60;comment="key", 1200;w=60;comment="organization"')
    await db.execute(sql`update rate_limits set count = 1200 where key = ${`api:${key.id}`}`)
    const limited = await call('GET', '/api/v1/listings', { key: secret })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.headers.get('ratelimit-remaining')).toBe('0')
    expect(limited.body.error).toMatchObject({ code: 'rate_limited' })
    expect(limited.body.error.retryAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(limited.body.error.message).toMatch(/Retry after \d+ seconds/)
    expect(limited.body.error.limit).toBe('key')
  })

  it("answers 429 when the organization's keys together pass the per-organization limit, even on a fresh key", async () => {
    const busy = await createPartner()
    const first = await keyFor(busy.admin, ['listings:read'])
    expect((await call('GET', '/api/v1/listings', { key: first })).status).toBe(200)
    await db.execute(sql`update rate_limits set count = 1200 where key = ${`api-org:${busy.org.id}`}`)
    const fresh = await keyFor(busy.admin, ['listings:read'], 'Another key')
    const limited = await call('GET', '/api/v1/listings', { key: fresh })
    expect(limited.status).toBe(429)
    expect(limited.body.error.limit).toBe('organization')
    expect(limited.body.error.message).toMatch(/together made more than 1200 requests/)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('the audit log records key use by scope, at most one row per key and scope a minute', async () => {
    const { key, secret } = await createApiKey(outsider.admin, { name: 'Audited', scopes: ['listings:read', 'referrals:read'] })
    for (let i = 0; i < 3; i++) await call('GET', '/api/v1/listings', { key: secret })
    await call('GET', '/api/v1/referrals', { key: secret })
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'api_key.used'), eq(auditLog.subjectId, key.id)))
    expect(rows.map((r) => (r.details as { scope: string }).scope).sort()).toEqual(['listings:read', 'referrals:read'])
  })
})

describe('the OpenAPI document', () => {
  it('is served as OpenAPI 3.1 and lists every /api/v1 route file of the app', async () => {
    const reply = await call('GET', '/api/v1/openapi.json')
    expect(reply.status).toBe(200)
    expect(reply.body.openapi).toBe('3.1.0')
    const documented = new Set(Object.keys(reply.body.paths))
    const routeFiles = fs.readdirSync('app/routes').filter((f) => f.startsWith('api.v1.') && !f.startsWith('api.v1.openapi'))
    expect(routeFiles.length).toBeGreaterThanOrEqual(5)
    for (const file of routeFiles) {
      const path = `/${routePathOf(file, 'openapi')}`
      expect(documented, `${file} → ${path}`).toContain(path)
    }
    expect(reply.body.paths['/api/v1/referrals'].post.responses).toHaveProperty('422')
    expect(reply.body.components.schemas).toHaveProperty('Referral')
    expect(reply.body.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' })
  })
})
