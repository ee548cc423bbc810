import { expect } from 'vitest'
import { DomainError } from '#app/utils/errors.ts'

/** The DomainError a domain call was refused with; fails the test when it succeeded or threw anything else. */
export async function refusal(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'expected a DomainError').toBeInstanceOf(DomainError)
  return error as DomainError
}
