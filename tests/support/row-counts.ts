import { sql, type SQL } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'

/**
 * How many rows some tables hold now, under the names given: a table's name counts all its rows;
 * `[table, condition]` counts those matching the SQL condition. For "nothing was written" checks:
 * `expect(await rowCounts(TABLES)).toEqual(before)`.
 */
export async function rowCounts<K extends string>(tables: Record<K, string | readonly [table: string, where: string]>): Promise<Record<K, number>> {
  const columns: SQL[] = Object.entries(tables).map(([name, spec]) => {
    const [table, where] = typeof spec === 'string' ? [spec, null] : (spec as readonly [string, string])
    return sql`(select count(*)::int from ${sql.identifier(table)}${where ? sql.raw(` where ${where}`) : sql``}) as ${sql.identifier(name)}`
  })
  const [row] = await queryRows<Record<K, number>>(db, sql`select ${sql.join(columns, sql`, `)}`)
  return row!
}
