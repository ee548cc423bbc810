import { getTableName, sql, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { ImportTally } from '#db/schema/analytics.ts'

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`
const incoming = (column: PgColumn) => sql.raw(`excluded.${quoted(column.name)}`)
const stored = (column: PgColumn) => sql.raw(`${quoted(getTableName(column.table))}.${quoted(column.name)}`)

/**
 * The `onConflictDoUpdate` of an idempotent import: a row already there (by `target`) takes the
 * incoming values of `columns` (and `updatedAt = now()` with `touch`), but only when one of them
 * differs, so a re-import leaves unchanged rows alone and `returning` leaves them out.
 */
export function refreshOnConflict(target: PgColumn | PgColumn[], columns: Record<string, PgColumn>, { touch = false }: { touch?: boolean } = {}) {
  const set: Record<string, SQL> = {}
  for (const [key, column] of Object.entries(columns)) set[key] = incoming(column)
  if (touch) set.updatedAt = sql`now()`
  const list = Object.values(columns)
  return {
    target,
    set,
    setWhere: sql`(${sql.join(list.map(stored), sql`, `)}) is distinct from (${sql.join(list.map(incoming), sql`, `)})`,
  }
}

/** Adds an upsert's outcome to `tally`: the rows it returned, inserted (`xmax = 0`) or updated; the rest of the `sent` unchanged. */
export function countUpserted(tally: ImportTally, sent: number, rows: readonly { inserted: boolean }[]) {
  const inserted = rows.filter((r) => r.inserted).length
  tally.inserted += inserted
  tally.updated += rows.length - inserted
  tally.unchanged += sent - rows.length
}
