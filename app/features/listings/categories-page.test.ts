import { beforeAll, describe, expect, it } from 'vitest'
import { vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import type { Actor } from '#app/features/auth/actor.ts'

/** The /admin/categories page answers each form (a row's, or "add") with its own Conform reply. */
describe('/admin/categories action', () => {
  let ctx: Awaited<ReturnType<typeof vendorWithCategories>>
  beforeAll(async () => {
    ctx = await vendorWithCategories()
  })
  const post = async (actor: Actor, body: Record<string, string>) => {
    const { action } = await import('#app/routes/admin.categories.tsx')
    const request = new Request('http://localhost/admin/categories', { method: 'POST', body: new URLSearchParams(body), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    return (await action({ request, context: { actor } as never, params: {} }).catch((e: unknown) => e)) as {
      data?: { status: string; initialValue: Record<string, unknown>; error: Record<string, string[]> }
      init?: { status: number }
      status?: number
    }
  }

  it('a bad row edit comes back to that row with the field named; a bad add to the add form', async () => {
    const { vendor, categories } = ctx
    const row = await post(vendor.admin, { intent: 'update', id: categories.security.id, name: '', slug: 'security', position: '2', description: '' })
    expect(row.init?.status).toBe(400)
    expect(row.data?.initialValue.id).toBe(categories.security.id)
    expect(Object.keys(row.data?.error ?? {})).toContain('name')

    const added = await post(vendor.admin, { intent: 'create', name: 'x'.repeat(500) })
    expect(added.init?.status).toBe(400)
    expect(added.data?.initialValue.intent).toBe('create')
    expect(added.data?.error.name?.[0]).toBeTruthy()
    // Only what the schema declares is echoed, and only so long.
    expect(String(added.data?.initialValue.name).length).toBeLessThanOrEqual(2_000)
  })

  it('a forged row id is a 400 error page, not a message beside a field', async () => {
    const { vendor } = ctx
    const forged = await post(vendor.admin, { intent: 'delete', id: '../etc' })
    expect(forged.status).toBe(400)
  })

  it('a refused delete (not found) is the error page; a vendor member may not change the taxonomy', async () => {
    const { vendor, categories } = ctx
    expect((await post(vendor.admin, { intent: 'delete', id: 'nope' })).status).toBe(404)
    expect((await post(vendor.member, { intent: 'delete', id: categories.security.id })).status).toBe(403)
  })
})
