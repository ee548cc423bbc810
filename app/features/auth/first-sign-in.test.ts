import { describe, expect, it } from 'vitest'
import { createPartner, TEST_PASSWORD } from '#tests/factories/index.ts'
import { login } from '#app/features/auth/auth.server.ts'
import { hasSignedInBefore } from '#app/features/auth/first-sign-in.server.ts'

describe('first sign-in', () => {
  it('is not "welcome back" until a person signs in a second time', async () => {
    const { admin, member } = await createPartner()
    expect(await hasSignedInBefore(admin.userId)).toBe(false) // arrived by invitation: no sign-in yet
    await login({ email: admin.email, password: TEST_PASSWORD })
    expect(await hasSignedInBefore(admin.userId)).toBe(false) // this is the first one
    await login({ email: admin.email, password: TEST_PASSWORD })
    expect(await hasSignedInBefore(admin.userId)).toBe(true)
    expect(await hasSignedInBefore(member.userId)).toBe(false) // someone else's sign-ins do not count
  })
})
