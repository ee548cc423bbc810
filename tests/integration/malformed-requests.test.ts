import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSession } from '#app/features/auth/session.server.ts'
import { createAppServer } from '#app/http/app.server.ts'
import { buildApp } from '../../scripts/lib/build.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'

/**
 * Malformed and oversized requests against the real app: the Vite-built Remix app (built here
 * when stale) behind the real HTTP server, on the real database. Every route module in
 * app/routes with an `action` is found by reading the folder, so a new route is covered the day
 * it is added; each gets every malformed body, anonymous and signed in. Nothing may answer 5xx
 * or leak a stack trace, and each refusal says what to do.
 */

const ROUTES_DIR = path.resolve('app/routes')

/** `accounts.import.$id.tsx` → `/accounts/import/<id>`; index routes get `?index` (as Remix's forms send). */
export function routeUrl(file: string) {
  const segments = file
    .replace(/\.(tsx|ts)$/, '')
    .replaceAll('[.]', '\u0000')
    .split('.')
    .map((s) => s.replaceAll('\u0000', '.'))
  const index = segments.at(-1) === '_index'
  const parts = segments
    .filter((s) => s !== '_index' && !(s.startsWith('_') && s.length > 1))
    // A trailing `_` only opts a route out of its parent's layout (`referrals_.$id`): not in the URL.
    .map((s) => (s.length > 1 && s.endsWith('_') ? s.slice(0, -1) : s))
    .map((s) => (s === '$' ? 'anything' : s.startsWith('$') ? 'nosuchid00000000' : s))
  const pathname = `/${parts.join('/')}`.replace(/\/$/, '') || '/'
  return index ? `${pathname}?index` : pathname
}

const actionRoutes = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => /\.(tsx|ts)$/.test(f) && !f.includes('.test.'))
  .filter((f) => /export\s+(async\s+)?(function|const)\s+action\b/.test(fs.readFileSync(path.join(ROUTES_DIR, f), 'utf8')))
  .sort()

let server: Awaited<ReturnType<typeof createAppServer>>
let base: string
const identities: Record<string, string | null> = { anonymous: null }

beforeAll(async () => {
  // The build must see the Remix plugin, which vite.config.ts leaves out under Vitest.
  const vitest = process.env.VITEST
  delete process.env.VITEST
  try {
    buildApp({ log: () => undefined })
  } finally {
    process.env.VITEST = vitest
  }
  const build = (await import(/* @vite-ignore */ pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild
  server = await createAppServer({ build, workers: false })
  const port = await server.listen(0, '127.0.0.1')
  base = `http://127.0.0.1:${port}`
  const vendor = await createVendor()
  const partner = await createPartner()
  identities.partner = (await startSession(partner.admin.userId)).cookie.split(';')[0]!
  identities.vendor = (await startSession(vendor.admin.userId)).cookie.split(';')[0]!
}, 600_000)

afterAll(async () => {
  await server?.close()
})

type Reply = { status: number; headers: http.IncomingHttpHeaders; text: string }

/** One raw request: the test decides every header and byte. */
function send(method: string, url: string, { headers = {}, body, cookie }: { headers?: Record<string, string>; body?: Buffer | string; cookie?: string | null } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const all: Record<string, string> = { Origin: base, ...headers }
    if (cookie) all.Cookie = cookie
    if (body !== undefined) all['Content-Length'] = String(Buffer.byteLength(body))
    const req = http.request(new URL(url, base), { method, headers: all }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

const decoded = (text: string) =>
  text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

const STACK = /\n\s+at .+:\d+:\d+|node_modules\/|\.server\.ts:\d+/

/** What is wrong with a reply, or null: no 5xx, no stack trace, an error that names what to do. */
function problem(reply: Reply, expected: { statuses: number[]; message?: RegExp }) {
  if (reply.status >= 500) return `${reply.status} ${reply.text.slice(0, 300)}`
  if (STACK.test(reply.text)) return `a stack trace in a ${reply.status}`
  if (/Something went wrong on our side/.test(reply.text)) return `a ${reply.status} page that blames the server`
  if (!expected.statuses.includes(reply.status)) return `status ${reply.status}, expected one of ${expected.statuses.join(', ')}: ${decoded(reply.text).replace(/\s+/g, ' ').slice(0, 300)}`
  if (expected.message && reply.status >= 400 && reply.status !== 401 && reply.status !== 403 && reply.status !== 404 && reply.status !== 405 && !expected.message.test(decoded(reply.text))) {
    return `status ${reply.status} without the message ${expected.message}`
  }
  return null
}

/** Refusals that come before the body is read: sign-in redirects, the wrong role, no such page or method. */
const GUARDS = [302, 303, 401, 403, 404, 405]

const BOUNDARY = '----fuzzboundary7MA4YWxkTrZu0gW'
const MALFORMED: { name: string; headers: Record<string, string>; body?: string | Buffer; statuses: number[]; message: RegExp }[] = [
  { name: 'JSON', headers: { 'Content-Type': 'application/json' }, body: '{"intent":"submit","email":"a@b.c"}', statuses: [415], message: /accepts only form submissions/ },
  { name: 'plain text', headers: { 'Content-Type': 'text/plain' }, body: 'intent=submit', statuses: [415], message: /accepts only form submissions/ },
  { name: 'no body', headers: {}, statuses: [415], message: /accepts only form submissions/ },
  { name: 'XML', headers: { 'Content-Type': 'application/xml' }, body: '<a/>', statuses: [415], message: /accepts only form submissions/ },
  { name: 'multipart without a boundary', headers: { 'Content-Type': 'multipart/form-data' }, body: 'x', statuses: [400], message: /multipart body is malformed/ },
  {
    name: 'truncated multipart',
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsubmit`,
    statuses: [400],
    message: /multipart body is malformed/,
  },
  {
    name: 'multipart with broken part headers',
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: `--${BOUNDARY}\r\nnot a header\r\n\r\nvalue\r\n--${BOUNDARY}--\r\n`,
    statuses: [400],
    message: /multipart body is malformed/,
  },
  {
    name: 'a NUL byte in urlencoded fields',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'intent=submit%00&email=a%00%40example.test&password=x%00&name=%00&id=%00&body=hello%00',
    statuses: [400],
    message: /NUL character/,
  },
  {
    name: 'a NUL byte in a multipart field',
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\nbad\u0000name\r\n--${BOUNDARY}--\r\n`,
    statuses: [400],
    // The account import reads only its file part, so it asks for the file.
    message: /NUL character|Choose a CSV file/,
  },
  {
    name: 'urlencoded bytes that are not UTF-8',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe, 0xc3]),
    statuses: [400],
    message: /not UTF-8/,
  },
  {
    name: 'a form over 1 MB',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `intent=submit&email=${'a'.repeat(1024 * 1024)}`,
    statuses: [413],
    message: /too large/,
  },
]

describe('every action refuses malformed bodies with a 4xx a person can act on', () => {
  it('finds the action routes by reading app/routes', () => {
    expect(actionRoutes.length).toBeGreaterThanOrEqual(30)
    expect(actionRoutes).toContain('login.tsx')
    expect(routeUrl('accounts.import.$id.tsx')).toBe('/accounts/import/nosuchid00000000')
    expect(routeUrl('accounts._index.tsx')).toBe('/accounts?index')
    expect(routeUrl('accounts.export[.]csv.tsx')).toBe('/accounts/export.csv')
    expect(routeUrl('api.v1.referrals_.$id.ts')).toBe('/api/v1/referrals/nosuchid00000000')
  })

  for (const who of ['anonymous', 'partner', 'vendor']) {
    it(`${who}: ${MALFORMED.length} malformed bodies on every action`, async () => {
      const failures: string[] = []
      for (const file of actionRoutes) {
        const url = routeUrl(file)
        for (const body of MALFORMED) {
          const reply = await send('POST', url, { headers: body.headers, body: body.body, cookie: identities[who] })
          const wrong = problem(reply, { statuses: [...GUARDS, ...body.statuses], message: body.message })
          if (wrong) failures.push(`${file} (${url}) ${body.name}: ${wrong}`)
        }
        const nul = await send('POST', `${url}${url.includes('?') ? '&' : '?'}q=%00`, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'intent=x', cookie: identities[who] })
        const wrong = problem(nul, { statuses: [400], message: /NUL character/ })
        if (wrong) failures.push(`${file} (${url}) NUL in the query string: ${wrong}`)
      }
      expect(failures).toEqual([])
    }, 300_000)
  }
})

/**
 * Streams a body of `total` bytes (declared with Content-Length, or chunked when `declare` is
 * false) and resolves with the response and how much had been written when it arrived.
 */
function streamUpload(url: string, { total, declare, contentType, cookie }: { total: number; declare: boolean; contentType: string; cookie?: string | null }) {
  return new Promise<{ status: number; text: string; writtenAtResponse: number }>((resolve, reject) => {
    const headers: Record<string, string> = { Origin: base, 'Content-Type': contentType }
    if (declare) headers['Content-Length'] = String(total)
    if (cookie) headers.Cookie = cookie
    const req = http.request(new URL(url, base), { method: 'POST', headers })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let written = 0
    let answered = false
    req.on('response', (res) => {
      answered = true
      const writtenAtResponse = written
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), writtenAtResponse }))
    })
    // Once the server has answered and closed, the rest of the upload fails to send: expected.
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered) req.end()
    }
    pump()
  })
}

describe('oversized bodies are refused while they stream', () => {
  it('answers a 200 MB sign-in form with 413 before the upload has finished', async () => {
    const total = 200 * 1024 * 1024
    const before = process.memoryUsage().rss
    const reply = await streamUpload('/login', { total, declare: true, contentType: 'application/x-www-form-urlencoded' })
    expect(reply.status).toBe(413)
    expect(reply.text).toMatch(/too large \(200\.0 MB\)\. A form may send at most 1 MB/)
    expect(reply.writtenAtResponse).toBeLessThan(total)
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024)
  })

  it('cuts off a chunked body (no Content-Length) once it passes the limit', async () => {
    const total = 64 * 1024 * 1024
    const before = process.memoryUsage().rss
    const reply = await streamUpload('/forgot-password', { total, declare: false, contentType: 'application/x-www-form-urlencoded' })
    expect(reply.status).toBe(413)
    expect(reply.text).toMatch(/too large\. A form may send at most 1 MB/)
    expect(reply.writtenAtResponse).toBeLessThan(total)
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024)
  })

  it('refuses a 101 MB account CSV by the import limit of 100 MB', async () => {
    const total = 101 * 1024 * 1024 + 1024 * 1024 + 1
    const reply = await streamUpload('/accounts?index', { total, declare: true, contentType: `multipart/form-data; boundary=${BOUNDARY}`, cookie: identities.partner })
    expect(reply.status).toBe(413)
    expect(reply.text).toMatch(/An account import may be at most 100 MB/)
    expect(reply.writtenAtResponse).toBeLessThan(total)
  })

  it('lets an upload route take more than 1 MB as multipart (the control)', async () => {
    const image = Buffer.alloc(1536 * 1024, 1)
    const body = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="logo"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`),
      image,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ])
    const reply = await send('POST', '/settings/profile', { headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` }, body, cookie: identities.partner })
    expect(reply.status).toBeLessThan(500)
    expect(reply.status).not.toBe(413)
  })
})

describe('methods no route serves', () => {
  // TRACE parses as HTTP but cannot become a Fetch Request (Node's parser answers unknown ones, like TRACK, itself).
  it.each(['TRACE'])('%s gets a 405 naming the methods served, on pages and the API alike, never a 500', async (method) => {
    for (const url of ['/', '/marketplace', '/api/v1/partners', '/api/v1/referrals']) {
      const reply = await send(method, url, { cookie: identities.partner })
      expect(problem(reply, { statuses: [405], message: /method is not served here\. Use GET, HEAD, POST/ }), `${method} ${url}`).toBeNull()
      expect(reply.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS')
      if (url.startsWith('/api/')) expect(JSON.parse(reply.text).error.code).toBe('method_not_allowed')
    }
  })
})

describe('malformed values on specific routes', () => {
  const form = (fields: Record<string, string>) => ({ headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })

  it.each([
    ['/analytics?from=2026-02-30&to=2026-06-01'],
    ['/analytics?from=2026-01-01T00:00%2B01:00&to=2026-13-40T00:00%2B01:00'],
    ['/analytics?from=garbage&to=2026-01-01'],
    ['/api/v1/analytics/summary?from=2026-02-30&to=2026-06-01'],
    ['/api/v1/analytics/summary?from=2026-01-01&to=2026-02-30T10:00%2B01:00'],
    ['/api/v1/analytics/summary?from=x&to=y'],
  ])('impossible dates on %s: 400 or the default period, never 500', async (url) => {
    const reply = await send('GET', url, { cookie: identities.vendor })
    expect(reply.status).toBeLessThan(500)
    if (url.startsWith('/api/')) {
      expect(reply.status).toBe(400)
      expect(JSON.parse(reply.text).error.message).toMatch(/Bad query parameters: (from|to)/)
    }
  })

  it.each([
    ['/referrals/nosuchid00000000', { intent: 'markPaid' }, 400, /fee is missing or not a valid id/],
    ['/referrals/nosuchid00000000', { intent: 'confirmPaid', feeId: 'x'.repeat(500) }, 400, /fee is missing or not a valid id/],
    [`/referrals/${'r'.repeat(300)}`, { intent: 'start' }, 404, /could not find that referral/],
    ['/accounts?index', { intent: 'delete', id: 'x'.repeat(500) }, 400, /account is missing or not a valid id/],
    ['/accounts?index', { intent: 'delete' }, 400, /account is missing or not a valid id/],
    ['/cosell/nosuchid00000000', { intent: 'task_done', taskId: 'y'.repeat(500) }, 400, /task is missing or not a valid id/],
    [`/cosell/${'c'.repeat(300)}`, { intent: 'stage', stage: 'won' }, 404, /could not find that co-sell/],
    [`/manage/listings/${'l'.repeat(300)}/edit`, { intent: 'save' }, 404, /could not find that listing/],
  ])('ids: %s %o → %i', async (url, fields, status, message) => {
    const reply = await send('POST', url, { ...form(fields as Record<string, string>), cookie: identities.partner })
    expect(reply.status).toBe(status)
    expect(decoded(reply.text)).toMatch(message)
  })

  it.each([
    ['/referrals/new?index', { intent: 'preview', estimatedValue: '9'.repeat(40) }, 'partner'],
    ['/cosell/new', { name: 'Huge', accountName: 'Huge Inc', accountDomain: 'huge.example', amount: '9'.repeat(30) }, 'partner'],
    ['/accounts?index', { intent: 'add', name: 'Huge', domain: 'huge.example', population: 'customer', dealSize: '9'.repeat(30) }, 'partner'],
    ['/analytics/opportunities?index', { accountName: 'Huge', accountDomain: 'huge.example', stage: 'open', amount: '9'.repeat(40) }, 'vendor'],
  ])('a huge amount on %s is refused as input, not a 500', async (url, fields, who) => {
    const reply = await send('POST', url, { ...form(fields as Record<string, string>), cookie: identities[who] })
    expect(reply.status).toBeGreaterThanOrEqual(200)
    expect(reply.status).toBeLessThan(500)
    expect(reply.status).not.toBe(302)
  })

  for (const url of ['/settings/profile', '/manage/listings/new', '/manage/listings/nosuchid00000000/edit']) {
    it(`${url}: an empty multipart form and a 5 MB text field are refused as input`, async () => {
      const headers = { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` }
      const empty = await send('POST', url, { headers, body: `--${BOUNDARY}--\r\n`, cookie: identities.partner })
      expect(empty.status).toBeLessThan(500)
      const big = await send('POST', url, {
        headers,
        body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${'d'.repeat(5 * 1024 * 1024)}\r\n--${BOUNDARY}--\r\n`,
        cookie: identities.partner,
      })
      expect(big.status).toBeLessThan(500)
      expect(decoded(big.text)).toMatch(/is too long|too large/)
    })
  }

  it('a sign-in form sends back only its own fields, truncated', async () => {
    const reply = await send('POST', '/login', {
      ...form({ email: `${'e'.repeat(50_000)}@example.test`, password: 'x', smuggled_field_name: 's'.repeat(100_000) }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
    })
    expect(reply.status).toBe(400)
    expect(reply.text).not.toContain('smuggled_field_name')
    expect(reply.text).not.toContain('e'.repeat(2_001))
    expect(reply.text).toContain('e'.repeat(2_000))
    expect(reply.text.length).toBeLessThan(60_000)
  })
})
