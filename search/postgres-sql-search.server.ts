import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import type { CorpusRow } from '#search/corpus.ts'
import { activeGeneration, arr, hitDocument, textArray } from '#search/postgres-common.ts'
import { buildTsQuery, MAX_TERMS, type Corrections, type QueryPlanner } from '#search/postgres-query-plan.server.ts'
import { expandQuery } from '#search/synonyms.ts'
import { emptyFacets, FACETS, MARK_END, MARK_START, toHighlightParts, type Facet, type FacetCounts, type SearchHit, type SearchQuery, type SearchResult } from '#search/types.ts'

/** Column of each facet, and whether it holds an array. */
const FACET_COLUMNS: Record<Facet, { column: string; array: boolean }> = {
  kind: { column: 'kind', array: false },
  type: { column: 'type', array: false },
  tier: { column: 'tier', array: false },
  region: { column: 'regions', array: true },
  industry: { column: 'industries', array: true },
  category: { column: 'categories', array: true },
}

/** A hit read in SQL: the corpus row's fields (arrays possibly as text) with ts_headline's marked title and summary. */
type Row = Omit<CorpusRow, 'docNo' | 'sortName' | 'regions' | 'industries' | 'categories'> & {
  regions: string[] | string
  industries: string[] | string
  categories: string[] | string
  titleHl: string | null
  summaryHl: string | null
}

/** The SQL path: one search answered by PostgreSQL alone (hits with ts_headline, disjunctive facet counts). */
export class SqlSearch {
  constructor(
    private readonly conn: () => Queryable,
    private readonly planner: QueryPlanner,
  ) {}

  private get q() {
    return this.conn()
  }

  async searchIndex(query: SearchQuery): Promise<SearchResult> {
    const page = Math.max(1, query.page ?? 1)
    const perPage = Math.min(100, Math.max(1, query.perPage ?? 20))
    const facetsWanted = query.facets ?? FACETS
    const filters = query.filters ?? {}
    const rawQ = (query.q ?? '').trim()
    const terms = expandQuery(rawQ).slice(0, MAX_TERMS)
    const prefixLast = terms.length > 0 && !/\s$/.test(query.q ?? '')
    const corrections: Corrections = terms.length > 0 ? await this.planner.corrections(terms, prefixLast) : new Map()
    const tsq = (maxTypos: number) => sql`to_tsquery('simple', ${buildTsQuery(terms, corrections, { prefixLast, maxTypos })})`
    const query_ = terms.length > 0 ? tsq(2) : null

    const filterSql = (facet: Facet): SQL | null => {
      const values = filters[facet]
      if (!values || values.length === 0) return null
      const { column, array } = FACET_COLUMNS[facet]
      return array ? sql`${sql.identifier(column)} && ${textArray(values)}` : sql`${sql.identifier(column)} = any(${textArray(values)})`
    }
    const textMatch = query_ ? sql`and tsv @@ ${query_}` : sql``
    const allFilters = FACETS.map(filterSql).filter((f): f is SQL => f !== null)
    const orgScope = query.orgIds ? sql`and org_id = any(${textArray(query.orgIds)})` : sql``
    const where = sql`generation = ${activeGeneration} ${textMatch} ${orgScope} ${allFilters.length ? sql`and ${sql.join(allFilters, sql` and `)}` : sql``}`

    const weights = sql`'{0.1, 0.2, 0.4, 1.0}'::float4[]`
    // Fewer typos rank higher (as in Meilisearch): exact words count three times, one-typo words twice.
    const rank = query_ ? sql`(ts_rank(${weights}, tsv, ${query_}) + ts_rank(${weights}, tsv, ${tsq(1)}) + ts_rank(${weights}, tsv, ${tsq(0)}))` : sql`0`
    // Code-point order ("C"), the same in every database and in the match sets (match-set.ts).
    const order =
      query.sort === 'name'
        ? sql`sort_name collate "C" asc, id collate "C" asc`
        : query.sort === 'newest' || !query_
          ? sql`published_at desc, id collate "C" asc`
          : sql`rank desc, published_at desc, id collate "C" asc`
    const offset = (page - 1) * perPage
    const hl = (column: string) => (query_ ? sql`ts_headline('simple', ${sql.identifier(column)}, ${query_}, ${`HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`})` : sql`null`)

    const hitsPromise = queryRows<Row>(
      this.q,
      sql`select id, kind, entity_id as "entityId", slug, title, summary, org_id as "orgId", org_name as "orgName", type, tier, regions, industries,
                 categories, url, coalesce((extract(epoch from published_at) * 1000000)::bigint, 0)::float8 as "publishedAt",
                 ${hl('title')} as "titleHl", ${hl('summary')} as "summaryHl"
          from (select id, kind, entity_id, slug, title, summary, org_id, org_name, type, tier, regions, industries, categories, url,
                       published_at, sort_name, ${rank} as rank
                from search_documents where ${where}
                order by ${order} limit ${perPage} offset ${offset}) d
          order by ${order}`,
    )

    // Disjunctive facets: each facet is counted over the documents matching the text and every
    // other facet's filter, but not its own (OR within a facet, AND across facets).
    const flag = (facet: Facet) => filterSql(facet) ?? sql`true`
    const others = (facet: Facet | null) =>
      sql.join(
        FACETS.filter((f) => f !== facet).map((f) => sql.raw(`f_${f}`)),
        sql` and `,
      )
    const facetSelects = facetsWanted.map((facet) => {
      const { column, array } = FACET_COLUMNS[facet]
      const value = array ? sql`v` : sql.identifier(column)
      const from = array ? sql`m cross join lateral unnest(m.${sql.identifier(column)}) as v` : sql`m`
      return sql`select ${facet}::text as facet, ${value}::text as value, count(*)::int as n from ${from}
                 where ${others(facet)} and ${value} is not null group by 2`
    })
    const facetsPromise = queryRows<{ facet: string; value: string | null; n: number }>(
      this.q,
      sql`with m as materialized (
            select kind, type, tier, regions, industries, categories,
                   ${sql.join(
                     FACETS.map((f) => sql`${flag(f)} as ${sql.raw(`f_${f}`)}`),
                     sql`, `,
                   )}
            from search_documents where generation = ${activeGeneration} ${textMatch} ${orgScope}
          )
          select '_total'::text as facet, null::text as value, count(*)::int as n from m where ${others(null)}
          ${facetSelects.length ? sql`union all ${sql.join(facetSelects, sql` union all `)}` : sql``}`,
    )

    const [rows, facetRows] = await Promise.all([hitsPromise, facetsPromise])
    const facets: FacetCounts = emptyFacets()
    let total = 0
    for (const row of facetRows) {
      if (row.facet === '_total') total = Number(row.n)
      else if (row.value !== null) facets[row.facet as Facet][row.value] = Number(row.n)
    }
    // Values someone filtered on stay visible with a zero count, so their chip can be cleared.
    for (const facet of facetsWanted) for (const value of filters[facet] ?? []) facets[facet][value] ??= 0

    const hits: SearchHit[] = rows.map(toHit)
    return { total, page, perPage, hits, facets }
  }
}

/** A result row read in SQL, highlighted by ts_headline. */
function toHit(r: Row): SearchHit {
  const document = hitDocument({ ...r, regions: arr(r.regions), industries: arr(r.industries), categories: arr(r.categories) })
  return { document, highlight: { title: toHighlightParts(r.titleHl ?? r.title), summary: toHighlightParts(r.summaryHl ?? r.summary) } }
}
