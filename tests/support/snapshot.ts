import { sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'

const TABLES = ['users', 'organizations', 'memberships', 'invitations', 'sessions', 'password_reset_tokens', 'domain_events', 'audit_log', 'mail_messages', 'notifications'] as const

/**
 * Row counts and a digest of every row of the tables auth and orgs write, so a test can prove
 * a refused request changed nothing at all (not just "no new rows").
 */
export async function snapshot(tables: readonly string[] = TABLES) {
  const out: Record<string, string> = {}
  for (const table of tables) {
    const [row] = await queryRows<{ n: number; digest: string | null }>(
      db,
      sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.identifier(table)} t`,
    )
    out[table] = `${row?.n}:${row?.digest}`
  }
  return out
}
