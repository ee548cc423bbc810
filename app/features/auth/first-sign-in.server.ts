import { sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'

/**
 * Whether a signed-in person had signed in before this visit, counted from the `user.signed_in`
 * events (through the subject index; at most two rows read). The current sign-in is one of them,
 * so "before" means at least two; someone who arrived by an invitation or an application has
 * none yet. "Welcome back" greets only people who have been here before.
 */
export async function hasSignedInBefore(userId: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
          select 1 from domain_events where subject_type = 'user' and subject_id = ${userId} and type = 'user.signed_in' limit 2
        ) s`,
  )
  return Number(rows[0]?.n ?? 0) >= 2
}
