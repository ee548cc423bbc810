import { sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { ApiError } from '#app/features/api/http.server.ts'
import { instantAt, microsOf, pastPosition, takePage } from '#app/utils/keyset.server.ts'

/**
 * Keyset pagination over (updated_at, id), oldest change first, so a client syncing with
 * `updated_since` and cursors sees every change exactly once per page walk. The cursor carries the
 * timestamp in whole microseconds (PostgreSQL's precision), read as an exact integer.
 */
export type Position = { micros: string; id: string }

export function encodeCursor(position: Position) {
  return Buffer.from(`${position.micros}:${position.id}`).toString('base64url')
}

/** The one refusal of a cursor this API did not give out. */
export function badCursor() {
  return new ApiError(400, 'invalid_cursor', 'The cursor is not one this API gave out. Pass the nextCursor of the previous page unchanged, or leave it out to start again.', {
    fieldErrors: { cursor: ['Not a cursor from this API.'] },
  })
}

export function decodeCursor(cursor: string): Position {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const match = /^(\d{1,20}):([a-z0-9]{1,64})$/.exec(text)
  if (!match) throw badCursor()
  return { micros: match[1]!, id: match[2]! }
}

/** The row's position, selected exactly. */
export const positionOf = microsOf

/** Rows after the cursor, and changed at or after `updatedSince`. */
export function keysetFilter(updatedAt: AnyColumn | SQL, id: AnyColumn, cursor: Position | null, updatedSince: string | undefined): SQL[] {
  const filters: SQL[] = []
  if (cursor) filters.push(pastPosition([updatedAt, id], [instantAt(cursor.micros), cursor.id], 'asc'))
  if (updatedSince) filters.push(sql`${updatedAt} >= ${new Date(updatedSince)}`)
  return filters
}

/** One page from limit + 1 rows. */
export function pageOf<R extends { position: string; id: string }, T>(rows: R[], limit: number, serialize: (row: R) => T) {
  const { rows: shown, hasMore } = takePage(rows, limit)
  const last = shown.at(-1)
  return { object: 'list' as const, data: shown.map(serialize), hasMore, nextCursor: hasMore && last ? encodeCursor({ micros: last.position, id: last.id }) : null }
}
