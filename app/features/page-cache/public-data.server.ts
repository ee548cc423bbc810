import { versionReaderForDatabase } from '#app/features/page-cache/version.server.ts'

/**
 * Shared public data (the same for every visitor, signed in or not: the marketplace's featured and
 * newest listings, categories and their counts) kept in this process per public-content version,
 * the one the anonymous page cache uses: every change that can alter a public page bumps it in its
 * own transaction, so what is kept is never older than the last committed change. On PGlite the
 * version is known without a query; on PostgreSQL one read serves the requests of an event-loop
 * turn. `ttlMs` bounds how long a change made outside the app (no event, no bump) stays unseen.
 */
const all = new Set<{ clear: () => void }>()

/** Forgets everything kept (tests that write around the app's events, or measure the computing path). */
export function forgetPublicData() {
  for (const cache of all) cache.clear()
}

export function publicDataCache<T>(compute: (key: string) => Promise<T>, { maxEntries = 100, ttlMs = 300_000 } = {}) {
  let currentVersion: (() => Promise<number>) | null = null
  let keptAt: number | null = null
  const entries = new Map<string, { at: number; value: Promise<T> }>()
  async function get(key = ''): Promise<T> {
    const version = await (currentVersion ??= versionReaderForDatabase())()
    if (keptAt !== version) {
      entries.clear()
      keptAt = version
    }
    const hit = entries.get(key)
    if (hit && Date.now() - hit.at < ttlMs) return hit.value
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
    const value = compute(key)
    const entry = { at: Date.now(), value }
    entries.set(key, entry)
    // A failed computation is not kept.
    value.catch(() => entries.get(key) === entry && entries.delete(key))
    return value
  }
  /** Forgets what is kept (tests that write around the app's events). */
  get.clear = () => entries.clear()
  all.add(get)
  return get
}
