import { SQL, sql, type AnyColumn } from 'drizzle-orm'

/**
 * Keyset paging, the one way the app pages a list by position instead of by page number: a page
 * is read as `limit + 1` rows past the last row seen (`pastPosition`), ordered by the same
 * columns, and `takePage` splits off the extra row to tell whether more follow. Timestamps in a
 * position travel as whole microseconds (PostgreSQL's precision), as exact text: a JavaScript
 * number or Date would round them and skip or repeat rows.
 */

/** A timestamp as whole microseconds since the epoch, as exact text. */
export const microsOf = (at: AnyColumn | SQL) => sql<string>`(extract(epoch from ${at}) * 1000000)::bigint::text`

/** The instant `micros` (as `microsOf` gives it) back as a timestamptz. */
export const instantAt = (micros: string) => sql`('epoch'::timestamptz + ${micros}::bigint * interval '1 microsecond')`

const listOf = (items: readonly unknown[]) =>
  sql.join(
    items.map((item) => (item instanceof SQL ? item : sql`${item}`)),
    sql`, `,
  )

/**
 * The rows strictly past `position` in a list ordered by `columns`, all in one direction: later
 * rows for an ascending order, earlier ones for a descending order. `position` holds one value
 * (or SQL expression) a column, in the same order.
 */
export function pastPosition(columns: readonly (AnyColumn | SQL)[], position: readonly unknown[], order: 'asc' | 'desc'): SQL {
  if (columns.length !== position.length) throw new Error('A keyset position needs one value a column.')
  const row = listOf(columns)
  const place = listOf(position)
  return order === 'asc' ? sql`(${row}) > (${place})` : sql`(${row}) < (${place})`
}

/** One page out of the `limit + 1` rows read for it: the rows to show, and whether more follow. */
export function takePage<R>(rows: readonly R[], limit: number) {
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit }
}
