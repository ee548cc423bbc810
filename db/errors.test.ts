import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { isUniqueViolation, uniqueViolation } from '#db/errors.ts'
import { organizations } from '#db/schema/index.ts'

async function caught(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write()
  } catch (error) {
    return error
  }
  throw new Error('the write was expected to fail')
}

describe('uniqueViolation', () => {
  it('names the unique index a write broke, through drizzle, on whichever driver runs the tests', async () => {
    await db.insert(organizations).values({ kind: 'partner', name: 'First', slug: 'same-slug' })
    const error = await caught(() => db.insert(organizations).values({ kind: 'partner', name: 'Second', slug: 'same-slug' }))
    expect(uniqueViolation(error)).toBe('organizations_slug_key')
    expect(isUniqueViolation(error)).toBe(true)
    expect(isUniqueViolation(error, 'organizations_slug_key')).toBe(true)
    expect(isUniqueViolation(error, 'users_email_key')).toBe(false)
  })

  it('is null for other database errors and for things that are not errors', async () => {
    const notNull = await caught(() => db.execute(sql`insert into organizations (kind, name) values ('partner', null)`))
    expect(uniqueViolation(notNull)).toBeNull()
    expect(isUniqueViolation(notNull)).toBe(false)
    for (const value of [null, undefined, 'duplicate', 23505, new Error('boom')]) expect(uniqueViolation(value)).toBeNull()
  })

  it('reads the code, the constraint or the message, also when wrapped', () => {
    expect(uniqueViolation({ code: '23505', constraint_name: 'a_key' })).toBe('a_key')
    expect(uniqueViolation({ code: '23505', constraint: 'b_key' })).toBe('b_key')
    expect(uniqueViolation({ code: '23505' })).toBe('unique')
    expect(uniqueViolation(new Error('query failed', { cause: { code: '23505', constraint: 'c_key' } }))).toBe('c_key')
    expect(uniqueViolation(new Error('duplicate key value violates unique constraint "messages_client_key"'))).toBe('messages_client_key')
    const cyclic: { message: string; cause?: unknown } = { message: 'loop' }
    cyclic.cause = cyclic
    expect(uniqueViolation(cyclic)).toBeNull()
  })
})
