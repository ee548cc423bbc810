import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { listings } from '#db/schema/index.ts'
import { createPartner } from '#tests/factories/index.ts'
import { postToAction } from '#tests/support/route.ts'
import { listingInput, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'

useTempStorage()

/** The listing editor (/manage/listings/new and /:id/edit): errors beside their fields, a preview, nothing written on a refusal. */
describe('listing editor action', () => {
  let partner: Awaited<ReturnType<typeof createPartner>>
  let other: Awaited<ReturnType<typeof createPartner>>
  let categoryId: string
  beforeAll(async () => {
    const { categories } = await vendorWithCategories()
    categoryId = categories.saas.id
    partner = await createPartner()
    other = await createPartner()
  })
  const form = (overrides: Record<string, unknown> = {}) => {
    const values = listingInput({ categoryIds: [categoryId], ...overrides }) as Record<string, unknown>
    const out: Record<string, string | string[]> = { intent: 'save' }
    for (const [k, v] of Object.entries(values)) if (typeof v !== 'boolean') out[k] = Array.isArray(v) ? v.map(String) : String(v)
    return out
  }
  const create = async (values: Record<string, string | string[]>, actor = partner.admin) => {
    const { action } = await import('#app/routes/manage.listings.new.tsx')
    return postToAction(action, '/manage/listings/new', actor, values)
  }
  const edit = async (id: string, values: Record<string, string | string[]>, actor = partner.admin) => {
    const { action } = await import('#app/routes/manage.listings.$id.edit.tsx')
    return postToAction(action, `/manage/listings/${id}/edit`, actor, values, { id })
  }
  const ownListings = () => db.select().from(listings).where(eq(listings.orgId, partner.org.id))

  it('a short title and no category come back beside their fields; nothing is written', async () => {
    const bad = await create(form({ title: 'x', categoryIds: [] }))
    expect(bad.init?.status).toBe(400)
    expect(bad.data?.error?.title?.[0]).toMatch(/at least 3 characters/)
    expect(bad.data?.error?.categoryIds?.[0]).toMatch(/at least one category/)
    expect(bad.data?.initialValue?.title).toBe('x')
    expect(await ownListings()).toHaveLength(0)
  })

  it('a preview renders the Markdown without saving', async () => {
    const preview = (await create({ ...form(), intent: 'preview' })) as { preview?: string }
    expect(preview.preview).toContain('<h2')
    expect(await ownListings()).toHaveLength(0)
  })

  it('a good form creates the draft; an edit with a bad field is refused, a good one saved; another organization may not edit', async () => {
    const ok = await create(form({ slug: 'editor-page-test' }))
    expect(ok.status).toBe(302)
    const [listing] = await ownListings()
    expect(listing).toBeTruthy()
    expect(ok.headers?.get('Location')).toBe(`/manage/listings/${listing!.id}`)

    const bad = await edit(listing!.id, form({ summary: 'short' }))
    expect(bad.init?.status).toBe(400)
    expect(bad.data?.error?.summary?.[0]).toMatch(/at least 10 characters/)

    const taken = await create(form({ slug: 'editor-page-test' }))
    expect([400, 409]).toContain(taken.init?.status)
    expect(taken.data?.error?.slug?.[0] ?? taken.data?.error?.['']?.[0]).toBeTruthy()
    expect(await ownListings()).toHaveLength(1)

    expect((await edit(listing!.id, form({ title: 'Cloud migration, revised' }))).status).toBe(302)
    expect([403, 404]).toContain((await edit(listing!.id, form(), other.admin)).status)
  })
})
