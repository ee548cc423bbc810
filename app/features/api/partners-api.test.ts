import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { evaluateAll } from '#app/features/programs/evaluation.server.ts'
import { createTrack, saveTier } from '#app/features/programs/programs.server.ts'
import { apiCaller, apiKeyFor, startApiServer } from '#app/features/api/testing.server.ts'

/**
 * GET /api/v1/partners[/{id}] over real HTTP: the vendor's key sees every partner and its
 * standing; a partner's key sees only its own organization (another's is a 404, never listed);
 * the scope is required; bad query parameters are named.
 */

type P = Awaited<ReturnType<typeof createPartner>>
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
let vendor: Awaited<ReturnType<typeof createVendor>>
let alpha: P
let beta: P
let tierId: string
const call = apiCaller(() => base)

beforeAll(async () => {
  vendor = await createVendor()
  alpha = await createPartner({ name: 'API Alpha', partnerType: 'referral' })
  beta = await createPartner({ name: 'API Beta', partnerType: 'referral' })
  const track = await createTrack(vendor.admin, { name: 'Referral API', partnerTypes: ['referral'] })
  tierId = (
    await saveTier(vendor.admin, track.id, null, {
      name: 'Registered',
      rank: '1',
      orgTier: 'registered',
      feeType: 'none',
      discountPercent: '0',
      mdfAmount: '0',
      mdfCurrency: 'USD',
      mdfPeriod: 'quarter',
      cosellPriority: 'standard',
      threshold_referrals_sent: '3',
      window_referrals_sent: '365',
    })
  ).id
  await evaluateAll()
  ;({ server, base } = await startApiServer())
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('partners and standings API', () => {
  it("the vendor's key lists every partner with its standing, and reads any one", async () => {
    const key = await apiKeyFor(vendor.admin, ['partners:read'])
    const list = await call('GET', '/api/v1/partners?limit=100', { key })
    expect(list.status).toBe(200)
    const ids = list.body.data.map((p: { id: string }) => p.id)
    expect(ids).toEqual(expect.arrayContaining([alpha.org.id, beta.org.id]))
    expect(ids).not.toContain(vendor.org.id)
    const a = list.body.data.find((p: { id: string }) => p.id === alpha.org.id)
    expect(a).toMatchObject({ object: 'partner', name: 'API Alpha', partnerType: 'referral', standing: { track: { name: 'Referral API' }, currentTier: null, qualifiedTier: null } })
    expect(a.standing.requirements).toEqual([{ requirementId: expect.any(String), tierId, metric: 'referrals_sent', threshold: 3, windowDays: 365, value: 0, met: false, gap: 3 }])
    const one = await call('GET', `/api/v1/partners/${beta.org.id}`, { key })
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({ id: beta.org.id, object: 'partner', name: 'API Beta' })
    expect(one.headers.get('etag')).toBeTruthy()
    // Pages by cursor, oldest change first.
    const first = await call('GET', '/api/v1/partners?limit=1', { key })
    expect(first.body).toMatchObject({ hasMore: true, data: [expect.any(Object)] })
    const second = await call('GET', `/api/v1/partners?limit=1&cursor=${first.body.nextCursor}`, { key })
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id)
  })

  it("a partner's key sees only its own organization: another partner is a 404 and never listed", async () => {
    const key = await apiKeyFor(alpha.admin, ['partners:read'])
    const list = await call('GET', '/api/v1/partners', { key })
    expect(list.status).toBe(200)
    expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([alpha.org.id])
    expect((await call('GET', `/api/v1/partners/${alpha.org.id}`, { key })).status).toBe(200)
    const other = await call('GET', `/api/v1/partners/${beta.org.id}`, { key })
    expect(other.status).toBe(404)
    expect(other.body.error.code).toBe('not_found')
    expect(JSON.stringify(other.body)).not.toContain('API Beta')
    expect((await call('GET', `/api/v1/partners/${vendor.org.id}`, { key })).status).toBe(404)
  })

  it('needs partners:read; bad parameters are named', async () => {
    const key = await apiKeyFor(beta.admin, ['referrals:read'])
    const refused = await call('GET', '/api/v1/partners', { key })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({ code: 'missing_scope', missingScope: 'partners:read' })
    expect((await call('GET', '/api/v1/partners')).status).toBe(401)
    const good = await apiKeyFor(beta.admin, ['partners:read'])
    const bad = await call('GET', '/api/v1/partners?limit=0&colour=red', { key: good })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.error.fieldErrors)).toEqual(expect.arrayContaining(['limit', 'colour']))
    expect((await call('GET', '/api/v1/partners?cursor=nonsense', { key: good })).body.error.code).toBe('invalid_cursor')
    expect((await call('POST', '/api/v1/partners', { key: good, body: {} })).status).toBe(405)
  })
})
