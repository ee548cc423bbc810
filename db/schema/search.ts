import { sql } from 'drizzle-orm'
import { bigint, customType, index, integer, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector'
  },
})

/** Numbers every version of a search document: an upsert that changes a row gives it a new number. */
export const searchDocumentNo = pgSequence('search_document_no')

/**
 * The embedded search engine's index (search/postgres.server.ts). Rows are grouped in
 * generations: searches read the active generation only, a rebuild fills a new one and flips
 * `search_index_state.active_generation` in one statement.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    generation: integer('generation').notNull(),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    entityId: text('entity_id').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    keywords: text('keywords').notNull().default(''),
    orgId: text('org_id').notNull(),
    orgName: text('org_name').notNull(),
    type: text('type'),
    tier: text('tier'),
    regions: text('regions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    industries: text('industries')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    url: text('url').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    sortName: text('sort_name').notNull(),
    /** Weighted: title A, keywords and org name B, summary C, body D. No stemming ('simple'), like Meilisearch: typos and prefixes do that work. */
    tsv: tsvector('tsv')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', keywords || ' ' || org_name), 'B') || setweight(to_tsvector('simple', summary), 'C') || setweight(to_tsvector('simple', left(body, 20000)), 'D')`,
      ),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /**
     * This version of the row: new on every insert and update, so the engine's in-memory copy of a
     * document's facets and sort keys (search/corpus.ts) is known current when its number matches.
     */
    docNo: bigint('doc_no', { mode: 'number' })
      .notNull()
      .default(sql`nextval('search_document_no')`),
  },
  (t) => [
    primaryKey({ name: 'search_documents_pkey', columns: [t.generation, t.id] }),
    uniqueIndex('search_documents_doc_no_idx').on(t.docNo),
    index('search_documents_tsv_idx').using('gin', t.tsv),
    index('search_documents_kind_idx').on(t.generation, t.kind),
    index('search_documents_newest_idx').on(t.generation, t.publishedAt),
    index('search_documents_name_idx').on(t.generation, t.sortName),
    index('search_documents_regions_idx').using('gin', t.regions),
    index('search_documents_industries_idx').using('gin', t.industries),
    index('search_documents_categories_idx').using('gin', t.categories),
  ],
)

/** Every word the index has seen: typo tolerance corrects query words to their nearest neighbours here (pg_trgm). */
export const searchWords = pgTable(
  'search_words',
  {
    word: text('word').primaryKey(),
  },
  (t) => [index('search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)],
)

/** Which generation of search_documents is live, and which one a rebuild is filling. */
export const searchIndexState = pgTable('search_index_state', {
  name: text('name').primaryKey(),
  activeGeneration: integer('active_generation').notNull().default(1),
  buildingGeneration: integer('building_generation'),
  /** Counts the writes to the index: caches of search answers are keyed by (active generation, version). */
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/**
 * Which documents each write to the live index changed (by index version): an engine holding
 * matches of an older version updates them with these documents instead of searching again.
 * Versions are taken under the index state's row lock, so they follow commit order. Old entries
 * are pruned; an engine further behind starts over.
 */
export const searchChanges = pgTable(
  'search_changes',
  {
    version: bigint('version', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
  },
  (t) => [primaryKey({ name: 'search_changes_pkey', columns: [t.version, t.id] })],
)
