import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { accounts, opportunities, opportunityParticipants, opportunityStageHistory } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { apiCaller, apiKeyFor, startApiServer } from '#app/features/api/testing.server.ts'
import { openApiDocument } from '#app/features/api/openapi.server.ts'

/** The vendor's CRM sync (opportunities by external id) and partners' bulk account lists, over HTTP. */
type P = Awaited<ReturnType<typeof createPartner>>
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
const call = apiCaller(() => base)
let partner: P
let other: P
let vendorKey: string
let partnerKey: string
let otherKey: string

beforeAll(async () => {
  const vendor = await createVendor()
  partner = await createPartner()
  other = await createPartner()
  ;({ server, base } = await startApiServer())
  vendorKey = await apiKeyFor(vendor.admin, ['opportunities:write'])
  partnerKey = await apiKeyFor(partner.admin, ['opportunities:write', 'accounts:write'])
  otherKey = await apiKeyFor(other.admin, ['accounts:write'])
}, 120_000)

afterAll(async () => {
  await server?.close()
})

const raw = (path: string, key: string, body: string, type: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': type }, body }).then(async (r) => ({ status: r.status, body: await r.json() }))

describe('vendor opportunities by CRM id', () => {
  const ext = `006-${Date.now()}`
  it('creates (201), then updates (200) the same opportunity; a stage change goes to the history; touching partners join', async () => {
    const created = await call('POST', `/api/v1/opportunities/${ext}`, {
      key: vendorKey,
      body: { accountName: 'Sync Corp', accountDomain: 'https://www.sync-corp.example/', stage: 'qualified', amount: 1_000_000, closeDate: '2027-01-31', createdAt: '2026-11-01T00:00:00Z' },
    })
    expect(created.status).toBe(201)
    // Both answers are in the OpenAPI document (a client generated from it expects them).
    const documented = openApiDocument().paths?.['/api/v1/opportunities/{externalId}']?.post?.responses ?? {}
    expect(Object.keys(documented)).toEqual(expect.arrayContaining(['200', '201']))
    expect(created.body).toMatchObject({
      object: 'opportunity',
      externalId: ext,
      accountDomain: 'sync-corp.example',
      stage: 'qualified',
      closeDate: '2027-01-31',
      createdAt: '2026-11-01T00:00:00.000Z',
    })
    const etag = created.headers.get('etag')!
    const updated = await call('POST', `/api/v1/opportunities/${ext}`, {
      key: vendorKey,
      body: { accountName: 'Sync Corp', stage: 'won', amount: 1_200_000, closeDate: '2026-12-15', touchingPartners: [{ partner: partner.org.slug, role: 'implementation' }] },
      headers: { 'If-Match': etag },
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ id: created.body.id, stage: 'won', amount: 1_200_000, closedAt: '2026-12-15T00:00:00.000Z' })
    expect(updated.body.touchingPartners).toMatchObject([{ org: { id: partner.org.id }, role: 'implementation', status: 'accepted' }])
    const stale = await call('POST', `/api/v1/opportunities/${ext}`, { key: vendorKey, body: { accountName: 'Sync Corp', stage: 'lost', amount: 0 }, headers: { 'If-Match': etag } })
    expect(stale.status).toBe(412)
    const rows = await db
      .select()
      .from(opportunities)
      .where(eq(opportunities.importKey, `crm:${ext}`))
    expect(rows).toHaveLength(1)
    const history = await db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, created.body.id))
    expect(history.map((h) => h.toStage).sort()).toEqual(['qualified', 'won'])
    const [touch] = await db.select().from(opportunities).where(eq(opportunities.id, created.body.id))
    expect(touch!.partnerTouchedAt).not.toBeNull()
  })

  it('an unknown touching partner names its position and writes nothing; a partner key is refused', async () => {
    const ext2 = `${ext}-b`
    const bad = await call('POST', `/api/v1/opportunities/${ext2}`, {
      key: vendorKey,
      body: { accountName: 'X', stage: 'prospect', amount: 1, touchingPartners: [{ partner: partner.org.slug }, { partner: 'nobody-here' }] },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fieldErrors).toHaveProperty(['touchingPartners.1.partner'])
    expect(
      await db
        .select()
        .from(opportunities)
        .where(eq(opportunities.importKey, `crm:${ext2}`)),
    ).toHaveLength(0)
    const unknownField = await call('POST', `/api/v1/opportunities/${ext2}`, { key: vendorKey, body: { accountName: 'X', stage: 'prospect', amount: 1, probability: 40 } })
    expect(unknownField.body.error.fieldErrors).toHaveProperty('probability')
    const byPartner = await call('POST', `/api/v1/opportunities/${ext2}`, { key: partnerKey, body: { accountName: 'X', stage: 'prospect', amount: 1 } })
    expect(byPartner.status).toBe(403)
    expect((await call('GET', `/api/v1/opportunities/${ext}`, { key: partnerKey })).status).toBe(403)
    const parts = await db.select().from(opportunityParticipants).where(eq(opportunityParticipants.orgId, other.org.id))
    expect(parts).toHaveLength(0)
  })
})

describe('bulk accounts', () => {
  it('upserts a CSV stream by domain and reports nothing refused', async () => {
    const csv = 'name,domain,population,dealSize\nGlobex,globex-bulk.example,customer,42000\nInitech,https://www.initech-bulk.example/,prospect,\n'
    const reply = await raw('/api/v1/accounts/bulk', partnerKey, csv, 'text/csv')
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ object: 'account_bulk_result', action: 'upsert', rows: 2, inserted: 2, updated: 0, errorRows: 0 })
    const rows = await db.select().from(accounts).where(eq(accounts.orgId, partner.org.id))
    expect(rows.map((r) => r.domain).sort()).toEqual(['globex-bulk.example', 'initech-bulk.example'])
    expect(rows.find((r) => r.domain === 'globex-bulk.example')!.dealSize).toBe(4_200_000)
  })

  it('JSON lines in strict mode: one bad line refuses everything with its line number; skip mode writes the rest', async () => {
    const lines = [
      JSON.stringify({ name: 'Umbrella', domain: 'umbrella-bulk.example', population: 'opportunity', dealSize: 1_250_000 }),
      '',
      '{"name": "Broken"',
      JSON.stringify({ name: 'Hooli', domain: 'hooli-bulk.example', population: 'customer', colour: 'red' }),
      JSON.stringify({ name: 'Globex', domain: 'globex-bulk.example', population: 'opportunity' }),
    ].join('\n')
    const strict = await raw('/api/v1/accounts/bulk', partnerKey, lines, 'application/x-ndjson')
    expect(strict.status).toBe(422)
    expect(strict.body.error.code).toBe('rows_invalid')
    expect(strict.body.error.rowErrors.map((e: { row: number }) => e.row)).toEqual([3, 4])
    expect(strict.body.error.rowErrors[1].reasons.join(' ')).toMatch(/colour/)
    expect(
      await db
        .select()
        .from(accounts)
        .where(and(eq(accounts.orgId, partner.org.id), eq(accounts.domain, 'umbrella-bulk.example'))),
    ).toHaveLength(0)
    const skip = await raw('/api/v1/accounts/bulk?mode=skip', partnerKey, lines, 'application/x-ndjson')
    expect(skip.status).toBe(200)
    expect(skip.body).toMatchObject({ rows: 4, inserted: 1, updated: 1, errorRows: 2 })
    const [globex] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, partner.org.id), eq(accounts.domain, 'globex-bulk.example')))
    expect(globex!.population).toBe('opportunity')
  })

  it('deletes by domain (only its own organization’s), reporting the ones not in its list; a bad domain refuses in strict mode', async () => {
    await raw('/api/v1/accounts/bulk', otherKey, 'name,domain,population\nGlobex,globex-bulk.example,customer\n', 'text/csv')
    const bad = await raw('/api/v1/accounts/bulk?action=delete', partnerKey, 'domain\nglobex-bulk.example\nnot a domain\n', 'text/csv')
    expect(bad.status).toBe(422)
    expect(bad.body.error.rowErrors).toMatchObject([{ row: 2 }])
    const gone = await raw('/api/v1/accounts/bulk?action=delete', partnerKey, '{"domain":"globex-bulk.example"}\n{"domain":"never-listed.example"}\n', 'application/x-ndjson')
    expect(gone.status).toBe(200)
    expect(gone.body).toMatchObject({ action: 'delete', deleted: 1, notFound: 1 })
    expect(
      await db
        .select()
        .from(accounts)
        .where(and(eq(accounts.orgId, other.org.id), eq(accounts.domain, 'globex-bulk.example'))),
    ).toHaveLength(1)
  })

  it('refuses another media type (415 naming Content-Type), a missing column, and a key without accounts:write', async () => {
    const wrongType = await raw('/api/v1/accounts/bulk', partnerKey, '{}', 'application/json')
    expect(wrongType.status).toBe(415)
    expect(wrongType.body.error.fieldErrors).toHaveProperty('Content-Type')
    const noDomain = await raw('/api/v1/accounts/bulk', partnerKey, 'name,population\nX,customer\n', 'text/csv')
    expect(noDomain.status).toBe(400)
    expect(JSON.stringify(noDomain.body.error.fieldErrors)).toMatch(/domain/)
    const readOnly = await apiKeyFor(partner.admin, ['accounts:read'])
    const refused = await raw('/api/v1/accounts/bulk', readOnly, 'name,domain,population\n', 'text/csv')
    expect(refused.body.error.missingScope).toBe('accounts:write')
  })
})
