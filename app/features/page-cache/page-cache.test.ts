import http from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPartner } from '#tests/factories/index.ts'
import { createAppServer } from '#app/http/app.server.ts'
import type { RequestContext } from '#app/http/context.ts'
import { startSession } from '#app/features/auth/session.server.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { approveListing, archiveListing, createListing, saveListingDraft, submitListing } from '#app/features/listings/listings.server.ts'
import { getListingPage } from '#app/features/listings/public.server.ts'
import { publicCacheHeaders } from '#app/features/listings/seo.server.ts'
import { listingInput, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { db } from '#db/client.server.ts'
import { affectsPublicPages, readPublicContentVersion, sharedVersionReader, singleWriterVersionReader } from '#app/features/page-cache/version.server.ts'

/**
 * The cache on the real Express stack and a real database. Instead of the Remix build, a stand-in
 * listing page renders straight from the domain (getListingPage), behind the same middleware.
 */
useTempStorage()
let server: Awaited<ReturnType<typeof createAppServer>>
let base: string
let ctx: Awaited<ReturnType<typeof vendorWithCategories>>
let partner: Awaited<ReturnType<typeof createPartner>>
let renders = 0

beforeAll(async () => {
  ctx = await vendorWithCategories()
  partner = await createPartner({ name: 'Cachewell Systems' })
  server = await createAppServer({ workers: false, pageCache: {} })
  server.app.get('/listings/:slug', async (req, res) => {
    renders++
    const context = res.locals.context as RequestContext
    try {
      const page = await getListingPage(context.actor, req.params.slug!)
      const headers: Record<string, string> = page.isPublic ? publicCacheHeaders(Boolean(context.actor)) : { 'Cache-Control': 'private, no-store' }
      if (req.query.flash) headers['Set-Cookie'] = 'pe_toast=x; Path=/'
      res
        .set(headers)
        .type('html')
        .send(`<h1>${page.listing.title}</h1><p>viewer: ${context.actor?.name ?? 'anonymous'}</p>${page.listing.body_html}`)
    } catch {
      res.status(404).type('html').send('<h1>Not found</h1>')
    }
  })
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`
}, 120_000)

afterAll(async () => {
  await server?.close()
})

type Reply = { status: number; body: string; cache: string | null; encoding: string | null; hsts: string | null; raw: Buffer }
/** A raw request, so no cookie or header is added behind the test's back. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<Reply>((resolve, reject) => {
    http
      .get(new URL(path, base), { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const raw = Buffer.concat(chunks)
          const encoding = res.headers['content-encoding'] ?? null
          const body = (encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')
          resolve({
            status: res.statusCode!,
            body,
            raw,
            encoding,
            cache: (res.headers['x-page-cache'] as string | undefined) ?? null,
            hsts: (res.headers['strict-transport-security'] as string | undefined) ?? null,
          })
        })
      })
      .on('error', reject)
  })
}

async function publishedListing(slug: string, title: string, more: Record<string, unknown> = {}) {
  const listing = await createListing(partner.admin, listingInput({ slug, title, categoryIds: [ctx.categories.saas.id], ...more }))
  await submitListing(partner.admin, listing.id)
  await approveListing(ctx.vendor.admin, listing.id)
  return listing
}

describe('the anonymous page cache', () => {
  it('serves the second anonymous request from memory', async () => {
    await publishedListing('cached-once', 'Cached once')
    const before = renders
    const first = await get('/listings/cached-once')
    const second = await get('/listings/cached-once')
    expect([first.status, first.cache]).toEqual([200, 'MISS'])
    expect([second.status, second.cache]).toEqual([200, 'HIT'])
    expect(second.body).toBe(first.body)
    expect(renders - before).toBe(1)
  })

  it('shows an approved edit on the very next anonymous request', async () => {
    const listing = await publishedListing('edited-live', 'Original title')
    await get('/listings/edited-live')
    expect((await get('/listings/edited-live')).cache).toBe('HIT')

    await saveListingDraft(partner.admin, listing.id, listingInput({ slug: 'edited-live', title: 'Edited title', categoryIds: [ctx.categories.saas.id] }))
    await submitListing(partner.admin, listing.id)
    const whileInReview = await get('/listings/edited-live')
    expect(whileInReview.body).toContain('Original title')

    await approveListing(ctx.vendor.admin, listing.id)
    const after = await get('/listings/edited-live')
    expect(after.cache).toBe('MISS')
    expect(after.body).toContain('Edited title')
    expect((await get('/listings/edited-live')).body).toContain('Edited title')
  })

  it('answers 404 for an archived listing right after it is archived', async () => {
    const listing = await publishedListing('soon-archived', 'Soon archived')
    await get('/listings/soon-archived')
    expect((await get('/listings/soon-archived')).cache).toBe('HIT')
    await archiveListing(partner.admin, listing.id)
    expect((await get('/listings/soon-archived')).status).toBe(404)
  })

  it('keeps drafts 404 to anonymous visitors and never stores the 404', async () => {
    await createListing(partner.admin, listingInput({ slug: 'still-a-draft', title: 'Secret draft', categoryIds: [ctx.categories.saas.id] }))
    const first = await get('/listings/still-a-draft')
    const second = await get('/listings/still-a-draft')
    expect([first.status, second.status]).toEqual([404, 404])
    expect(second.cache).toBe('MISS')
    expect(second.body).not.toContain('Secret draft')
  })

  it('never serves nor stores a signed-in request', async () => {
    await publishedListing('seen-signed-in', 'Seen signed in')
    const { cookie } = await startSession(partner.admin.userId)
    const session = { cookie: cookie.split(';')[0]! }
    await get('/listings/seen-signed-in') // an anonymous copy is cached
    const stored = server.pageCache!.stats().stored

    const signedIn = await get('/listings/seen-signed-in', session)
    expect(signedIn.cache).toBeNull()
    expect(signedIn.body).toContain(`viewer: ${partner.admin.name}`)
    expect(server.pageCache!.stats().stored).toBe(stored)

    const anonymous = await get('/listings/seen-signed-in')
    expect(anonymous.cache).toBe('HIT')
    expect(anonymous.body).toContain('viewer: anonymous')

    // A draft stays visible to its own org through the cache layer.
    const draft = await get('/listings/still-a-draft', session)
    expect(draft.status).toBe(200)
    expect(draft.body).toContain('Secret draft')
  })

  it('bypasses requests with any cookie, such as a toast', async () => {
    await publishedListing('with-toast', 'With toast')
    await get('/listings/with-toast')
    expect((await get('/listings/with-toast', { cookie: 'pe_toast=abc' })).cache).toBeNull()
  })

  it('does not store a response that sets a cookie', async () => {
    await publishedListing('sets-cookie', 'Sets cookie')
    await get('/listings/sets-cookie?flash=1')
    expect((await get('/listings/sets-cookie?flash=1')).cache).toBe('MISS')
  })

  it('keeps one copy whatever the Host, since pages are built from the configured origin only', async () => {
    await publishedListing('by-host', 'By host')
    await get('/listings/by-host', { host: 'evil.example', 'x-forwarded-host': 'evil.example:1234' })
    expect((await get('/listings/by-host')).cache).toBe('HIT')
    expect((await get('/listings/by-host', { host: 'other.example' })).cache).toBe('HIT')
  })

  it('does not store HSTS, which depends on the scheme of each request', async () => {
    await publishedListing('hsts', 'HSTS')
    server.app.set('trust proxy', true)
    try {
      const https = await get('/listings/hsts', { 'x-forwarded-proto': 'https' })
      expect(https.hsts).toMatch(/max-age=/)
      const http = await get('/listings/hsts')
      expect([http.cache, http.hsts]).toEqual(['HIT', null])
    } finally {
      server.app.set('trust proxy', false)
    }
  })

  it('keeps a gzipped copy for clients that accept it, and plain bytes for those that do not', async () => {
    await publishedListing('compressed', 'Compressed', { body: 'A paragraph that repeats itself. '.repeat(100) })
    const plain = await get('/listings/compressed')
    await new Promise((r) => setTimeout(r, 50)) // the gzipped copy is made in the background
    const gzipped = await get('/listings/compressed', { 'accept-encoding': 'gzip, deflate, br' })
    expect(gzipped.cache).toBe('HIT')
    expect(gzipped.encoding).toBe('gzip')
    expect(gzipped.raw.length).toBeLessThan(plain.raw.length)
    expect(gzipped.body).toBe(plain.body)
    const identity = await get('/listings/compressed')
    expect([identity.cache, identity.encoding, identity.body]).toEqual(['HIT', null, plain.body])
  })

  it('leaves other pages and methods alone', async () => {
    expect((await get('/listings/by-host.data')).cache).toBeNull()
    expect((await get('/settings/profile')).cache).toBeNull()
  })
})

describe('the public-content version', () => {
  it('is bumped with public changes and left alone by private ones, inside the transaction', async () => {
    const v0 = await readPublicContentVersion()
    await db.transaction((tx) => recordEvent(tx, { type: 'user.signed_in', subjectType: 'user', subjectId: 'u1', audit: false }))
    expect(await readPublicContentVersion()).toBe(v0)
    await db
      .transaction(async (tx) => {
        await recordEvent(tx, { type: 'category.deleted', subjectType: 'category', subjectId: 'l1', payload: { slug: 'l1' }, audit: false })
        throw new Error('rolled back')
      })
      .catch(() => undefined)
    expect(await readPublicContentVersion()).toBe(v0)
    await db.transaction((tx) => recordEvent(tx, { type: 'category.deleted', subjectType: 'category', subjectId: 'l1', payload: { slug: 'l1' }, audit: false }))
    expect(await readPublicContentVersion()).toBe(v0 + 1)
  })

  it('classifies event types, unknown ones as public', () => {
    for (const t of ['listing.published', 'listing.archived', 'organization.profile_updated', 'org.suspended', 'category.updated', 'integration.confirmed', 'endorsement.created', 'something.new'])
      expect(affectsPublicPages(t), t).toBe(true)
    for (const t of ['user.signed_in', 'referral.submitted', 'cosell.opened', 'message.posted', 'notification.created', 'accounts.imported']) expect(affectsPublicPages(t), t).toBe(false)
  })

  it('shares one read among callers of the same turn, but never a read sent before a caller arrived', async () => {
    let value = 1
    const started: number[] = []
    const releases: (() => void)[] = []
    const reader = sharedVersionReader(() => {
      const seen = value
      started.push(seen)
      return new Promise<number>((resolve) => releases.push(() => resolve(seen)))
    })
    const turn = () => new Promise((r) => setImmediate(r))
    const a1 = reader()
    const a2 = reader() // same turn as a1: one read for both
    await turn()
    expect(started).toEqual([1])
    value = 2 // a change commits after read #1 was sent
    const b = reader() // must not use read #1
    const c = reader() // shares read #2 with b
    releases[0]!()
    expect([await a1, await a2]).toEqual([1, 1])
    await turn()
    expect(started).toEqual([1, 2])
    releases[1]!()
    expect([await b, await c]).toEqual([2, 2])
  })

  it.skipIf(Boolean(process.env.DATABASE_URL))('on PGlite reads again only after a bump, and a read during the bumping transaction sees the commit', async () => {
    let reads = 0
    const reader = singleWriterVersionReader(async () => {
      reads++
      return readPublicContentVersion()
    })
    const v = await reader()
    expect(await reader()).toBe(v)
    expect(reads).toBe(1)
    let during: Promise<number> | undefined
    await db.transaction(async (tx) => {
      await recordEvent(tx, { type: 'category.deleted', subjectType: 'category', subjectId: 'l2', payload: { slug: 'l2' }, audit: false })
      during = reader() // runs once the transaction is over (PGlite serializes), so it sees the commit
    })
    expect(await during).toBe(v + 1)
    expect(await reader()).toBe(v + 1)
    expect(reads).toBe(2)
  })
})
