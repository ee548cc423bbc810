import http from 'node:http'
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, test } from 'vitest'
import { loader } from '#app/routes/api.v1.search.ts'
import { createCategory } from '#app/features/listings/categories.server.ts'
import { createVendor } from '#tests/factories/index.ts'
import { setSearchEngine } from '#search/engine.server.ts'
import { CONTRACT_DOCUMENTS } from '#search/fixtures.ts'
import { MeiliSearchEngine } from '#search/meili.server.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import { parseSearchParams } from '#app/features/search/schemas.ts'

async function get(query: string) {
  const response = (await loader({ request: new Request(`http://localhost/api/v1/search${query}`), params: {}, context: {} as never })) as Response
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

beforeAll(async () => {
  const engine = new PostgresSearchEngine()
  setSearchEngine(engine)
  await engine.upsert(CONTRACT_DOCUMENTS)
  const { admin } = await createVendor()
  for (const name of ['Data', 'Implementation', 'Operations', 'Integration']) await createCategory(admin, { name, position: 1 })
})

describe('GET /api/v1/search', () => {
  test('answers the documented shape', async () => {
    const { status, body } = await get('?q=helthcare&region=EMEA&perPage=2')
    expect(status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['facets', 'hits', 'page', 'perPage', 'total'])
    expect(body).toMatchObject({ total: 2, page: 1, perPage: 2 })
    expect(Object.keys(body.facets)).toEqual(['kind', 'type', 'tier', 'region', 'industry', 'category'])
    // Region is counted without its own filter (all three healthcare matches), the others with it.
    expect(body.facets.region).toEqual({ APAC: 1, EMEA: 2, NA: 1, LATAM: 1 })
    expect(body.facets.kind).toEqual({ listing: 2 })
    const hit = body.hits[0]
    expect(Object.keys(hit).sort()).toEqual(['categories', 'highlight', 'id', 'industries', 'kind', 'orgName', 'regions', 'slug', 'summary', 'tier', 'title', 'type', 'url'].sort())
    expect(hit).toMatchObject({ kind: 'listing', id: 'health-data-suite', slug: 'health-data-suite', url: '/listings/health-data-suite', orgName: 'Bluepeak Cloud' })
    expect(hit.highlight.title).toEqual([
      { text: 'Healthcare', match: true },
      { text: ' Data Integration Suite', match: false },
    ])
  })

  test('repeatable filters are OR within a facet, AND across', async () => {
    const { body } = await get('?type=technology&type=msp&region=NA&sort=name')
    expect(body.hits.map((h: { id: string }) => h.id)).toEqual(['bluepeak-crm', 'harbor', 'pos-rollout'])
  })

  test('a page past the end is an empty list', async () => {
    const { status, body } = await get('?page=99')
    expect(status).toBe(200)
    expect(body.hits).toEqual([])
    expect(body.total).toBe(CONTRACT_DOCUMENTS.length)
  })

  test('an empty q is the same as none', async () => {
    expect((await get('?q=')).body.total).toBe(CONTRACT_DOCUMENTS.length)
  })

  test.each([
    ['?foo=1', /Unknown parameter "foo"/],
    ['?q=x&limit=5&offset=2', /Unknown parameter "limit".*Unknown parameter "offset"/],
    ['?region=MARS', /Unknown region "MARS"\. Use one of: NA, LATAM, EMEA, APAC/],
    ['?kind=person', /Unknown kind "person"/],
    ['?type=consultant', /Unknown type "consultant"/],
    ['?tier=diamond', /Unknown tier "diamond"/],
    ['?industry=mining', /Unknown industry "mining"/],
    ['?category=not-a-category', /Unknown category "not-a-category"\. Use one of: /],
    ['?sort=price', /Unknown sort "price"\. Use one of: relevance, newest, name/],
    ['?page=0', /page must be a whole number from 1/],
    ['?page=abc', /page must be a whole number from 1/],
    ['?perPage=101', /perPage can be at most 100/],
    ['?page=1&page=2', /Give page once/],
    [`?q=${'a'.repeat(201)}`, /q can be at most 200 characters/],
  ])('refuses %s with 400 and a message naming it', async (query, message) => {
    const { status, body } = await get(query)
    expect(status).toBe(400)
    expect(body.error).toMatch(message)
  })

  test('an unreachable search engine answers 503 with a message and Retry-After, not a 500', async () => {
    const live = new PostgresSearchEngine()
    // A real Meilisearch client pointed at a port nothing listens on: connection refused.
    setSearchEngine(new MeiliSearchEngine({ host: 'http://127.0.0.1:9', index: 'down', requestTimeoutMs: 2000 }))
    try {
      const response = (await loader({ request: new Request('http://localhost/api/v1/search?q=cloud'), params: {}, context: {} as never })) as Response
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('30')
      expect(((await response.json()) as { error: string }).error).toBe('Search is unavailable right now. Please try again in a minute.')
    } finally {
      setSearchEngine(live)
    }
  })

  test('q of exactly 200 characters is fine', async () => {
    expect((await get(`?q=${'a'.repeat(200)}`)).status).toBe(200)
  })
})

describe('parseSearchParams', () => {
  test('reads repeated values, drops empty form fields and duplicates', () => {
    const parsed = parseSearchParams(new URLSearchParams('q=+cloud+&region=EMEA&region=&region=EMEA&region=NA&sort=&page='))
    expect(parsed).toEqual({ ok: true, params: { q: 'cloud', filters: { region: ['EMEA', 'NA'] }, sort: 'relevance', page: 1, perPage: 20 } })
  })

  test('reads facet values without regard to case, in the spelling the index uses', () => {
    const parsed = parseSearchParams(new URLSearchParams('region=emea&region=EMEA&tier=Gold&type=Systems_Integrator'))
    expect(parsed).toMatchObject({ ok: true, params: { filters: { region: ['EMEA'], tier: ['gold'], type: ['systems_integrator'] } } })
  })
})

describe('GET /api/v1/search over HTTP (answered before sessions and Remix)', () => {
  test('answers exactly what the route answers, 400s included', async () => {
    const { createAppServer } = await import('#app/http/app.server.ts')
    const server = await createAppServer({ workers: false, pageCache: false })
    const port = await server.listen(0, '127.0.0.1')
    try {
      for (const query of ['?q=helthcare&region=EMEA&perPage=2', '?region=NA&region=EMEA&sort=name&page=2&perPage=3', '?region=MARS', '?category=not-a-category', '?page=99']) {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/search${query}`)
        const expected = await get(query)
        expect(response.status).toBe(expected.status)
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
        expect(await response.json()).toEqual(expected.body)
        // The same request id, security headers and no session cookie as any response.
        expect(response.headers.get('x-request-id')).toMatch(/^[\w-]+$/)
        expect(response.headers.get('x-content-type-options')).toBe('nosniff')
        expect(response.headers.get('x-frame-options')).toBe('DENY')
        expect(response.headers.get('set-cookie')).toBeNull()
      }
    } finally {
      await server.close()
    }
  })

  test('gzips large answers for clients that accept it, answers HEAD, and leaves other methods to the app', async () => {
    const { createAppServer } = await import('#app/http/app.server.ts')
    const server = await createAppServer({ workers: false, pageCache: false })
    const port = await server.listen(0, '127.0.0.1')
    const url = `http://127.0.0.1:${port}/api/v1/search?perPage=50`
    try {
      const raw = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(url, { headers: { 'accept-encoding': 'gzip', 'x-request-id': 'trace-123' } }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
          })
          .on('error', reject)
      })
      expect(raw.headers['content-encoding']).toBe('gzip')
      expect(raw.headers['x-request-id']).toBe('trace-123')
      expect(JSON.parse(gunzipSync(raw.body).toString())).toEqual((await get('?perPage=50')).body)
      const head = await fetch(url, { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(await head.text()).toBe('')
      // A POST is not the public route's: the app answers it. Without a cookie it is an API call
      // (no Origin check, see app/http/origin.server.ts) and no route takes it here; with a cookie
      // from another site, the Origin check refuses it.
      const post = await fetch(url, { method: 'POST', headers: { origin: 'https://evil.example' } })
      expect(post.status).toBe(404)
      const withCookie = await fetch(url, { method: 'POST', headers: { origin: 'https://evil.example', cookie: 'pe_session=x' } })
      expect(withCookie.status).toBe(403)
    } finally {
      await server.close()
    }
  })
})
