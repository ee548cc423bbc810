import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Per-request accounting of SQL statements: how many ran and how long the database spent on them.
 * Tests use it to pin the number of statements a loader runs (an N+1 shows up as a higher count),
 * and REQUEST_TIMING=1 prints it per request for the page benchmark.
 *
 * Statements are counted at the driver: on PGlite each statement the engine runs (also those of a
 * transaction, BEGIN and COMMIT included) with the time the engine was busy on it; on PostgreSQL
 * each statement drizzle sends (no time: the server runs it, not this process).
 */
export type QueryStats = {
  statements: number
  sqlMs: number
  /** Milestones of a page request, in performance.now() milliseconds. */
  marks: Record<string, number>
}

/** One store on globalThis: the Remix build and the server load separate copies of this module. */
const holder = globalThis as unknown as { __peQueryStats?: AsyncLocalStorage<QueryStats> }
const storage = (holder.__peQueryStats ??= new AsyncLocalStorage<QueryStats>())

export const newQueryStats = (): QueryStats => ({ statements: 0, sqlMs: 0, marks: {} })

/** Runs `fn` with a fresh counter and returns its result with the statements it ran. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; stats: QueryStats }> {
  const stats = newQueryStats()
  const result = await storage.run(stats, fn)
  return { result, stats }
}

/** Runs `fn` (e.g. the rest of a request's middleware) inside the given counter. */
export function runWithQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return storage.run(stats, fn)
}

export function currentQueryStats(): QueryStats | undefined {
  return storage.getStore()
}

export function markRequest(name: string) {
  const stats = storage.getStore()
  if (stats) stats.marks[name] = performance.now()
}

/** Called by the driver hooks in client.server.ts. */
export function recordStatement(stats: QueryStats | undefined, ms: number) {
  if (!stats) return
  stats.statements++
  stats.sqlMs += ms
}
