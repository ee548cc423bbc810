import http from 'node:http'
import type { ServerBuild } from '@remix-run/node'
import { desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { mailMessages } from '#db/schema/platform.ts'
import { appOrigin } from '#app/env.server.ts'
import { createAppServer } from '#app/http/app.server.ts'
import * as forgotPassword from '#app/routes/forgot-password.tsx'
import * as robots from '#app/routes/robots[.]txt.tsx'
import * as sitemap from '#app/routes/sitemap[.]xml.tsx'
import { createUserIn, createVendor } from '#tests/factories/index.ts'

/**
 * Links and URLs come from the configured origin only (issue 13, item 3). The real app server
 * (Origin check, host pinning, page cache, Remix's request handler) serves the real route modules
 * of /forgot-password, /robots.txt and /sitemap.xml, mounted as a minimal Remix build, plus a
 * probe that shows the `request.url` Remix hands to loaders.
 */
function routeBuild(): ServerBuild {
  const route = (id: string, path: string, module: object) => ({ [id]: { id, parentId: 'root', path, module } })
  const probe = { loader: ({ request }: { request: Request }) => new Response(request.url, { headers: { 'Cache-Control': 'public, max-age=60' } }) }
  return {
    mode: 'production',
    entry: { module: { default: () => new Response('no documents in this build', { status: 500 }) } },
    routes: {
      root: { id: 'root', path: '', module: {} },
      ...route('routes/forgot-password', 'forgot-password', { action: forgotPassword.action }),
      ...route('routes/robots[.]txt', 'robots.txt', { loader: robots.loader }),
      ...route('routes/sitemap[.]xml', 'sitemap.xml', { loader: sitemap.loader }),
      ...route('routes/probe', 'probe', probe),
    },
    assets: { entry: { module: '/entry.js', imports: [] }, routes: {}, url: '/manifest.js', version: '1' },
    publicPath: '/',
    assetsBuildDirectory: 'build/client',
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true },
    isSpaMode: false,
  } as unknown as ServerBuild
}

let server: Awaited<ReturnType<typeof createAppServer>>
let port: number
let base: string
let victim: string

beforeAll(async () => {
  const vendor = await createVendor()
  victim = (await createUserIn(vendor.org.id, 'vendor_member')).email
  server = await createAppServer({ build: routeBuild(), workers: false, pageCache: {} })
  port = await server.listen(0, '127.0.0.1')
  base = `http://127.0.0.1:${port}`
}, 120_000)

afterAll(async () => {
  await server?.close()
})

type Reply = { status: number; body: string; headers: http.IncomingHttpHeaders }
/** A raw request, so the test sets Host, X-Forwarded-Host and Origin exactly. */
function send(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<Reply>((resolve, reject) => {
    const all: Record<string, string> = { ...headers }
    if (body !== undefined) {
      all['Content-Type'] = 'application/x-www-form-urlencoded'
      all['Content-Length'] = String(Buffer.byteLength(body))
    }
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: all }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function lastMailTo(to: string) {
  const [mail] = await db.select().from(mailMessages).where(eq(mailMessages.to, to)).orderBy(desc(mailMessages.createdAt)).limit(1)
  return mail
}

describe('password-reset links', () => {
  it('refuses a forged Host with a matching Origin: the Origin check compares with the configured origin', async () => {
    const before = await lastMailTo(victim)
    const res = await send('POST', '/forgot-password', { Host: 'attacker.example', Origin: 'http://attacker.example' }, `email=${encodeURIComponent(victim)}`)
    expect(res.status).toBe(403)
    expect(res.body).toMatch(/came from http:\/\/attacker\.example, which is not this site/)
    expect(await lastMailTo(victim)).toEqual(before)
  })

  it('mails a link on the configured origin whatever Host and X-Forwarded-Host say', async () => {
    const res = await send(
      'POST',
      '/forgot-password',
      { Host: `attacker.example:${port}`, 'X-Forwarded-Host': 'attacker.example:8443', 'X-Forwarded-Proto': 'https', Origin: base },
      `email=${encodeURIComponent(victim)}`,
    )
    expect(res.status).toBe(302)
    expect(res.headers.location).toBe('/forgot-password?sent=1')
    const mail = await lastMailTo(victim)
    expect(mail!.text).toMatch(new RegExp(`Choose a new password here within the next hour: ${appOrigin().replace(/[.]/g, '\\.')}/reset-password/[\\w-]{43}\\b`))
    expect(mail!.text).not.toMatch(/attacker|8443/)
  })
})

describe('URLs in pages', () => {
  it('hands Remix a request URL on the canonical host, not the Host or X-Forwarded-Host sent', async () => {
    const res = await send('GET', '/probe?x=1', { Host: 'x/listings/secret#', 'X-Forwarded-Host': 'attacker.example:1234' })
    expect(res.status).toBe(200)
    // Without APP_ORIGIN the canonical host is localhost on the port the server listens on.
    expect(res.body).toBe(`http://localhost:${port}/probe?x=1`)
  })

  it('builds robots.txt and the sitemap from the configured origin, also in the copies the page cache shares', async () => {
    const poisoned = { Host: `127.0.0.1:${port}`, 'X-Forwarded-Host': 'attacker.example:1234' }
    for (const path of ['/robots.txt', '/sitemap.xml']) {
      const first = await send('GET', path, poisoned)
      const second = await send('GET', path, {})
      expect(first.status, path).toBe(200)
      expect(second.headers['x-page-cache'], path).toBe('HIT')
      for (const reply of [first, second]) {
        expect(reply.body, path).toContain(appOrigin())
        expect(reply.body, path).not.toMatch(/attacker|1234/)
      }
    }
    expect((await send('GET', '/robots.txt', {})).body).toContain(`Sitemap: ${appOrigin()}/sitemap.xml`)
  })
})
