/**
 * Postgres errors the domain layer turns into refusals a person can act on. Either driver
 * (PGlite or postgres.js) may raise them, and drizzle may wrap the driver's error in `cause`.
 */

type PgErrorLike = { code?: unknown; constraint_name?: unknown; constraint?: unknown; message?: unknown; cause?: unknown }

const UNIQUE_VIOLATION = '23505'
const DUPLICATE_KEY = /duplicate key value violates unique constraint "([^"]+)"/

/**
 * The name of the unique constraint (or unique index) a write broke, or null when the error is
 * not a unique violation. `'unique'` when the driver did not say which.
 */
export function uniqueViolation(error: unknown): string | null {
  let e = error as PgErrorLike | undefined
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = e.cause as PgErrorLike | undefined) {
    const message = typeof e.message === 'string' ? e.message : ''
    if (e.code === UNIQUE_VIOLATION) {
      const named = e.constraint_name ?? e.constraint
      return typeof named === 'string' && named ? named : (DUPLICATE_KEY.exec(message)?.[1] ?? 'unique')
    }
    const fromMessage = DUPLICATE_KEY.exec(message)?.[1]
    if (fromMessage) return fromMessage
  }
  return null
}

/** Whether the error is a unique violation; of that constraint (or unique index) when one is named. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const name = uniqueViolation(error)
  return name !== null && (!constraint || name === constraint)
}
