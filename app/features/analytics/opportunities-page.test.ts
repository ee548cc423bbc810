import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { opportunities } from '#db/schema/index.ts'
import { createVendor } from '#tests/factories/index.ts'
import type { Actor } from '#app/features/auth/actor.ts'

type Reply = { data?: Record<string, unknown> & { error?: Record<string, string[]> | null; initialValue?: Record<string, unknown> | null }; init?: { status: number }; status?: number }

/** /analytics/opportunities: the "add" form and the CSV upload each get their own answer; nothing is written on a refusal. */
describe('/analytics/opportunities action', () => {
  let vendor: Awaited<ReturnType<typeof createVendor>>
  beforeAll(async () => {
    vendor = await createVendor()
  })
  const post = async (actor: Actor, body: FormData) => {
    const { action } = await import('#app/routes/analytics.opportunities._index.tsx')
    const request = new Request('http://localhost/analytics/opportunities?index', { method: 'POST', body })
    return (await action({ request, context: { actor } as never, params: {} }).catch((e: unknown) => e)) as Reply
  }
  const fields = (values: Record<string, string>) => {
    const body = new FormData()
    for (const [k, v] of Object.entries(values)) body.set(k, v)
    return body
  }

  it('a bad amount and a won deal without its close date come back beside their fields; nothing is written', async () => {
    const bad = await post(vendor.admin, fields({ intent: 'create', accountName: 'Pageco', accountDomain: 'pageco.example', amount: 'lots', stage: 'prospect' }))
    expect(bad.init?.status).toBe(400)
    expect(bad.data?.error?.amount?.[0]).toBeTruthy()
    expect(bad.data?.initialValue?.intent).toBe('create')

    const won = await post(vendor.admin, fields({ intent: 'create', accountName: 'Pageco', accountDomain: 'pageco.example', amount: '1000', stage: 'won' }))
    expect(won.init?.status).toBe(400)
    expect(won.data?.error?.closedAt?.[0]).toMatch(/close date/)
    expect(await db.select().from(opportunities).where(eq(opportunities.accountName, 'Pageco'))).toHaveLength(0)

    const ok = await post(vendor.admin, fields({ intent: 'create', accountName: 'Pageco', accountDomain: 'pageco.example', amount: '1000', stage: 'prospect' }))
    expect(ok.status).toBe(302)
    expect(await db.select().from(opportunities).where(eq(opportunities.accountName, 'Pageco'))).toHaveLength(1)
  })

  it('a CSV with a bad row lists the row and adds nothing; a missing file names the field', async () => {
    const body = fields({ intent: 'csv' })
    body.set('file', new File(['accountName,amount,stage\nCsvco,100,prospect\nBadco,-5,prospect\n'], 'o.csv', { type: 'text/csv' }))
    const refused = await post(vendor.admin, body)
    expect(refused.init?.status).toBe(400)
    const problems = refused.data?.problems as { row: number; field: string }[]
    expect(problems.some((p) => p.row > 0 && p.field === 'amount')).toBe(true)
    expect(await db.select().from(opportunities).where(eq(opportunities.accountName, 'Csvco'))).toHaveLength(0)

    const empty = fields({ intent: 'csv' })
    empty.set('file', new File([], 'empty.csv', { type: 'text/csv' }))
    const none = await post(vendor.admin, empty)
    expect(none.init?.status).toBe(400)
    expect(none.data?.error?.file?.[0]).toMatch(/empty|Choose/)
  })
})
