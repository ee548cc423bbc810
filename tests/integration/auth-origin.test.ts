import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { organizations, users } from '#db/schema/index.ts'
import { applyAsPartner } from '#app/features/auth/auth.server.ts'
import { createAppServer } from '#app/http/app.server.ts'
import { createVendor, TEST_PASSWORD } from '#tests/factories/index.ts'
import { snapshot } from '#tests/support/snapshot.ts'

/**
 * The Origin check on real routes over real HTTP: the app server from app/http/app.server.ts with
 * the Vite-built Remix app when `build/` has the auth routes (npm run build), otherwise the same
 * Express stack with /apply and /login wired straight to the domain functions. Either way the
 * request passes through the real middleware and the real database.
 */
const BUILD = path.resolve('build/server/index.js')

async function loadBuild(): Promise<ServerBuild | null> {
  if (!fs.existsSync(BUILD)) return null
  const build = (await import(/* @vite-ignore */ pathToFileURL(BUILD).href)) as ServerBuild
  const ids = Object.keys(build.routes)
  return ids.includes('routes/apply') && ids.includes('routes/login') ? build : null
}

let server: Awaited<ReturnType<typeof createAppServer>>
let base: string
let usingRemix = false
let vendorAdminEmail: string

beforeAll(async () => {
  const { admin } = await createVendor()
  vendorAdminEmail = admin.email
  const build = await loadBuild()
  usingRemix = Boolean(build)
  server = await createAppServer({ build: build ?? undefined, workers: false })
  if (!build) {
    // Registered after the origin middleware, exactly where Remix's handler would be.
    server.app.post('/apply', async (req, res) => {
      const form = new URLSearchParams(await readBody(req))
      const { orgId } = await applyAsPartner({ ...Object.fromEntries(form), regions: form.getAll('regions'), industries: form.getAll('industries') })
      res.redirect(302, `/?org=${orgId}`)
    })
    server.app.post('/login', (_req, res) => {
      res.status(200).send('would sign in')
    })
  }
  const port = await server.listen(0, '127.0.0.1')
  base = `http://127.0.0.1:${port}`
}, 120_000)

afterAll(async () => {
  await server?.close()
})

function readBody(req: http.IncomingMessage) {
  return new Promise<string>((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

/** A raw HTTP request, so the test decides exactly which Origin header is sent (or none). */
function post(pathname: string, form: Record<string, string | string[]>, origin: string | null) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
  const payload = body.toString()
  const url = new URL(pathname, base)
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(payload)) }
    if (origin !== null) headers.Origin = origin
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(payload)
  })
}

let seq = 0
function application() {
  seq++
  return {
    companyName: `Origin Test Co ${seq}`,
    website: 'https://origin.example.com',
    partnerType: 'technology',
    regions: ['NA'],
    industries: ['technology'],
    name: 'Olive Origin',
    email: `origin-${seq}-${Date.now()}@example.test`,
    password: 'origin test password',
    confirmPassword: 'origin test password',
  }
}

describe('Origin check on state-changing requests', () => {
  it('accepts a same-origin application (the control)', async () => {
    const form = application()
    const res = await post('/apply', form, base)
    expect(res.status).toBe(302)
    const [user] = await db.select().from(users).where(eq(users.email, form.email))
    expect(user).toBeTruthy()
    const [org] = await db.select().from(organizations).where(eq(organizations.name, form.companyName))
    expect(org!.status).toBe('applicant')
    if (usingRemix) expect(res.headers['set-cookie']?.join(';')).toContain('pe_session=')
  })

  it.each([
    ['a foreign origin', 'https://evil.example', /came from https:\/\/evil\.example, which is not this site/],
    ['a look-alike origin on another port', 'http://127.0.0.1:1', /not this site/],
    ['an opaque "null" origin', 'null', /not this site/],
    ['no Origin header', null, /no Origin header/],
  ])('refuses an application with %s: 403, a clear message, nothing written', async (_label, origin, message) => {
    const before = await snapshot()
    const form = application()
    const res = await post('/apply', form, origin)
    expect(res.status).toBe(403)
    expect(res.body).toMatch(message)
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(await snapshot()).toEqual(before)
    expect(await db.select().from(users).where(eq(users.email, form.email))).toEqual([])
  })

  it('refuses a cross-site sign-in with the right password: no session, no rate-limit count', async () => {
    const before = await snapshot(['sessions', 'domain_events', 'audit_log', 'rate_limits'])
    for (const origin of ['https://evil.example', null]) {
      const res = await post('/login', { email: vendorAdminEmail, password: TEST_PASSWORD }, origin)
      expect(res.status).toBe(403)
      expect(res.headers['set-cookie']).toBeUndefined()
    }
    expect(await snapshot(['sessions', 'domain_events', 'audit_log', 'rate_limits'])).toEqual(before)
  })

  it('lets safe methods through without an Origin', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      http
        .get(new URL('/healthz', base), (r) => {
          r.resume()
          resolve(r.statusCode ?? 0)
        })
        .on('error', reject)
    })
    expect(res).toBe(200)
  })

  it.runIf(process.env.REQUIRE_REMIX_BUILD === '1')('ran against the built Remix app', () => {
    expect(usingRemix).toBe(true)
  })
})
