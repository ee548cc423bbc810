import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { Corpus, type CorpusRow } from '#search/corpus.ts'

/**
 * Document versions kept in memory per generation (about 2 KB each: 55,000 take about 100 MB); a
 * larger index is searched in SQL alone. SEARCH_CORPUS_LIMIT sets another bound (0: SQL alone).
 */
export const CORPUS_LIMIT = Number(process.env.SEARCH_CORPUS_LIMIT ?? 200_000)
/** Rows per statement while a corpus loads. */
export const CORPUS_PAGE = 10_000
/** A generation's corpus (null when the generation holds more documents than the corpus limit). */
type CorpusEntry = { generation: number; ready: Promise<Corpus | null> }

/** The generation's corpus, kept in memory while the index is small enough (see CORPUS_LIMIT). */
export class CorpusCache {
  private corpus: CorpusEntry | null = null

  constructor(
    private readonly conn: () => Queryable,
    private readonly corpusLimit: number,
  ) {}

  private get q() {
    return this.conn()
  }

  /** Drops the generation's corpus (a later search loads it again). */
  forget(generation: number) {
    if (this.corpus?.generation === generation) this.corpus = null
  }

  /**
   * The generation's corpus: every document's facet values and sort keys, loaded once (in pages by
   * doc_no) and then extended with the versions that later match sets bring. Replaced when the
   * generation changes, or when superseded versions outnumber the current ones.
   */
  corpusOf(generation: number): Promise<Corpus | null> {
    if (this.corpus?.generation === generation) return this.corpus.ready
    const entry: CorpusEntry = { generation, ready: this.loadCorpus(generation) }
    this.corpus = entry
    entry.ready.then(
      (corpus) => {
        if (corpus === null && this.corpus === entry) setTimeout(() => this.corpus === entry && (this.corpus = null), 60_000).unref?.()
      },
      () => this.corpus === entry && (this.corpus = null),
    )
    return entry.ready
  }

  private async loadCorpus(generation: number): Promise<Corpus | null> {
    const corpus = new Corpus()
    for (let after = 0; ;) {
      const rows = await this.corpusRows(sql`generation = ${generation} and doc_no > ${after} order by doc_no limit ${CORPUS_PAGE}`)
      corpus.add(rows)
      if (corpus.size > this.corpusLimit) return null
      if (rows.length < CORPUS_PAGE) {
        // Sorting every document by name takes tens of milliseconds: done here, not in a search.
        corpus.order('name')
        corpus.order('newest')
        return corpus
      }
      after = rows[rows.length - 1]!.docNo
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  /**
   * Corpus rows as one JSON text of arrays, parsed once: several times faster than the driver
   * decoding thousands of rows with array columns. published_at goes as whole microseconds, an
   * integer (printing it as float8 took about a third of the database's time on the rows).
   */
  async corpusRows(where: SQL): Promise<CorpusRow[]> {
    const [result] = await queryRows<{ rows: string | null }>(
      this.q,
      sql`select json_agg(json_build_array(doc_no, id, kind, entity_id, slug, title, summary, org_id, org_name, url, type, tier, regions, industries, categories, published_us, sort_name))::text as rows
          from (select doc_no, id, kind, entity_id, slug, title, summary, org_id, org_name, url, type, tier, regions, industries, categories, sort_name,
                       coalesce((extract(epoch from published_at) * 1000000)::bigint, 0) as published_us
                from search_documents where ${where}) d`,
    )
    type Packed = [number, string, string, string, string, string, string, string, string, string, string | null, string | null, string[], string[], string[], number, string]
    return (result?.rows ? (JSON.parse(result.rows) as Packed[]) : []).map(
      ([docNo, id, kind, entityId, slug, title, summary, orgId, orgName, url, type, tier, regions, industries, categories, publishedAt, sortName]) => ({
        docNo: Number(docNo),
        id,
        kind,
        entityId,
        slug,
        title,
        summary,
        orgId,
        orgName,
        url,
        type,
        tier,
        regions,
        industries,
        categories,
        publishedAt,
        sortName,
      }),
    )
  }
}
