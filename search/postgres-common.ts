import { sql, type SQL } from 'drizzle-orm'
import type { CorpusRow } from '#search/corpus.ts'
import type { SearchHit } from '#search/types.ts'

/** SQL and row helpers shared by the embedded engine's parts (postgres.server.ts). */
export const INDEX = 'main'

export const activeGeneration = sql`coalesce((select active_generation from search_index_state where name = ${INDEX}), 1)`

export function textArray(values: string[]): SQL {
  if (values.length === 0) return sql`'{}'::text[]`
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`
}

export function hitDocument(row: Omit<CorpusRow, 'docNo' | 'sortName'>): SearchHit['document'] {
  const { id, kind, entityId, slug, title, summary, orgId, orgName, type, tier, regions, industries, categories, url } = row
  const publishedAt = new Date(Math.floor(Number(row.publishedAt) / 1000)).toISOString()
  return { id, kind: kind as SearchHit['document']['kind'], entityId, slug, title, summary, orgId, orgName, type, tier, regions, industries, categories, url, publishedAt }
}

export function arr(value: string[] | string | null): string[] {
  if (value === null) return []
  return Array.isArray(value) ? value : parsePgArray(value)
}

/** `{a,b}` → ['a','b'] (drivers that hand back arrays as text). */
export function parsePgArray(value: string): string[] {
  const inner = value.replace(/^\{|\}$/g, '')
  if (!inner) return []
  return inner.split(',').map((v) => v.replace(/^"|"$/g, ''))
}
