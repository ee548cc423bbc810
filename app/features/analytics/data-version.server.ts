import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { LruCache } from '#app/features/page-cache/lru.ts'

/**
 * The analytics data version: triggers bump it in the transaction of every write to the tables the
 * figures read (migration 0025), so it changes exactly when the data does, also for a write made
 * outside the app. Read from the same database the figures are read from (a replica's version
 * matches the replica's data).
 */
export async function readAnalyticsDataVersion(q: Queryable): Promise<number> {
  const [row] = await queryRows<{ version: string }>(q, sql`select version::text as version from analytics_data_version where id = 1`)
  return Number(row?.version ?? 0)
}

type Entry<T> = { version: number; storedAt: number; value: T; size: number }

/**
 * Figures computed once per data version and key (period and filters): the version is read first,
 * then the figures, so what is kept under a version is never older than it. Requests for a key
 * being computed wait for that computation instead of starting their own. `ttlMs` bounds how long
 * anything the version does not cover could stay unseen. With `refreshInBackground`, an entry past
 * its TTL (the version unchanged) is still answered while one computation replaces it, so only a
 * change of version makes requests wait: without it, every TTL made the requests of that moment
 * wait for a full computation.
 */
export function versionedCache<T>({ maxEntries = 200, maxBytes = 32 * 1024 * 1024, ttlMs = 300_000, refreshInBackground = false } = {}) {
  const entries = new LruCache<Entry<T>>(maxEntries, maxBytes)
  const inFlight = new Map<string, Promise<T>>()
  const start = (slot: string, version: number, compute: () => Promise<T>) => {
    const started = compute()
      .then((value) => {
        entries.set(slot, { version, storedAt: Date.now(), value, size: JSON.stringify(value).length + slot.length })
        return value
      })
      .finally(() => inFlight.delete(slot))
    inFlight.set(slot, started)
    return started
  }
  return {
    async get(version: number, key: string, compute: () => Promise<T>): Promise<T> {
      const slot = `${version}:${key}`
      const hit = entries.get(slot)
      if (hit && Date.now() - hit.storedAt < ttlMs) return hit.value
      const running = inFlight.get(slot)
      if (hit && refreshInBackground) {
        // A failed refresh leaves the entry as it was; the next request past the TTL tries again.
        if (!running) start(slot, version, compute).catch(() => undefined)
        return hit.value
      }
      if (running) return running
      return start(slot, version, compute)
    },
    clear: () => entries.clear(),
  }
}
