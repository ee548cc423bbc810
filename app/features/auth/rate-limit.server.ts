import { sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'

export type RateLimitState = { count: number; retryAfterSeconds: number }

/**
 * Fixed-window counters in the database, so a limit holds across every app node. `hit` adds one
 * and returns the window's count; `peek` reads it without counting.
 */
export async function hitRateLimit(key: string, windowSeconds: number, q: Queryable = db): Promise<RateLimitState> {
  const [row] = await queryRows<{ count: number; window_start: Date }>(
    q,
    sql`insert into rate_limits (key, count, window_start) values (${key}, 1, now())
        on conflict (key) do update set
          count = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else rate_limits.window_start end
        returning count, window_start`,
  )
  return toState(row, windowSeconds)
}

export async function peekRateLimit(key: string, windowSeconds: number, q: Queryable = db): Promise<RateLimitState> {
  const [row] = await queryRows<{ count: number; window_start: Date }>(
    q,
    sql`select count, window_start from rate_limits
        where key = ${key} and window_start > now() - make_interval(secs => ${windowSeconds})`,
  )
  return toState(row, windowSeconds)
}

export async function clearRateLimit(key: string, q: Queryable = db) {
  await q.execute(sql`delete from rate_limits where key = ${key}`)
}

function toState(row: { count: number; window_start: Date } | undefined, windowSeconds: number): RateLimitState {
  if (!row) return { count: 0, retryAfterSeconds: 0 }
  const ends = new Date(row.window_start).getTime() + windowSeconds * 1000
  return { count: Number(row.count), retryAfterSeconds: Math.max(1, Math.ceil((ends - Date.now()) / 1000)) }
}

export function describeRetryAfter(seconds: number) {
  if (seconds < 90) return `${seconds} seconds`
  return `${Math.ceil(seconds / 60)} minutes`
}
