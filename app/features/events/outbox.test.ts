import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { auditLog, domainEvents, outboxCursors } from '#db/schema/platform.ts'
import { createId } from '#app/utils/id.ts'
import { consumerLag, type DomainEvent, processBatch, recordEvent, startConsumer } from '#app/features/events/outbox.server.ts'

const onPostgres = Boolean(process.env.DATABASE_URL)

/** The probe event's payload: whatever the test put in it. */
const probe = (e: DomainEvent) => e.payload as Record<string, unknown>

/** Events of one test carry its tag, so a consumer reading from the start can pick them out. */
function tagged(tag: string) {
  return (events: DomainEvent[]) => events.filter((e) => probe(e).tag === tag)
}

async function record(tag: string, label: string, tx?: Parameters<typeof recordEvent>[0]) {
  const write = (q: Parameters<typeof recordEvent>[0]) => recordEvent(q, { type: 'outbox.probe', orgId: null, actorId: null, subjectType: 'test', subjectId: label, payload: { tag, label } })
  return tx ? write(tx) : db.transaction((t) => write(t))
}

async function cursorOf(consumer: string) {
  const [row] = await db.select().from(outboxCursors).where(eq(outboxCursors.consumer, consumer))
  return row!
}

type Guarded = ((events: DomainEvent[]) => Promise<void>) & { repeat: Error | null }

/**
 * Wraps a handler so an event handed over twice (a cursor that did not move past it) is refused
 * and kept in `repeat` for the test to fail with. Refusing matters: processBatch records a
 * handler's error and backs off, where handling the repeat again would spin without end.
 */
function refusingRepeats(consumer: string, handle: (events: DomainEvent[]) => Promise<void>): Guarded {
  const seen = new Set<number>()
  const guarded = (async (events: DomainEvent[]) => {
    const again = events.find((e) => seen.has(e.id))
    if (again) {
      guarded.repeat ??= new Error(`${consumer}: event ${again.id} (${again.type}) was handed over twice; the cursor did not move past it`)
      throw guarded.repeat
    }
    for (const e of events) seen.add(e.id)
    await handle(events)
  }) as Guarded
  guarded.repeat = null
  return guarded
}

/**
 * Runs a consumer until nothing is left. Bounded: an event handed over twice within one drain, or
 * more rounds than the events written need, fails the test with a message instead of looping forever.
 */
async function drain(consumer: string, handle: (events: DomainEvent[]) => Promise<void>, batchSize = 200) {
  const [{ n: written } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from domain_events`)
  const maxRounds = Math.ceil(Number(written) / batchSize) + 2
  const guarded = refusingRepeats(`drain(${consumer})`, handle)
  let total = 0
  for (let round = 0; ; round++) {
    if (round >= maxRounds) throw new Error(`drain(${consumer}): still handing over events after ${round} batches for ${written} events; the cursor is not moving forward`)
    const n = await processBatch(consumer, guarded, { batchSize })
    if (guarded.repeat) throw guarded.repeat
    if (!n) return total
    total += n
  }
}

describe('recordEvent', () => {
  it('writes the event and its audit row in the caller’s transaction', async () => {
    const tag = createId()
    const id = await db.transaction((tx) =>
      recordEvent(tx, { type: 'outbox.probe', orgId: 'o1', actorId: 'u1', subjectType: 'organization', subjectId: 'o1', payload: { tag }, audience: { orgs: ['o1'] }, ip: '203.0.113.9' }),
    )
    const [event] = await db.select().from(domainEvents).where(eq(domainEvents.id, id))
    expect(event).toMatchObject({ type: 'outbox.probe', orgId: 'o1', actorId: 'u1', payload: { tag }, audience: { orgs: ['o1'] } })
    expect(event!.txid).toBeGreaterThan(0)
    const audits = await db.select().from(auditLog).where(eq(auditLog.subjectId, 'o1'))
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ action: 'outbox.probe', actorId: 'u1', ip: '203.0.113.9', details: { tag } })
  })

  it('leaves no event and no audit row when the transaction rolls back', async () => {
    const tag = createId()
    await expect(
      db.transaction(async (tx) => {
        await record(tag, 'doomed', tx)
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const rows = await queryRows(db, sql`select 1 from domain_events where payload->>'tag' = ${tag}`)
    const audits = await queryRows(db, sql`select 1 from audit_log where details->>'tag' = ${tag}`)
    expect(rows).toHaveLength(0)
    expect(audits).toHaveLength(0)
  })

  it('refuses an undeclared event type or a payload its schema does not accept, writing nothing', async () => {
    const subjectId = createId()
    const write = (event: unknown) => db.transaction((tx) => recordEvent(tx, event as Parameters<typeof recordEvent>[1]))
    await expect(write({ type: 'listing.renamed', subjectType: 'listing', subjectId, payload: {} })).rejects.toThrow(/Unknown domain event type "listing.renamed"/)
    await expect(write({ type: 'account.added', subjectType: 'account', subjectId, payload: {} })).rejects.toThrow(/Invalid payload for domain event "account.added": accountId: Required/)
    await expect(write({ type: 'account.added', subjectType: 'account', subjectId, payload: { accountId: 'a1', secret: 'x' } })).rejects.toThrow(/Unrecognized key/)
    expect(await db.select().from(domainEvents).where(eq(domainEvents.subjectId, subjectId))).toHaveLength(0)
  })

  it('skips the audit row when asked', async () => {
    const tag = createId()
    await db.transaction((tx) => recordEvent(tx, { type: 'outbox.probe', subjectType: 'test', subjectId: tag, payload: { tag }, audit: false }))
    expect(await db.select().from(auditLog).where(eq(auditLog.subjectId, tag))).toHaveLength(0)
  })
})

describe('processBatch', () => {
  it('hands every event over once, in commit-transaction order, across small batches', async () => {
    const tag = createId()
    const written: number[] = []
    for (let t = 0; t < 4; t++) {
      const ids = await db.transaction(async (tx) => [await record(tag, `t${t}a`, tx), await record(tag, `t${t}b`, tx), await record(tag, `t${t}c`, tx)])
      written.push(...ids)
    }
    const seen: DomainEvent[] = []
    const consumer = `order-${tag}`
    const handled = await drain(consumer, async (events) => void seen.push(...events), 5)
    expect(handled).toBe(seen.length)
    const mine = tagged(tag)(seen)
    expect(mine.map((e) => e.id)).toEqual(written)
    expect(mine.map((e) => probe(e).label)).toEqual(['t0a', 't0b', 't0c', 't1a', 't1b', 't1c', 't2a', 't2b', 't2c', 't3a', 't3b', 't3c'])
    // Each transaction's events share its txid; txids rise from one transaction to the next.
    const txids = mine.map((e) => e.txid)
    expect(new Set(txids).size).toBe(4)
    expect([...txids].sort((a, b) => a - b)).toEqual(txids)
    // All of it once: (txid, id) strictly increasing over everything the consumer saw.
    for (let i = 1; i < seen.length; i++) {
      const [p, c] = [seen[i - 1]!, seen[i]!]
      expect(c.txid > p.txid || (c.txid === p.txid && c.id > p.id)).toBe(true)
    }
    const cursor = await cursorOf(consumer)
    expect([cursor.lastTxid, cursor.lastId]).toEqual([seen.at(-1)!.txid, seen.at(-1)!.id])
    expect(await processBatch(consumer, async () => expect.fail('nothing should be left'))).toBe(0)
  })

  it('maps rows to typed events with dates and parsed JSON', async () => {
    const tag = createId()
    await db.transaction((tx) =>
      recordEvent(tx, {
        type: 'outbox.probe',
        orgId: 'org-x',
        actorId: 'user-x',
        subjectType: 'listing',
        subjectId: 'l1',
        payload: { tag, nested: { n: 1 } },
        audience: { users: ['user-x'], vendor: true },
      }),
    )
    const seen: DomainEvent[] = []
    await drain(`shape-${tag}`, async (events) => void seen.push(...events))
    const [event] = tagged(tag)(seen)
    expect(event).toMatchObject({
      type: 'outbox.probe',
      orgId: 'org-x',
      actorId: 'user-x',
      subjectType: 'listing',
      subjectId: 'l1',
      payload: { tag, nested: { n: 1 } },
      audience: { users: ['user-x'], vendor: true },
    })
    expect(event!.createdAt).toBeInstanceOf(Date)
    expect(Number.isNaN(event!.createdAt.getTime())).toBe(false)
  })

  it('backs off after a failure, doubling each time, retries the same events, and recovers', async () => {
    const tag = createId()
    const consumer = `retry-${tag}`
    await record(tag, 'first')
    await record(tag, 'second')
    const backoffMs = async () => {
      const c = await cursorOf(consumer)
      return c.retryAt!.getTime() - c.updatedAt.getTime()
    }
    /** Lets the backoff pass without waiting for it. */
    const timePasses = () =>
      db
        .update(outboxCursors)
        .set({ retryAt: sql`now() - interval '1 second'` })
        .where(eq(outboxCursors.consumer, consumer))

    let calls = 0
    const failing = async () => {
      calls++
      throw new Error('search engine unreachable')
    }
    expect(await processBatch(consumer, failing)).toBe(0)
    expect(await cursorOf(consumer)).toMatchObject({ failures: 1, lastError: 'search engine unreachable', lastTxid: 0, lastId: 0 })
    expect(await backoffMs()).toBe(250)

    await timePasses()
    expect(await processBatch(consumer, failing)).toBe(0)
    expect(calls).toBe(2)
    expect((await cursorOf(consumer)).failures).toBe(2)
    expect(await backoffMs()).toBe(500)

    // While a backoff is running the consumer is not called at all.
    await db
      .update(outboxCursors)
      .set({ retryAt: sql`now() + interval '1 hour'` })
      .where(eq(outboxCursors.consumer, consumer))
    expect(await processBatch(consumer, failing)).toBe(0)
    expect(calls).toBe(2)

    // Recovery: the same events arrive, the cursor moves and the error is cleared.
    await timePasses()
    const seen: DomainEvent[] = []
    const handled = await drain(consumer, async (events) => void seen.push(...events))
    expect(handled).toBeGreaterThanOrEqual(2)
    expect(tagged(tag)(seen).map((e) => probe(e).label)).toEqual(['first', 'second'])
    expect(await cursorOf(consumer)).toMatchObject({ failures: 0, lastError: null, retryAt: null })
  })

  it('caps the backoff at 30 seconds however many failures there were', async () => {
    const tag = createId()
    const consumer = `cap-${tag}`
    await record(tag, 'only')
    await db.insert(outboxCursors).values({ consumer, failures: 40 })
    expect(await processBatch(consumer, async () => Promise.reject(new Error('still down')))).toBe(0)
    const cursor = await cursorOf(consumer)
    expect(cursor.failures).toBe(41)
    expect(cursor.retryAt!.getTime() - cursor.updatedAt.getTime()).toBe(30_000)
  })

  it('replays a batch whose handler crashed half way, so an idempotent handler ends with each effect once', async () => {
    const tag = createId()
    const consumer = `replay-${tag}`
    for (const label of ['a', 'b', 'c']) await record(tag, label)
    const effects = new Map<number, string>()
    const deliveries: number[] = []
    let crash = true
    const handler = async (events: DomainEvent[]) => {
      for (const e of tagged(tag)(events)) {
        deliveries.push(e.id)
        effects.set(e.id, String(probe(e).label)) // keyed by event id: a replay overwrites, never duplicates
        if (crash && probe(e).label === 'b') {
          crash = false
          throw new Error('process died mid-batch')
        }
      }
    }
    expect(await processBatch(consumer, handler)).toBe(0)
    await db.update(outboxCursors).set({ retryAt: null }).where(eq(outboxCursors.consumer, consumer)) // skip the wait
    await drain(consumer, handler)
    const ids = [...effects.keys()]
    expect([...effects.values()]).toEqual(['a', 'b', 'c'])
    // a and b were delivered twice (at least once), c once; the effects hold each exactly once.
    expect(deliveries).toEqual([ids[0], ids[1], ids[0], ids[1], ids[2]])
  })

  it('reports how far a consumer is behind', async () => {
    const tag = createId()
    const consumer = `lag-${tag}`
    await drain(consumer, async () => {})
    expect((await consumerLag(consumer)).pending).toBe(0)
    await record(tag, 'one')
    await record(tag, 'two')
    const lag = await consumerLag(consumer)
    expect(lag.pending).toBe(2)
    expect(lag.lagSeconds).toBeGreaterThanOrEqual(0)
    await drain(consumer, async () => {})
    expect((await consumerLag(consumer)).pending).toBe(0)
  })
})

describe('startConsumer', () => {
  it('keeps up in the background and resumes from its cursor after a restart, without repeats', async () => {
    const tag = createId()
    const consumer = `loop-${tag}`
    const seen: DomainEvent[] = []
    const handle = refusingRepeats(consumer, async (events: DomainEvent[]) => void seen.push(...tagged(tag)(events)))
    const until = async (n: number) => {
      const deadline = Date.now() + 10_000
      while (seen.length < n) {
        if (handle.repeat) throw handle.repeat
        if (Date.now() > deadline) throw new Error(`consumer saw ${seen.length} of ${n} events`)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    let loop = startConsumer(consumer, handle, { intervalMs: 20 })
    await record(tag, 'before-1')
    await record(tag, 'before-2')
    loop.wake()
    await until(2)
    await loop.stop()

    await record(tag, 'while-down') // written while no consumer runs
    loop = startConsumer(consumer, handle, { intervalMs: 20 })
    await until(3)
    await record(tag, 'after')
    loop.wake()
    await until(4)
    await loop.stop()
    expect(handle.repeat).toBeNull()
    expect(seen.map((e) => probe(e).label)).toEqual(['before-1', 'before-2', 'while-down', 'after'])
  })

  it('reports a failing handler and keeps running', async () => {
    const tag = createId()
    const errors: unknown[] = []
    const loop = startConsumer(`broken-${tag}`, async () => Promise.reject(new Error('nope')), { intervalMs: 20, onError: (e) => errors.push(e) })
    await record(tag, 'x')
    loop.wake()
    const deadline = Date.now() + 10_000
    let cursor = await cursorOf(`broken-${tag}`).catch(() => undefined)
    while (!cursor?.failures && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20))
      cursor = await cursorOf(`broken-${tag}`).catch(() => undefined)
    }
    await loop.stop()
    expect(cursor?.failures).toBeGreaterThanOrEqual(1)
    expect(cursor?.lastError).toBe('nope')
    expect(errors).toEqual([]) // handler failures are recorded on the cursor, not thrown out of the loop
  })
})

describe.skipIf(!onPostgres)('concurrency on PostgreSQL', () => {
  it('never skips past a slow transaction that committed after a faster, later one', async () => {
    const tag = createId()
    const consumer = `gap-${tag}`
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let written!: () => void
    const slowWrote = new Promise<void>((r) => (written = r))
    const slow = db.transaction(async (tx) => {
      await record(tag, 'slow', tx) // takes its txid now, commits later
      written()
      await gate
    })
    await slowWrote
    await record(tag, 'fast') // a later txid, committed first

    const seen: DomainEvent[] = []
    const handle = async (events: DomainEvent[]) => void seen.push(...events)
    await drain(consumer, handle)
    // While the slow transaction is open, neither its event nor anything after it is handed over.
    expect(tagged(tag)(seen)).toEqual([])

    release()
    await slow
    const deadline = Date.now() + 15_000
    while (tagged(tag)(seen).length < 2 && Date.now() < deadline) {
      await drain(consumer, handle)
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(tagged(tag)(seen).map((e) => probe(e).label)).toEqual(['slow', 'fast'])
  })

  it('lets one node hold a consumer’s lease while the others skip it', async () => {
    const tag = createId()
    const consumer = `lease-${tag}`
    await record(tag, 'work')
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let entered!: () => void
    const inHandler = new Promise<void>((r) => (entered = r))
    const holder = processBatch(consumer, async () => {
      entered()
      await gate
    })
    await inHandler
    expect(await processBatch(consumer, async () => expect.fail('the lease is taken'))).toBeNull()
    // Other consumers are not held up by it.
    expect(await processBatch(`other-${tag}`, async () => {})).toBeGreaterThan(0)
    release()
    expect(await holder).toBeGreaterThan(0)
    expect(await processBatch(consumer, async () => {})).toBe(0)
  })
})
