import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { DomainError } from '#app/utils/errors.ts'
import { parseOrThrow } from '#app/utils/parse.ts'

const Schema = z
  .object({
    name: z.string().min(1, 'Enter a name.'),
    emails: z.array(z.string().email('Enter a valid email.')),
    password: z.string(),
    again: z.string(),
  })
  .strict()
  .refine((v) => v.password === v.again, 'The passwords differ.')

function refusalOf(run: () => unknown) {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError)
    return error as DomainError
  }
  throw new Error('expected a refusal')
}

describe('parseOrThrow', () => {
  it('returns the parsed value', () => {
    expect(parseOrThrow(z.object({ n: z.coerce.number() }), { n: '4' })).toEqual({ n: 4 })
  })

  it('files each problem under its full path; the message is the lead-in and the first problem', () => {
    const e = refusalOf(() => parseOrThrow(Schema, { name: '', emails: ['ok@example.com', 'nope'], password: 'a', again: 'a' }, 'The team was not saved.'))
    expect(e.code).toBe('invalid')
    expect(e.fieldErrors).toEqual({ name: ['Enter a name.'], 'emails.1': ['Enter a valid email.'] })
    expect(e.message).toBe('The team was not saved. Enter a name.')
  })

  it('files a problem with the whole input under the root key, and each unknown field under its name', () => {
    const e = refusalOf(() => parseOrThrow(Schema, { name: 'A', emails: [], password: 'a', again: 'b' }))
    expect(e.fieldErrors).toEqual({ form: ['The passwords differ.'] })
    expect(e.message).toBe('Please correct the highlighted fields. The passwords differ.')
    const api = refusalOf(() => parseOrThrow(Schema, { name: 'A', emails: [], password: 'a', again: 'a', nmae: 'x' }, 'Check it.', { root: 'body', unknownField: 'Unknown.' }))
    expect(api.fieldErrors).toEqual({ nmae: ['Unknown.'] })
    expect(api.message).toBe('Check it. Unknown.')
    const whole = refusalOf(() => parseOrThrow(z.string(), 42, 'Check it.', { root: 'body' }))
    expect(Object.keys(whole.fieldErrors!)).toEqual(['body'])
  })
})
