import { sql, type SQL } from 'drizzle-orm'

/**
 * A text[] parameter. drizzle expands a JS array inside sql`` into a tuple of parameters, so we
 * pass one string in PostgreSQL's array literal syntax instead (works the same on both drivers).
 */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`
  return sql`${literal}::text[]`
}
