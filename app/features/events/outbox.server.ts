import { and, eq, sql } from 'drizzle-orm'
import { db, dbHandle, queryRows, type Queryable, type Tx } from '#db/client.server.ts'
import { auditLog, domainEvents, outboxCursors, type EventAudience } from '#db/schema/platform.ts'
import { remember } from '#app/core/remember.ts'
import { bumpPublicContentVersion } from '#app/features/page-cache/version.server.ts'
import { affectsPublicPages, parseEventPayload, type DomainEvent, type EventPayloadInput, type EventType } from '#app/features/events/catalog.ts'

export type { DomainEvent, EventType } from '#app/features/events/catalog.ts'

type EventFields<K extends EventType> = {
  type: K
  actorId?: string | null
  orgId?: string | null
  subjectType: string
  subjectId: string
  audience?: EventAudience
  /** Written to the audit trail too, unless false. */
  audit?: boolean
  ip?: string | null
}

/** A state change to record: a declared type, and a payload its schema accepts (optional when it has no fields). */
export type NewEvent<K extends EventType = EventType> = K extends EventType
  ? EventFields<K> & ({} extends EventPayloadInput<K> ? { payload?: EventPayloadInput<K> } : { payload: EventPayloadInput<K> })
  : never

/**
 * Told of every event as it is recorded, before its transaction commits (it may still roll back),
 * synchronously: a listener must be quick and must not throw. Realtime uses it to distrust live
 * connections a revocation may concern from that moment on. The listeners are remembered per process:
 * the Remix build and the server hold separate copies of this module.
 */
export type RecordListener = (event: NewEvent) => void
const recordListeners = () => remember('event-record-listeners', () => new Set<RecordListener>())

/** Adds a listener; returns the function that removes it. */
export function onEventRecorded(listener: RecordListener) {
  recordListeners().add(listener)
  return () => void recordListeners().delete(listener)
}

/**
 * Records a state change: one row in the outbox and one in the audit trail, inside the caller's
 * transaction so they commit or vanish with the change itself.
 */
export async function recordEvent<K extends EventType>(tx: Queryable, event: NewEvent<K>) {
  const payload = parseEventPayload(event.type, event.payload)
  const [row] = await tx
    .insert(domainEvents)
    .values({
      type: event.type,
      actorId: event.actorId ?? null,
      orgId: event.orgId ?? null,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      payload,
      audience: event.audience ?? {},
    })
    .returning({ id: domainEvents.id })
  for (const listener of recordListeners()) listener(event)
  // Cached anonymous pages are keyed by this version; bumping it here commits with the change.
  if (affectsPublicPages(event.type)) await bumpPublicContentVersion(tx)
  if (event.audit !== false) {
    await tx.insert(auditLog).values({
      orgId: event.orgId ?? null,
      actorId: event.actorId ?? null,
      action: event.type,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      details: payload,
      ip: event.ip ?? null,
    })
  }
  return row!.id
}

/**
 * Records many state changes of one bulk operation (an import) at once: the outbox rows in
 * chunked inserts, the public-content version bumped once, audit rows for those that want them.
 * Same transaction rules as recordEvent.
 */
export async function recordEvents(tx: Queryable, events: NewEvent[], { chunkSize = 1000 }: { chunkSize?: number } = {}) {
  for (let i = 0; i < events.length; i += chunkSize) {
    const chunk = events.slice(i, i + chunkSize).map((event) => ({ ...event, payload: parseEventPayload(event.type, event.payload) }))
    await tx.insert(domainEvents).values(
      chunk.map((event) => ({
        type: event.type,
        actorId: event.actorId ?? null,
        orgId: event.orgId ?? null,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        payload: event.payload,
        audience: event.audience ?? {},
      })),
    )
    const audited = chunk.filter((event) => event.audit !== false)
    if (audited.length) {
      await tx.insert(auditLog).values(
        audited.map((event) => ({
          orgId: event.orgId ?? null,
          actorId: event.actorId ?? null,
          action: event.type,
          subjectType: event.subjectType,
          subjectId: event.subjectId,
          details: event.payload,
          ip: event.ip ?? null,
        })),
      )
    }
  }
  if (events.some((event) => affectsPublicPages(event.type))) await bumpPublicContentVersion(tx)
}

export type ConsumerOptions = { batchSize?: number }

/** Events a consumer reads in one transaction. */
const BATCH_SIZE = 200

/**
 * The consumers whose cursor row this process has made sure of, per database: the row is inserted
 * once, not before every batch (that was a statement, and on PostgreSQL a transaction, per poll).
 */
function knownCursorRows() {
  const byDatabase = remember('outbox-cursor-rows', () => new WeakMap<object, Set<string>>())
  const handle = dbHandle()
  let known = byDatabase.get(handle)
  if (!known) byDatabase.set(handle, (known = new Set()))
  return known
}

/**
 * Handles a batch of events (what it returns is ignored). `tx` is the transaction holding the
 * consumer's lease: a handler that reads or writes the database must use it (PGlite has one
 * connection, so `db` would wait on it).
 */
export type EventHandler = (events: DomainEvent[], tx: Tx) => Promise<unknown>

/**
 * Processes the next batch of events for one consumer. The consumer's cursor row is locked with
 * SKIP LOCKED, so app nodes share the work: one node holds the lease, the others skip. Only
 * events of transactions older than every running transaction are read, so the (txid, id) order
 * has no gaps. The handler must be idempotent: a crash after it ran but before the cursor moved
 * replays the batch. Returns how many events were handled, or null when another node holds the lease.
 */
export async function processBatch(consumer: string, handle: EventHandler, { batchSize = BATCH_SIZE }: ConsumerOptions = {}): Promise<number | null> {
  const known = knownCursorRows()
  if (!known.has(consumer)) {
    await db.insert(outboxCursors).values({ consumer }).onConflictDoNothing()
    known.add(consumer)
  }
  return db.transaction(async (tx) => {
    const [cursor] = await queryRows<{ last_txid: string; last_id: string; retry_at: Date | null }>(
      tx,
      sql`select last_txid, last_id, retry_at from outbox_cursors where consumer = ${consumer} for update skip locked`,
    )
    if (!cursor) {
      // Another node holds the lease, or the row is gone: make sure of it again next time.
      known.delete(consumer)
      return null
    }
    if (cursor.retry_at && new Date(cursor.retry_at) > new Date()) return 0
    const events = await queryRows<Record<string, unknown>>(
      tx,
      sql`select id, txid, type, org_id, actor_id, subject_type, subject_id, payload, audience, created_at
          from domain_events
          where (txid, id) > (${Number(cursor.last_txid)}::bigint, ${Number(cursor.last_id)}::bigint)
            and txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
          order by txid, id
          limit ${batchSize}`,
    )
    if (events.length === 0) return 0
    const mapped = events.map((e) => ({
      id: Number(e.id),
      txid: Number(e.txid),
      type: e.type as EventType,
      orgId: (e.org_id as string) ?? null,
      actorId: (e.actor_id as string) ?? null,
      subjectType: e.subject_type as string,
      subjectId: e.subject_id as string,
      // Validated when recorded; read back as its declared shape.
      payload: (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as never,
      audience: (typeof e.audience === 'string' ? JSON.parse(e.audience) : e.audience) as EventAudience,
      createdAt: new Date(e.created_at as string),
    })) as unknown as DomainEvent[]
    const last = mapped[mapped.length - 1]!
    try {
      // A savepoint: a handler that fails rolls back its own writes and the cursor bookkeeping below still runs.
      await tx.transaction(async (sp) => handle(mapped, sp))
    } catch (error) {
      const failures = await tx
        .update(outboxCursors)
        .set({
          failures: sql`${outboxCursors.failures} + 1`,
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          retryAt: sql`now() + least(interval '30 seconds', interval '250 milliseconds' * power(2, ${outboxCursors.failures}))`,
          // The database clock, so retry_at - updated_at is exactly the backoff.
          updatedAt: sql`now()`,
        })
        .where(eq(outboxCursors.consumer, consumer))
        .returning({ failures: outboxCursors.failures })
      void failures
      return 0
    }
    await tx
      .update(outboxCursors)
      .set({ lastTxid: last.txid, lastId: last.id, failures: 0, lastError: null, retryAt: null, updatedAt: new Date() })
      .where(and(eq(outboxCursors.consumer, consumer)))
    return mapped.length
  })
}

/** How far a consumer is behind: events not yet handled, and the age of the oldest. */
export async function consumerLag(consumer: string) {
  const [row] = await queryRows<{ pending: number; oldest: Date | null }>(
    db,
    sql`select count(*)::int as pending, min(e.created_at) as oldest
        from domain_events e
        left join outbox_cursors c on c.consumer = ${consumer}
        where (e.txid, e.id) > (coalesce(c.last_txid, 0), coalesce(c.last_id, 0))`,
  )
  const oldest = row?.oldest ? new Date(row.oldest) : null
  return { pending: Number(row?.pending ?? 0), lagSeconds: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0 }
}

export type ConsumerLoop = { stop: () => Promise<void>; wake: () => void }

/** Polls a consumer in the background until stopped; `wake` runs it sooner (e.g. right after a commit). */
export function startConsumer(
  consumer: string,
  handle: EventHandler,
  { intervalMs = 250, onError, afterCommit }: { intervalMs?: number; onError?: (error: unknown) => void; afterCommit?: () => void } = {},
): ConsumerLoop {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let wakeRequested = false

  let inFlight = false
  const tick = async () => {
    if (stopped) return
    inFlight = true
    try {
      let handled: number | null
      do {
        wakeRequested = false
        handled = await processBatch(consumer, handle)
        if (handled) afterCommit?.()
        // Keep reading until a batch finds nothing, even after a batch that was not full: under a
        // steady stream of commits the extra round keeps the loop busy, so the wakes meanwhile
        // coalesce into the next batch; stopping early (tried) meant one batch per commit and a
        // worse bench:realtime.
      } while (!stopped && (handled ?? 0) > 0)
    } catch (error) {
      onError?.(error)
    }
    inFlight = false
    if (!stopped) timer = setTimeout(run, wakeRequested ? 0 : intervalMs)
  }
  const run = () => {
    running = tick()
  }
  run()
  return {
    wake() {
      wakeRequested = true
      // While a run is in flight it picks the request up when it ends; starting another run
      // here would put a second polling loop next to it (and one more on every wake).
      if (timer && !stopped && !inFlight) {
        clearTimeout(timer)
        timer = setTimeout(run, 0)
      }
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
