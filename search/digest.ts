import { createHash } from 'node:crypto'
import { stripMarkers, type SearchDocument, type StoredDocument } from '#search/types.ts'

/** The text fields engines store with highlight markers stripped. */
const TEXT_FIELDS = ['title', 'summary', 'body', 'keywords', 'orgName'] as const

/**
 * The digest of a document as every engine stores it (markers stripped, the timestamp in ISO
 * form). `npm run search:verify` compares it with the digest of what the database says, so a
 * difference in any field — body and keywords included — shows as drift.
 */
export function documentDigest(doc: SearchDocument): string {
  const normalized: Record<string, unknown> = {
    id: doc.id,
    kind: doc.kind,
    entityId: doc.entityId,
    slug: doc.slug,
    orgId: doc.orgId,
    type: doc.type ?? null,
    tier: doc.tier ?? null,
    regions: doc.regions,
    industries: doc.industries,
    categories: doc.categories,
    url: doc.url,
    publishedAt: new Date(doc.publishedAt).toISOString(),
  }
  for (const field of TEXT_FIELDS) normalized[field] = stripMarkers(doc[field] ?? '')
  const keys = Object.keys(normalized).sort()
  return createHash('sha256')
    .update(JSON.stringify(keys.map((k) => [k, normalized[k]])))
    .digest('base64url')
    .slice(0, 32)
}

/** What an engine stores for a document: the fields a hit shows and the digest. */
export function storedDocument(doc: SearchDocument): StoredDocument {
  const { body: _body, keywords: _keywords, ...shown } = doc
  return {
    ...shown,
    title: stripMarkers(shown.title),
    summary: stripMarkers(shown.summary),
    orgName: stripMarkers(shown.orgName),
    type: shown.type ?? null,
    tier: shown.tier ?? null,
    publishedAt: new Date(shown.publishedAt).toISOString(),
    digest: documentDigest(doc),
  }
}
