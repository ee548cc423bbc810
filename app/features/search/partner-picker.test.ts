import { sql } from 'drizzle-orm'
import { beforeAll, expect, test } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { loader } from '#app/routes/search_.partners.ts'
import { partnerDocuments } from '#search/documents.server.ts'
import { setSearchEngine } from '#search/engine.server.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import { createPartner } from '#tests/factories/index.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import type { PartnerOption } from '#app/features/search/partner-picker.server.ts'

let me: Actor
let applicant: Actor

type Reply = { data: { partners?: PartnerOption[]; error?: string }; init: { status?: number } | null }
async function get(query: string, actor: Actor | undefined) {
  const reply = (await loader({ request: new Request(`http://localhost/search/partners${query}`), params: {}, context: { actor } as never })) as unknown as Reply
  return { status: reply.init?.status ?? 200, body: reply.data }
}

beforeAll(async () => {
  const mine = await createPartner({ name: 'Pickerton Self', partnerType: 'systems_integrator' })
  me = mine.admin
  await createPartner({ name: 'Pickerton Cloud', partnerType: 'technology' })
  await createPartner({ name: 'Pickerton Suspended', status: 'suspended' })
  applicant = (await createPartner({ name: 'Pickerton Applicant', status: 'applicant' })).admin
  const engine = new PostgresSearchEngine()
  setSearchEngine(engine)
  // The index holds what the sync would: active partners only.
  const ids = await queryRows<{ id: string }>(db, sql`select id from organizations where name like 'Pickerton%'`)
  await engine.upsert(await partnerDocuments(db, { ids: ids.map((r) => r.id) }))
})

test('suggests active partners by name with their type label, never the asking organization or a suspended one', async () => {
  const { status, body } = await get('?q=pickert', me)
  expect(status).toBe(200)
  expect(body.partners!.map((p) => p.name)).toEqual(['Pickerton Cloud'])
  expect(body.partners![0]).toMatchObject({ slug: expect.stringMatching(/^pickerton-cloud-/), typeLabel: 'Technology partner (ISV)' })
})

test('signed-in, approved organizations only; the query is checked', async () => {
  expect((await get('?q=pick', undefined)).status).toBe(401)
  expect((await get('?q=pick', applicant)).status).toBe(403)
  const bad = await get('?q=pick&limit=500&x=1', me)
  expect(bad.status).toBe(400)
  expect(bad.body.error).toContain('Unknown parameter “x”')
  const tooMany = await get('?limit=500', me)
  expect(tooMany.status).toBe(400)
})
