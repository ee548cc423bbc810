import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { searchDocuments, searchIndexState, searchWords } from '#db/schema/search.ts'
import { expectVersion } from '#search/index-versions.ts'
import { activeGeneration, INDEX, textArray } from '#search/postgres-common.ts'
import { words } from '#search/synonyms.ts'
import { stripMarkers, type RebuildTarget, type SearchDocument } from '#search/types.ts'

const BATCH = 500
/** Change log entries kept (pruned now and then by writers). */
const CHANGES_KEPT = 20_000

/** Words worth remembering for typo correction: 3+ letters, not only digits. */
export function vocabulary(doc: SearchDocument): string[] {
  const all = words(`${doc.title} ${doc.summary} ${doc.keywords} ${doc.orgName} ${doc.body.slice(0, 20_000)}`)
  return [...new Set(all.filter((w) => w.length >= 3 && w.length <= 40 && !/^\d+$/.test(w)))]
}

/**
 * Writes to the embedded index: documents (with their typo-correction vocabulary), the version
 * bump and change log entry of every write to the live index, and rebuilds into a new generation.
 */
export class IndexWriter {
  constructor(
    private readonly conn: () => Queryable,
    private readonly source: () => object,
  ) {}

  private get q() {
    return this.conn()
  }

  /**
   * Counts a write to the live index (in the writer's transaction), logs which documents it
   * changed under the new version in the same statement, and expects to see it.
   */
  private async bumpVersion({ changed = [], set = sql``, condition = sql`` }: { changed?: string[]; set?: SQL; condition?: SQL } = {}) {
    const [row] = await queryRows<{ version: number | string }>(
      this.q,
      sql`with bumped as (
            update search_index_state set version = version + 1, updated_at = clock_timestamp() ${set} where name = ${INDEX} ${condition} returning version
          ), logged as (
            insert into search_changes (version, id) select bumped.version, changed.id from bumped, unnest(${textArray(changed)}) as changed(id)
            on conflict do nothing
          )
          select version from bumped`,
    )
    if (!row) return
    const version = Number(row.version)
    expectVersion(this.source(), version)
    if (version % 200 === 0) await queryRows(this.q, sql`delete from search_changes where version <= ${version - CHANGES_KEPT}`)
  }

  async ensureIndex() {
    await this.q.insert(searchIndexState).values({ name: INDEX, activeGeneration: 1 }).onConflictDoNothing()
  }

  private generationOf(target?: RebuildTarget): SQL {
    if (!target) return activeGeneration
    const generation = Number(target.name)
    if (!Number.isInteger(generation)) throw new Error(`Unknown rebuild target ${target.name}`)
    return sql`${generation}::int`
  }

  async upsert(documents: SearchDocument[], target?: RebuildTarget) {
    if (documents.length === 0) return
    await this.ensureIndex()
    const generation = this.generationOf(target)
    for (let i = 0; i < documents.length; i += BATCH) {
      const batch = documents.slice(i, i + BATCH)
      const rows = batch.map((d) => ({
        generation: generation as unknown as number,
        id: d.id,
        kind: d.kind,
        entityId: d.entityId,
        slug: d.slug,
        title: stripMarkers(d.title),
        summary: stripMarkers(d.summary),
        body: stripMarkers(d.body),
        keywords: stripMarkers(d.keywords),
        orgId: d.orgId,
        orgName: stripMarkers(d.orgName),
        type: d.type,
        tier: d.tier,
        regions: d.regions,
        industries: d.industries,
        categories: d.categories,
        url: d.url,
        publishedAt: new Date(d.publishedAt),
        sortName: stripMarkers(d.title).toLowerCase(),
        updatedAt: new Date(),
      }))
      await this.q
        .insert(searchDocuments)
        .values(rows)
        .onConflictDoUpdate({
          target: [searchDocuments.generation, searchDocuments.id],
          set: {
            ...Object.fromEntries(
              [
                'kind',
                'entity_id',
                'slug',
                'title',
                'summary',
                'body',
                'keywords',
                'org_id',
                'org_name',
                'type',
                'tier',
                'regions',
                'industries',
                'categories',
                'url',
                'published_at',
                'sort_name',
                'updated_at',
              ].map((column) => [camel(column), sql.raw(`excluded.${column}`)]),
            ),
            // A new number for the new version: in-memory copies of the old one are never used for it.
            docNo: sql`nextval('search_document_no')`,
          },
        })
      if (!target) await this.bumpVersion({ changed: batch.map((d) => d.id) })
      const vocab = [...new Set(batch.flatMap(vocabulary))]
      for (let j = 0; j < vocab.length; j += 2000) {
        await this.q
          .insert(searchWords)
          .values(vocab.slice(j, j + 2000).map((word) => ({ word })))
          .onConflictDoNothing()
      }
    }
  }

  async delete(ids: string[], target?: RebuildTarget) {
    if (ids.length === 0) return
    await this.ensureIndex()
    const generation = this.generationOf(target)
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH)
      await queryRows(this.q, sql`delete from search_documents where generation = ${generation} and id = any(${textArray(batch)})`)
      if (!target) await this.bumpVersion({ changed: batch })
    }
  }

  async beginRebuild(): Promise<RebuildTarget> {
    await this.ensureIndex()
    const [row] = await queryRows<{ generation: number }>(
      this.q,
      sql`update search_index_state
          set building_generation = greatest(active_generation, coalesce(building_generation, 0)) + 1, updated_at = clock_timestamp()
          where name = ${INDEX}
          returning building_generation as generation`,
    )
    const generation = Number(row!.generation)
    await queryRows(this.q, sql`delete from search_documents where generation = ${generation}`)
    return { name: String(generation) }
  }

  async commitRebuild(target: RebuildTarget) {
    const generation = Number(target.name)
    // One statement: every search sees either the old generation or the new one.
    await this.bumpVersion({ set: sql`, active_generation = ${generation}, building_generation = null`, condition: sql`and building_generation = ${generation}` })
    await queryRows(this.q, sql`delete from search_documents where generation <> ${generation}`)
  }

  async abortRebuild(target: RebuildTarget) {
    const generation = Number(target.name)
    await queryRows(this.q, sql`update search_index_state set building_generation = null where name = ${INDEX} and building_generation = ${generation}`)
    await queryRows(this.q, sql`delete from search_documents where generation = ${generation}`)
  }
}

function camel(column: string) {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
}
