import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { createAppServer } from '#app/http/app.server.ts'
import { dbHandle, db, openDatabase, setDbHandle } from '#db/client.server.ts'

/** The operational endpoints over real HTTP on the real Express stack (no Remix build needed). */
let server: Awaited<ReturnType<typeof createAppServer>>
let base: string

beforeAll(async () => {
  server = await createAppServer({ workers: false })
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`
})
afterAll(async () => {
  await server.close()
})

describe('/healthz', () => {
  it('answers 200 while the process is up, without touching the database', async () => {
    const res = await fetch(`${base}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })
})

describe('/readyz', () => {
  it('is ready with a reachable database, and reports the realtime consumer’s backlog', async () => {
    await db.transaction((tx) => recordEvent(tx, { type: 'outbox.probe', subjectType: 'test', subjectId: 'r1', audit: false }))
    const res = await fetch(`${base}/readyz`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ status: 'ready', database: true, outbox: { pending: 1 } })
    expect(body.outbox.lagSeconds).toBeGreaterThanOrEqual(0)
  })

  it('includes the checks capabilities register, and shows a failing one without failing readiness', async () => {
    const withChecks = await createAppServer({
      workers: false,
      readiness: {
        'test-ok': async () => ({ indexed: 3 }),
        'test-broken': async () => {
          throw new Error('engine unreachable')
        },
      },
    })
    const url = `http://127.0.0.1:${await withChecks.listen(0, '127.0.0.1')}`
    const body = await (await fetch(`${url}/readyz`)).json().finally(() => withChecks.close())
    // The modules' own checks are there too (the search module reports its index lag).
    expect(body.search).toMatchObject({ engine: expect.any(String), pending: expect.any(Number) })
    expect(body['test-ok']).toEqual({ indexed: 3 })
    expect(body['test-broken']).toEqual({ error: 'Error: engine unreachable' })
    expect(body.status).toBe('ready')
  })

  it('answers 503 when the database cannot be reached', async () => {
    const working = dbHandle()
    const unreachable = openDatabase({ databaseUrl: 'postgres://nobody@127.0.0.1:9/none' })
    setDbHandle(unreachable)
    try {
      const res = await fetch(`${base}/readyz`)
      expect(res.status).toBe(503)
      expect(await res.json()).toMatchObject({ status: 'unavailable', database: false })
    } finally {
      setDbHandle(working)
      if (unreachable.driver === 'postgres') await unreachable.sql.end({ timeout: 1 })
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
  })
})

describe('every response', () => {
  it('carries a request id: the caller’s when well formed, a new one otherwise', async () => {
    const given = await fetch(`${base}/healthz`, { headers: { 'X-Request-Id': 'trace-abc-123' } })
    expect(given.headers.get('x-request-id')).toBeNull() // health checks are answered before logging
    const echoed = await fetch(`${base}/nothing-here`, { headers: { 'X-Request-Id': 'trace-abc-123' } })
    expect(echoed.headers.get('x-request-id')).toBe('trace-abc-123')
    const replaced = await fetch(`${base}/nothing-here`, { headers: { 'X-Request-Id': 'bad id with spaces' } })
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const fresh = await fetch(`${base}/nothing-here`)
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(fresh.headers.get('x-request-id')).not.toBe(replaced.headers.get('x-request-id'))
  })

  it('carries the security headers', async () => {
    const res = await fetch(`${base}/nothing-here`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('x-powered-by')).toBeNull()
  })
})
