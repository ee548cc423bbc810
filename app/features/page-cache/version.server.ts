import { sql } from 'drizzle-orm'
import { dbHandle, type Queryable } from '#db/client.server.ts'
import { remember } from '#app/core/remember.ts'

/**
 * Event types that never change what an anonymous visitor sees (sign-ins, private deals, messages,
 * account lists…). Every other event bumps the public-content version: an event type added later
 * invalidates cached pages until someone lists it here, which costs cache hits, never correctness.
 */
const PRIVATE_EVENT_PREFIXES = [
  'user.',
  'member.',
  'invitation.',
  'notification.',
  'notification_preferences.',
  'message.',
  'thread.',
  'referral.',
  'referral_program.',
  'fee.',
  'cosell.',
  'connection.',
  'account.',
  'accounts.',
  'opportunity.',
  'opportunities.',
  'analytics.',
  'test.',
]

export function affectsPublicPages(eventType: string) {
  return !PRIVATE_EVENT_PREFIXES.some((prefix) => eventType.startsWith(prefix))
}

/** Bumps in this process (remembered: the Remix build and the server hold separate copies of this module). */
const local = remember('public-content-bumps', () => ({ count: 0 }))

/** Bumps the version inside the caller's transaction: it becomes visible exactly when the change commits. */
export async function bumpPublicContentVersion(tx: Queryable) {
  await tx.execute(sql`insert into public_content_version (id, version, updated_at) values (1, 1, now())
    on conflict (id) do update set version = public_content_version.version + 1, updated_at = now()`)
  local.count += 1
}

/** One cheap read on the raw driver (drizzle costs more than the query itself here); prepared on PostgreSQL. */
export async function readPublicContentVersion(): Promise<number> {
  const handle = dbHandle()
  const rows =
    handle.driver === 'postgres'
      ? await handle.sql<{ version: string }[]>`select version::text as version from public_content_version where id = 1`
      : (await handle.pglite.query<{ version: string }>('select version::text as version from public_content_version where id = 1')).rows
  return Number(rows[0]?.version ?? 0)
}

/**
 * The version as of a moment after the caller asked. A read is sent at the end of the event-loop
 * turn, so the requests parsed in that turn share it; callers that arrive while it is in flight
 * share the next one (sent once it returns), never the one already sent. A change committed
 * before a request arrived is always seen, and under load one query serves many requests.
 */
export function sharedVersionReader(read: () => Promise<number> = readPublicContentVersion) {
  let inFlight: Promise<number> | null = null
  let sent = false
  let queued: Promise<number> | null = null
  const afterThisTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
  const start = () => {
    sent = false
    const p: Promise<number> = afterThisTurn()
      .then(() => {
        sent = true
        return read()
      })
      .finally(() => {
        if (inFlight === p) inFlight = null
      })
    inFlight = p
    return p
  }
  return function currentVersion(): Promise<number> {
    if (!inFlight) return start()
    if (!sent) return inFlight
    queued ??= inFlight
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        queued = null
        return start()
      })
    return queued
  }
}

/**
 * For PGlite, where this process is the only writer: the version is read again only after this
 * process bumped it. A read that starts during the bumping transaction waits for it (PGlite runs
 * every query after the open transaction), so it sees the committed value, or the old one after a
 * rollback, never a value the next bump would not replace.
 */
export function singleWriterVersionReader(read: () => Promise<number> = readPublicContentVersion) {
  let memo: { bumps: number; version: Promise<number> } | null = null
  return function currentVersion(): Promise<number> {
    const bumps = local.count
    if (memo && memo.bumps === bumps) return memo.version
    const version = read()
    const entry = { bumps, version }
    memo = entry
    version.catch(() => {
      if (memo === entry) memo = null
    })
    return version
  }
}

/** The reader for the current database: memoized on PGlite (one process), a read per request on PostgreSQL (many nodes). */
export function versionReaderForDatabase() {
  return dbHandle().driver === 'pglite' ? singleWriterVersionReader() : sharedVersionReader()
}
