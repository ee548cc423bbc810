import { sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { outboxCursors } from '#db/schema/platform.ts'
import type { DomainEvent } from '#app/features/events/outbox.server.ts'
import { allDocuments, countSearchable, documentsFor, expandAffected } from '#search/documents.server.ts'
import { engineFor, searchEngine } from '#search/engine.server.ts'
import type { RebuildTarget, SearchEngine } from '#search/types.ts'

/** The outbox consumer's name (its cursor row in outbox_cursors). */
export const SEARCH_CONSUMER = 'search'

/** Subjects whose events can change a search document. */
export const SEARCH_SUBJECTS = ['organization', 'listing', 'integration', 'category'] as const

type Subjects = { organizations: string[]; listings: string[]; integrations: string[]; categories: string[] }

/**
 * Organization events that change what is searchable whatever subject their producer gave them:
 * an org's status decides whether its profile, listings and integrations are searchable.
 */
export const ORG_VISIBILITY_EVENTS = ['org.approved', 'org.rejected', 'org.suspended', 'org.reinstated', 'org.imported'] as const

type EventLike = { type: string; subjectType: string; subjectId: string; orgId: string | null; payload?: Record<string, unknown> }

function subjectsOf(events: EventLike[]): Subjects {
  const sets = { organization: new Set<string>(), listing: new Set<string>(), integration: new Set<string>(), category: new Set<string>() }
  for (const e of events) {
    const set = sets[e.subjectType as keyof typeof sets]
    if (set) set.add(e.subjectId)
    if ((ORG_VISIBILITY_EVENTS as readonly string[]).includes(e.type)) {
      // The org may be the subject, the event's org, or named in the payload (e.g. a suspension recorded on a case).
      if (e.subjectType === 'org') sets.organization.add(e.subjectId)
      const fromPayload = e.payload?.orgId
      if (typeof fromPayload === 'string') sets.organization.add(fromPayload)
      else if (e.orgId) sets.organization.add(e.orgId)
    }
  }
  return { organizations: [...sets.organization], listings: [...sets.listing], integrations: [...sets.integration], categories: [...sets.category] }
}

/**
 * Brings the documents of these subjects in line with the database as it is now: re-reads the rows,
 * upserts what is searchable, deletes what is not. Idempotent, so replaying a batch is harmless.
 */
export async function syncSubjects(q: Queryable, engine: SearchEngine, subjects: Subjects, target?: RebuildTarget) {
  const affected = await expandAffected(q, subjects)
  const { upserts, deletes } = await documentsFor(q, affected)
  if (engine.apply) await engine.apply(upserts, deletes, target)
  else {
    await engine.upsert(upserts, target)
    await engine.delete(deletes, target)
  }
  return { upserted: upserts.length, deleted: deletes.length }
}

/**
 * The outbox consumer. Runs inside the transaction holding the consumer's lease; a throw (engine
 * down, task timeout) leaves the cursor where it was and the framework retries with backoff.
 */
export async function handleSearchEvents(events: DomainEvent[], tx: Queryable, engine: SearchEngine = searchEngine()) {
  const subjects = subjectsOf(events)
  if (!subjects.organizations.length && !subjects.listings.length && !subjects.integrations.length && !subjects.categories.length) return
  await syncSubjects(tx, engineFor(engine, tx), subjects)
}

export type RebuildProgress = { done: number; total: number; phase: 'documents' | 'catch-up' | 'swap' }

/**
 * Rebuilds the whole index without downtime: fills a new index next to the live one, then, holding
 * the search consumer's lease so no live update interleaves, replays every subject changed since the
 * rebuild began into it and swaps it in. Searches keep answering from the old index until the swap.
 */
export async function rebuildSearchIndex({
  engine = searchEngine(),
  onProgress,
  pageSize = 1000,
}: { engine?: SearchEngine; onProgress?: (p: RebuildProgress) => void | Promise<void>; pageSize?: number } = {}) {
  // Every transaction that may commit from now on has a txid at or above this.
  const [floor] = await queryRows<{ xmin: string }>(db, sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`)
  const xmin = Number(floor!.xmin)
  await engine.ensureIndex()
  const total = await countSearchable(db)
  const target = await engine.beginRebuild()
  let done = 0
  try {
    await onProgress?.({ done, total, phase: 'documents' })
    for await (const docs of allDocuments(db, pageSize)) {
      await engine.upsert(docs, target)
      done += docs.length
      await onProgress?.({ done, total, phase: 'documents' })
    }
    await db.insert(outboxCursors).values({ consumer: SEARCH_CONSUMER }).onConflictDoNothing()
    await db.transaction(async (tx) => {
      // Waits for a batch the consumer is handling; then the consumer skips until we commit.
      await queryRows(tx, sql`select consumer from outbox_cursors where consumer = ${SEARCH_CONSUMER} for update`)
      const changed = await queryRows<{ type: string; subject_type: string; subject_id: string; org_id: string | null; payload_org_id: string | null }>(
        tx,
        sql`select distinct type, subject_type, subject_id, org_id, payload->>'orgId' as payload_org_id from domain_events
            where txid >= ${xmin} and (subject_type in ('organization', 'listing', 'integration', 'category') or type in (${sql.join(
              ORG_VISIBILITY_EVENTS.map((t) => sql`${t}`),
              sql`, `,
            )}))`,
      )
      await onProgress?.({ done, total, phase: 'catch-up' })
      const scoped = engineFor(engine, tx)
      await syncSubjects(
        tx,
        scoped,
        subjectsOf(changed.map((c) => ({ type: c.type, subjectType: c.subject_type, subjectId: c.subject_id, orgId: c.org_id, payload: c.payload_org_id ? { orgId: c.payload_org_id } : {} }))),
        target,
      )
      await onProgress?.({ done, total, phase: 'swap' })
      await scoped.commitRebuild(target)
    })
  } catch (error) {
    await engine.abortRebuild(target).catch(() => undefined)
    throw error
  }
  return { documents: done, target: target.name }
}

/** Ids the index should hold according to the database, for consistency checks. */
export async function expectedDocumentIds(q: Queryable = db) {
  const ids: string[] = []
  for await (const docs of allDocuments(q)) ids.push(...docs.map((d) => d.id))
  return ids.sort()
}
