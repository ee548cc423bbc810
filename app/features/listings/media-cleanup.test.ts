import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { listingMedia } from '#db/schema/index.ts'
import { createPartner } from '#tests/factories/index.ts'
import { createListing, getListingForOwner, saveListingDraft } from '#app/features/listings/listings.server.ts'
import { deleteOrphanedMedia } from '#app/features/listings/media-cleanup.server.ts'
import { listingInput, pngImage, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'

const store = useTempStorage()
let partner: Awaited<ReturnType<typeof createPartner>>
let categoryId: string

beforeAll(async () => {
  const { categories } = await vendorWithCategories()
  categoryId = categories.saas.id
  partner = await createPartner({ name: 'Cleanup Partners' })
})

const fileOf = (key: string) => path.join(store.dir, ...key.split('/'))
const mediaKeys = async () => (await db.select({ key: listingMedia.key }).from(listingMedia)).map((r) => r.key).sort()

describe('orphaned uploads', () => {
  it('deletes the images a draft no longer shows, after the grace period, rows and files, and keeps everything in use', async () => {
    const created = await createListing(partner.admin, listingInput({ categoryIds: [categoryId] }), {
      logo: { filename: 'logo.png', data: await pngImage(300, 300, '#ff8800') },
      screenshots: [{ filename: 'one.png', data: await pngImage(800, 500, '#112233') }],
    })
    const first = (await getListingForOwner(partner.admin, created.id)).draft!
    const replacedShot = first.screenshots[0]!.key
    const replacedLogo = first.logoKey!

    // The partner replaces both images in the draft before it was ever published.
    await saveListingDraft(partner.admin, created.id, listingInput({ categoryIds: [categoryId], removeScreenshots: [replacedShot] }), {
      logo: { filename: 'logo2.png', data: await pngImage(300, 300, '#0088ff') },
      screenshots: [{ filename: 'two.png', data: await pngImage(800, 500, '#445566') }],
    })
    const second = (await getListingForOwner(partner.admin, created.id)).draft!
    expect(await mediaKeys()).toHaveLength(4)

    // Inside the grace period nothing goes.
    expect((await deleteOrphanedMedia()).deleted).toEqual([])

    const later = new Date(Date.now() + 25 * 3_600_000)
    const { deleted } = await deleteOrphanedMedia({ now: later })
    expect(deleted.sort()).toEqual([replacedLogo, replacedShot].sort())
    expect(await mediaKeys()).toEqual([second.logoKey!, second.screenshots[0]!.key].sort())
    expect(fs.existsSync(fileOf(replacedShot))).toBe(false)
    expect(fs.existsSync(fileOf(replacedLogo))).toBe(false)
    expect(fs.existsSync(fileOf(second.screenshots[0]!.key))).toBe(true)

    // Running again finds nothing more.
    expect((await deleteOrphanedMedia({ now: later })).deleted).toEqual([])
  })

  it('keeps an organization logo that the profile shows', async () => {
    const [row] = await db
      .insert(listingMedia)
      .values({
        orgId: partner.org.id,
        kind: 'org_logo',
        key: `orgs/${partner.org.id.toLowerCase()}/kept.png`,
        contentType: 'image/png',
        width: 10,
        height: 10,
        bytes: 1,
        sha256: 'x',
        createdAt: new Date('2026-01-01T00:00:00Z'),
      })
      .returning()
    const { organizations } = await import('#db/schema/index.ts')
    await db
      .update(organizations)
      .set({ logoUrl: `/uploads/${row!.key}` })
      .where(eq(organizations.id, partner.org.id))
    const { deleted } = await deleteOrphanedMedia({ now: new Date(Date.now() + 48 * 3_600_000) })
    expect(deleted).not.toContain(row!.key)
  })
})
