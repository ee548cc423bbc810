import { db, type Queryable } from '#db/client.server.ts'
import { storedDocument } from '#search/digest.ts'
import { allDocuments, documentsFor, emptyAffected } from '#search/documents.server.ts'
import type { SearchEngine, SearchKind, StoredDocument } from '#search/types.ts'

/** One document where the index and the database disagree. */
export type Drift = { id: string; problem: 'missing' } | { id: string; problem: 'extra' } | { id: string; problem: 'stale'; fields: string[] }

export type VerifyReport = { expected: number; indexed: number; drift: Drift[]; fixed: boolean }

const SHOWN_FIELDS = ['kind', 'entityId', 'slug', 'title', 'summary', 'orgId', 'orgName', 'type', 'tier', 'regions', 'industries', 'categories', 'url', 'publishedAt'] as const

function differingFields(have: StoredDocument, want: StoredDocument) {
  const fields = SHOWN_FIELDS.filter((f) => JSON.stringify(have[f] ?? null) !== JSON.stringify(want[f] ?? null))
  return fields.length ? [...fields] : ['body or keywords']
}

/**
 * Compares what the engine's live index holds with what the database says it should hold
 * (documents.server.ts): documents missing from the index, documents it should not have, and
 * documents whose content differs (any field, body and keywords included, through the digest).
 * With `fix`, the drifted entities are re-read and written the way the outbox consumer writes
 * them, so a change committed while verifying is never undone.
 */
export async function verifySearchIndex(engine: SearchEngine, { fix = false, q = db }: { fix?: boolean; q?: Queryable } = {}): Promise<VerifyReport> {
  const want = new Map<string, StoredDocument>()
  for await (const docs of allDocuments(q)) for (const d of docs) want.set(d.id, storedDocument(d))
  const have = new Map<string, StoredDocument>()
  for await (const docs of engine.documents()) for (const d of docs) have.set(d.id, d)

  const drift: Drift[] = []
  for (const [id, w] of want) {
    const h = have.get(id)
    if (!h) drift.push({ id, problem: 'missing' })
    else if (h.digest !== w.digest) drift.push({ id, problem: 'stale', fields: differingFields(h, w) })
  }
  for (const id of have.keys()) if (!want.has(id)) drift.push({ id, problem: 'extra' })
  drift.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

  if (fix && drift.length) {
    const affected = emptyAffected()
    const sets: Record<SearchKind, Set<string>> = { partner: affected.partners, listing: affected.listings, integration: affected.integrations }
    for (const d of drift) {
      const dash = d.id.indexOf('-')
      const kind = d.id.slice(0, dash) as SearchKind
      if (sets[kind]) sets[kind].add(d.id.slice(dash + 1))
    }
    const { upserts, deletes } = await documentsFor(q, affected)
    await engine.upsert(upserts)
    // An id of an unknown kind (not produced by this app) is removed as it is.
    const unknown = drift.filter((d) => d.problem === 'extra' && !sets[d.id.slice(0, d.id.indexOf('-')) as SearchKind]).map((d) => d.id)
    await engine.delete([...deletes, ...unknown])
  }
  return { expected: want.size, indexed: have.size, drift, fixed: fix && drift.length > 0 }
}

/** The drift as lines a person can read. */
export function describeDrift(report: VerifyReport, limit = 50): string[] {
  const lines = report.drift.slice(0, limit).map((d) => {
    if (d.problem === 'missing') return `  missing  ${d.id} (searchable in the database, not in the index)`
    if (d.problem === 'extra') return `  extra    ${d.id} (in the index, not searchable in the database)`
    return `  stale    ${d.id} (differs in ${d.fields.join(', ')})`
  })
  if (report.drift.length > limit) lines.push(`  … and ${report.drift.length - limit} more`)
  return lines
}
