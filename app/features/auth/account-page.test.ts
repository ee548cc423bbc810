import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/index.ts'
import { createPartner, TEST_PASSWORD } from '#tests/factories/index.ts'
import type { Actor } from '#app/features/auth/actor.ts'

type Reply = { data?: { status: string; initialValue: Record<string, unknown> | null; error: Record<string, string[]> | null }; init?: { status: number }; status?: number }

/** /settings/account: the name and password forms each get their own reply, and a password is never echoed. */
describe('/settings/account action', () => {
  const post = async (actor: Actor, body: Record<string, string>) => {
    const { action } = await import('#app/routes/settings.account.tsx')
    const request = new Request('http://localhost/settings/account', { method: 'POST', body: new URLSearchParams(body), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    return (await action({ request, context: { actor, ip: '203.0.113.9' } as never, params: {} }).catch((e: unknown) => e)) as Reply
  }

  it('a wrong current password comes back to the password form, naming the field, echoing no password', async () => {
    const { admin } = await createPartner()
    const reply = await post(admin, { intent: 'password', currentPassword: 'not my password at all', newPassword: 'a brand new password 1', confirmPassword: 'a brand new password 1' })
    expect(reply.init?.status).toBe(400)
    expect(reply.data?.initialValue?.intent).toBe('password')
    expect(reply.data?.error?.currentPassword?.[0]).toBeTruthy()
    expect(JSON.stringify(reply.data)).not.toContain('brand new password')
    expect(JSON.stringify(reply.data)).not.toContain('not my password')

    const mismatch = await post(admin, { intent: 'password', currentPassword: TEST_PASSWORD, newPassword: 'a brand new password 1', confirmPassword: 'something else entirely' })
    expect(mismatch.init?.status).toBe(400)
    expect(mismatch.data?.error?.confirmPassword?.[0]).toMatch(/do not match/)
  })

  it('a bad name comes back to the name form; a good one is saved', async () => {
    const { admin } = await createPartner()
    const bad = await post(admin, { intent: 'name', name: '' })
    expect(bad.init?.status).toBe(400)
    expect(bad.data?.initialValue?.intent).toBe('name')
    expect(bad.data?.error?.name?.[0]).toBeTruthy()

    const saved = await post(admin, { intent: 'name', name: 'Renamed Person' })
    expect(saved.status).toBe(302)
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, admin.userId))
    expect(row?.name).toBe('Renamed Person')
  })

  it('an unknown intent is a 400', async () => {
    const { admin } = await createPartner()
    expect((await post(admin, { intent: 'drop-tables' })).status).toBe(400)
  })
})
