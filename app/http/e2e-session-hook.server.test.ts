import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPartner } from '#tests/factories/index.ts'
import { authenticate } from '#app/features/auth/session.server.ts'
import { E2E_SESSION_HOOK_HEADER, E2E_SESSION_HOOK_PATH, e2eSessionHook } from '#app/http/e2e-session-hook.server.ts'

const SECRET = 'e2e-secret-'.padEnd(64, 'x')
const ON = { E2E_SESSION_HOOK_SECRET: SECRET, DEMO: '1', HOST: '127.0.0.1' }

describe('the e2e sign-in route is off unless the e2e runner turned it on', () => {
  it.each([
    [{}],
    [{ ...ON, E2E_SESSION_HOOK_SECRET: undefined }],
    [{ ...ON, E2E_SESSION_HOOK_SECRET: 'too short' }],
    [{ ...ON, DEMO: undefined }],
    [{ ...ON, DEMO: '0' }],
    [{ ...ON, HOST: '0.0.0.0' }],
    [{ ...ON, HOST: undefined }],
  ])('%o: no route', (source) => {
    expect(e2eSessionHook(source)).toBeNull()
  })

  it('is on with a long secret, demo data and a loopback address', () => {
    expect(e2eSessionHook(ON)).not.toBeNull()
  })
})

describe('POST /__e2e/session', () => {
  let base = ''
  let close = () => {}
  beforeAll(async () => {
    const app = express()
    app.post(E2E_SESSION_HOOK_PATH, ...e2eSessionHook(ON)!)
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => server.close()
  })
  afterAll(() => close())

  const post = (body: unknown, secret: string | null = SECRET) =>
    fetch(`${base}${E2E_SESSION_HOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { [E2E_SESSION_HOOK_HEADER]: secret }) },
      body: JSON.stringify(body),
    })

  it('starts a real session for the person: its cookie authenticates as them', async () => {
    const { admin } = await createPartner()
    const response = await post({ email: admin.email.toUpperCase() })
    expect(response.status).toBe(200)
    const cookie = (await response.json()) as { name: string; value: string }
    const auth = await authenticate(`${cookie.name}=${cookie.value}`)
    expect(auth.actor).toMatchObject({ userId: admin.userId, orgId: admin.orgId })
  })

  it('refuses a missing or wrong secret, a bad body and an unknown person', async () => {
    const { admin } = await createPartner()
    expect((await post({ email: admin.email }, null)).status).toBe(403)
    expect((await post({ email: admin.email }, SECRET.replace(/x$/, 'y'))).status).toBe(403)
    expect((await post({ email: 'not an email' })).status).toBe(400)
    expect((await post({ email: 'nobody@nowhere.test' })).status).toBe(404)
  })
})
