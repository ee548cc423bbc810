import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite'

/**
 * Kept plans on PGlite: every data statement the app sends runs as a *named* prepared statement,
 * prepared once per SQL text and reused after, so PostgreSQL inside PGlite keeps its parse
 * analysis and, once its plan cache judges a generic plan good enough (`plan_cache_mode = auto`:
 * after five custom plans, when the generic plan is not costlier), its plan.
 *
 * PGlite's own `query` sends every statement unnamed, so the engine parses, analyses and plans it
 * again on every call; on PGlite planning is expensive (it runs in the app's thread and the
 * relation-size checks go through the emulated file system), often several times the execution.
 * postgres.js already prepares named statements on PostgreSQL, so both databases now keep plans
 * the same way.
 *
 * The protocol is the one PGlite uses (Parse and Describe once, then Bind, Execute, Sync per call)
 * with a statement name, through PGlite's public protocol API and its exclusive-query lock, so the
 * statement counter in client.server.ts still counts one statement per query.
 */

/** Statements kept at most; the least recently used one is closed when a new one is needed. */
export const KEPT_STATEMENTS = 400

/** One-off bulk statements (seeding, imports: thousands of parameters) are not worth a slot. */
const MAX_TEXT = 20_000
const MAX_PARAMS = 500

/** Statements worth keeping: the ones with a plan. Utility statements (BEGIN, SAVEPOINT, SET, DDL) go as before. */
const PLANNED = /^\s*\(?\s*(select|with|insert|update|delete|values)\b/i

/** A kept statement: its name, its parameters' types and its result's row description (none for a write without RETURNING). */
type Kept = { name: string; paramTypes: number[]; rowDescription: BackendMessage | undefined }
type QueryFn = <T>(query: string, params?: unknown[], options?: QueryOptions) => Promise<Results<T>>
type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number]

const { serialize } = protocol
/** SQLSTATE of "cached plan must not change result type" (a kept statement's table changed shape). */
const FEATURE_NOT_SUPPORTED = '0A000'
/** SQLSTATE of "prepared statement … does not exist" (someone ran DEALLOCATE or DISCARD). */
const INVALID_STATEMENT_NAME = '26000'

/** Statement names are unique in the process, so two wrappers of one PGlite never collide. */
let counter = 0

export type KeptPlans = { statements: () => number; clear: () => void }

/** Makes `pglite.query` (and the `query` of its transactions) keep named statements. */
export function keepPlans(pglite: PGlite, limit = KEPT_STATEMENTS): KeptPlans {
  const kept = new Map<string, Kept>()
  const unnamedQuery: QueryFn = pglite.query.bind(pglite)
  const transaction = pglite.transaction.bind(pglite)

  const exchange = (message: Uint8Array, options: QueryOptions | undefined) => pglite.execProtocolStream(message, { ...(options?.onNotice ? { onNotice: options.onNotice } : {}), syncToFs: false })

  /** Closes the least recently used statements beyond the limit (Map order is insertion order; a hit re-inserts). */
  async function evict() {
    while (kept.size > limit) {
      const [text, oldest] = kept.entries().next().value as [string, Kept]
      kept.delete(text)
      await exchange(concat([serialize.close({ type: 'S', name: oldest.name }), serialize.sync()]), undefined)
    }
  }

  async function prepare(text: string, options: QueryOptions | undefined): Promise<Kept> {
    const name = `pe_kept_${++counter}`
    let messages: BackendMessage[] = []
    try {
      messages = await exchange(
        concat([serialize.parse({ name, text, ...(options?.paramTypes ? { types: options.paramTypes } : {}) }), serialize.describe({ type: 'S', name }), serialize.sync()]),
        options,
      )
    } catch (error) {
      throw withQuery(error, text, undefined, options)
    }
    const entry = { name, paramTypes: parse.parseDescribeStatementResults(messages), rowDescription: messages.find((m) => m.name === 'rowDescription') }
    kept.set(text, entry)
    await evict()
    return entry
  }

  /** One statement on a kept plan; runs inside PGlite's exclusive-query lock like its own query. */
  async function run<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>> {
    return pglite._runExclusiveQuery(async () => {
      let entry = kept.get(text)
      if (entry) {
        kept.delete(text)
        kept.set(text, entry)
      } else entry = await prepare(text, options)
      let messages: BackendMessage[]
      try {
        messages = await exchange(bindAndExecute(pglite, entry, params, options), options)
      } catch (error) {
        const code = (error as { code?: string }).code
        const stale = code === INVALID_STATEMENT_NAME || (code === FEATURE_NOT_SUPPORTED && /cached plan/i.test(String((error as Error).message)))
        if (!stale) throw withQuery(error, text, params, options)
        kept.delete(text)
        // Outside a transaction nothing was aborted: prepare again and run once more.
        if (inTransaction) throw withQuery(error, text, params, options)
        entry = await prepare(text, options)
        messages = await exchange(bindAndExecute(pglite, entry, params, options), options)
      }
      if (!inTransaction) await pglite.syncToFs()
      // The row description read when the statement was prepared stands for a Describe of every portal (same statement, text results).
      return parse.parseResults(entry.rowDescription ? [entry.rowDescription, ...messages] : messages, pglite.parsers, options)[0] as Results<T>
    })
  }

  const keepable = (text: string, params: unknown[], options: QueryOptions | undefined) => !options?.blob && text.length <= MAX_TEXT && params.length <= MAX_PARAMS && PLANNED.test(text)

  pglite.query = async <T>(text: string, params: unknown[] = [], options?: QueryOptions) => {
    // Starting (PGlite reads its array types before it is ready), closing, closed, or not a planned statement: PGlite's own query.
    if (!pglite.ready || !keepable(text, params, options)) return unnamedQuery<T>(text, params, options)
    // Like PGlite's own query: wait for an open transaction to finish first.
    return pglite._runExclusiveTransaction(() => run<T>(text, params, options, false))
  }
  pglite.transaction = <T>(fn: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      const txQuery = tx.query.bind(tx) as QueryFn
      // A closed transaction gets PGlite's own "Transaction is closed".
      tx.query = async <R>(text: string, params: unknown[] = [], options?: QueryOptions) =>
        tx.closed || !keepable(text, params, options) ? txQuery<R>(text, params, options) : run<R>(text, params, options, true)
      return fn(tx)
    })

  return {
    statements: () => kept.size,
    clear: () => kept.clear(),
  }
}

function bindAndExecute(pglite: PGlite, entry: Kept, params: unknown[], options: QueryOptions | undefined): Uint8Array {
  const values = params.map((value, i) => {
    if (value === null || value === undefined) return null
    const type = entry.paramTypes[i]!
    const serializer = options?.serializers?.[type] ?? pglite.serializers[type]
    return serializer ? serializer(value) : String(value)
  })
  return concat([serialize.bind({ statement: entry.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()])
}

/** The query and its parameters on the error, as PGlite's own query adds them. */
function withQuery(error: unknown, query: string, params: unknown[] | undefined, options: QueryOptions | undefined) {
  if (error && typeof error === 'object' && 'code' in error) Object.assign(error, { query, params, queryOptions: options })
  return error
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
