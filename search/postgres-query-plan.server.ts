import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { parsePgArray } from '#search/postgres-common.ts'
import { expandQuery, typoDistance, type QueryTerm } from '#search/synonyms.ts'

export const MAX_TERMS = 12

/**
 * Builds the tsquery text for a query: terms joined by AND; each term is its word, its typo
 * corrections and its synonyms joined by OR; the last word matches as a prefix (search as you type).
 * Only [a-z0-9] reaches the tsquery, so user input can never break its syntax.
 */
export type Corrections = Map<string, { word: string; typos: number }[]>

export function buildTsQuery(terms: QueryTerm[], corrections: Corrections, { prefixLast, maxTypos }: { prefixLast: boolean; maxTypos: number }) {
  return terms
    .map((term, index) => {
      const last = index === terms.length - 1
      const options = term.alternatives.map((phrase) => {
        if (phrase.length > 1) return `(${phrase.join(' <-> ')})`
        const word = phrase[0]!
        return last && prefixLast && !term.synonym ? `${word}:*` : word
      })
      if (!term.synonym) options.push(...(corrections.get(term.words[0]!) ?? []).filter((c) => c.typos <= maxTypos).map((c) => c.word))
      return `(${[...new Set(options)].join(' | ')})`
    })
    .join(' & ')
}

/** Turns the text of a query into tsquery text: terms, synonyms, and typo corrections read from `search_words`. */
export class QueryPlanner {
  constructor(private readonly conn: () => Queryable) {}

  private get q() {
    return this.conn()
  }

  /**
   * Typo tolerance: indexed words close to each query word (pg_trgm finds candidates through its
   * GIN index, then the edit distance keeps those within Meilisearch's typo budget).
   */
  async corrections(terms: QueryTerm[], prefixLast: boolean): Promise<Corrections> {
    const inputs = terms
      .map((t, i) => ({ word: t.words[0]!, prefix: prefixLast && i === terms.length - 1, synonym: t.synonym }))
      .filter((t) => !t.synonym && t.word.length >= 5 && !/^\d+$/.test(t.word))
    if (inputs.length === 0) return new Map()
    const rows = await queryRows<{ input: string; near: string[] | string }>(
      this.q,
      sql`select w.input,
                 array(select s.word from search_words s
                       where s.word % w.input and s.word <> w.input
                       order by s.word <-> w.input, s.word limit 12) as near
          from (values ${sql.join(
            inputs.map((i) => sql`(${i.word}::text)`),
            sql`, `,
          )}) as w(input)`,
    )
    const out: Corrections = new Map()
    for (const row of rows) {
      const input = inputs.find((i) => i.word === row.input)!
      const near = typeof row.near === 'string' ? parsePgArray(row.near) : row.near
      const within = near
        .map((word) => ({ word, typos: typoDistance(row.input, word, input.prefix) }))
        .filter((c): c is { word: string; typos: number } => c.typos !== null)
        .sort((a, b) => a.typos - b.typos)
      out.set(row.input, within.slice(0, 6))
    }
    return out
  }

  /** The text of a query as a tsquery (typo corrections and synonyms included), or null without text. */
  async textQuery(q: string | undefined) {
    const terms = expandQuery((q ?? '').trim()).slice(0, MAX_TERMS)
    if (terms.length === 0) return null
    const prefixLast = !/\s$/.test(q ?? '')
    const corrections = await this.corrections(terms, prefixLast)
    return (maxTypos: number) => buildTsQuery(terms, corrections, { prefixLast, maxTypos })
  }
}
