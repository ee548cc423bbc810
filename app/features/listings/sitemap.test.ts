import { beforeAll, describe, expect, it } from 'vitest'
import { createPartner } from '#tests/factories/index.ts'
import { approveListing, createListing, submitListing } from '#app/features/listings/listings.server.ts'
import { sitemapIndexXml, sitemapPart, sitemapRoot, urlsetXml } from '#app/features/listings/sitemap.server.ts'
import { listingInput, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'

useTempStorage()
let ctx: Awaited<ReturnType<typeof vendorWithCategories>>
let alpha: Awaited<ReturnType<typeof createPartner>>
let applicant: Awaited<ReturnType<typeof createPartner>>

beforeAll(async () => {
  ctx = await vendorWithCategories()
  alpha = await createPartner({ name: 'Sitemap Alpha' })
  const a = alpha
  await createPartner({ name: 'Sitemap Beta' })
  applicant = await createPartner({ name: 'Sitemap Applicant', status: 'applicant' })
  for (const slug of ['map-one', 'map-two', 'map-three']) {
    const { id } = await createListing(a.admin, listingInput({ slug, categoryIds: [ctx.categories.saas.id] }))
    await submitListing(a.admin, id)
    await approveListing(ctx.vendor.admin, id)
  }
  await createListing(a.admin, listingInput({ slug: 'map-draft', categoryIds: [ctx.categories.saas.id] }))
})

const paths = (urls: { path: string }[]) => urls.map((u) => u.path)

describe('sitemap', () => {
  it('lists every public page in one file while they fit, and nothing unpublished or inactive', async () => {
    const root = await sitemapRoot()
    if (!('urls' in root)) throw new Error('expected one file')
    expect(paths(root.urls)).toEqual(expect.arrayContaining(['/', '/marketplace', '/integrations', '/marketplace/category/cloud-migration', '/listings/map-one', `/partners/${alpha.org.slug}`]))
    expect(paths(root.urls)).not.toContain('/listings/map-draft')
    expect(paths(root.urls)).not.toContain(`/partners/${applicant.org.slug}`)
  })

  it('becomes an index of parts once it outgrows one file, and the parts together hold the same URLs', async () => {
    const single = await sitemapRoot()
    if (!('urls' in single)) throw new Error('expected one file')
    const root = await sitemapRoot(2)
    if (!('parts' in root)) throw new Error('expected an index')
    expect(root.parts.map((p) => p.name)).toEqual(['pages.xml', 'listings-1.xml', 'listings-2.xml', 'partners-1.xml'])
    const all = []
    for (const part of root.parts) all.push(...((await sitemapPart(part.name, 2)) ?? []))
    expect(paths(all).sort()).toEqual(paths(single.urls).sort())
    expect(sitemapIndexXml('https://hub.example', root.parts)).toContain('<sitemap><loc>https://hub.example/sitemaps/listings-2.xml</loc></sitemap>')
  })

  it('answers null (a 404) for names that are not parts', async () => {
    for (const name of ['listings-0.xml', 'listings-99.xml', 'secrets.xml', '../etc/passwd', 'partners-1.json']) expect(await sitemapPart(name, 2)).toBeNull()
  })

  it('escapes what it writes into XML', () => {
    expect(urlsetXml('https://hub.example', [{ path: '/listings/a&b<c>' }])).toContain('<loc>https://hub.example/listings/a&amp;b&lt;c&gt;</loc>')
  })
})
