import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSession } from '../../app/features/auth/session.server.ts'
import { createAppServer } from '../../app/http/app.server.ts'
import { buildApp } from '../../scripts/lib/build.ts'
import { createPartner, createVendor } from '../factories/index.ts'

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
    message: /NUL character/,
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
