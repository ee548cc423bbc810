import { emptyFacets, FACETS, type Facet, type FacetCounts, type SearchFilters, type SearchSort } from './types.ts'

/** One document matching a text query: its facet values and its place in each sort order. */
export type MatchRow = {
  id: string
  kind: string
  type: string | null
  tier: string | null
  regions: string[]
  industries: string[]
  categories: string[]
  /** Relevance (higher first); 0 without a text query. */
  rank: number
  /** published_at in microseconds since the epoch (exact in a double until the year 2255). */
  publishedAt: number
  sortName: string
}

/** Code-unit order, the same as PostgreSQL's `collate "C"` for text without astral characters. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Pages ending beyond this many documents read a full sort order (kept per sort); earlier pages a bounded selection. */
const TOP_K_LIMIT = 500

const FIELD: Record<Facet, (r: MatchRow) => (string | null)[]> = {
  kind: (r) => [r.kind],
  type: (r) => [r.type],
  tier: (r) => [r.tier],
  region: (r) => r.regions,
  industry: (r) => r.industries,
  category: (r) => r.categories,
}

/**
 * A facet's values per document as a bit set: value `k` is bit `k % 32` of word `k / 32` of the
 * document's `words` words (facets have few values: enums and the vendor's category taxonomy).
 */
type FacetColumn = { values: string[]; words: number; masks: Uint32Array }

export type MatchPage = { total: number; facets: FacetCounts; ids: string[] }

/**
 * Every document matching one text query (at one index version), kept compactly so that any
 * combination of filters, facets, sort and page is answered from it without another scan:
 * the database finds and ranks the matches once per text; filters and disjunctive facet counts
 * are then one pass over coded values.
 */
export class MatchSet {
  readonly size: number
  /** Ids and sort names, each concatenated (one string instead of one per document keeps the heap small). */
  private readonly ids: PackedStrings
  private readonly sortNames: PackedStrings
  private readonly columns: Record<Facet, FacetColumn>
  private readonly rank: Float64Array
  private readonly publishedAt: Float64Array
  /** Each document's position by name (sort_name, id), computed on the first sort by name. */
  private namePosition: Int32Array | null = null
  private readonly orders = new Map<SearchSort, Int32Array>()
  private unfilteredCounts: FacetCounts | null = null
  private noFailures: Uint8Array | null = null

  constructor(
    rows: MatchRow[],
    /** Whether a text query ranked the rows (relevance order); otherwise relevance means newest. */
    private readonly ranked: boolean,
    columns?: Record<Facet, FacetColumn>,
  ) {
    this.size = rows.length
    this.ids = pack(rows, (r) => r.id)
    this.sortNames = pack(rows, (r) => r.sortName)
    this.rank = Float64Array.from(rows, (r) => r.rank)
    this.publishedAt = Float64Array.from(rows, (r) => r.publishedAt)
    this.columns = columns ?? (Object.fromEntries(FACETS.map((facet) => [facet, codeColumn(rows, FIELD[facet])])) as Record<Facet, FacetColumn>)
  }

  /**
   * The same, built in steps that give the event loop back in between: a large match set takes
   * tens of milliseconds to build, and searches answered from other match sets should not wait.
   */
  static async build(rows: MatchRow[], ranked: boolean): Promise<MatchSet> {
    const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))
    const columns = {} as Record<Facet, FacetColumn>
    for (const facet of FACETS) {
      await breathe()
      columns[facet] = codeColumn(rows, FIELD[facet])
    }
    await breathe()
    return new MatchSet(rows, ranked, columns)
  }

  private id(doc: number) {
    return unpack(this.ids, doc)
  }

  /** Rough memory use, to bound a cache of match sets. */
  get weight() {
    return this.size
  }

  /** The orders of the SQL engine: name (sort_name, id), newest (published_at desc, id), relevance (rank desc, then newest). */
  private comparator(sort: SearchSort): (a: number, b: number) => number {
    const { rank, publishedAt } = this
    // Ids only decide between documents published in the same microsecond.
    const newest = (a: number, b: number) => publishedAt[b]! - publishedAt[a]! || byCode(this.id(a), this.id(b))
    if (sort === 'name') {
      if (!this.namePosition) {
        const names = Array.from({ length: this.size }, (_, doc) => unpack(this.sortNames, doc))
        const order = Array.from(names.keys()).sort((a, b) => byCode(names[a]!, names[b]!) || byCode(this.id(a), this.id(b)))
        this.namePosition = new Int32Array(this.size)
        order.forEach((doc, i) => (this.namePosition![doc] = i))
      }
      const namePosition = this.namePosition
      return (a, b) => namePosition[a]! - namePosition[b]!
    }
    if (sort === 'newest' || !this.ranked) return newest
    return (a, b) => rank[b]! - rank[a]! || newest(a, b)
  }

  private order(sort: SearchSort): Int32Array {
    const key: SearchSort = sort === 'relevance' && !this.ranked ? 'newest' : sort
    let order = this.orders.get(key)
    if (!order) {
      order = Int32Array.from({ length: this.size }, (_, i) => i).sort(this.comparator(key))
      this.orders.set(key, order)
    }
    return order
  }

  /**
   * Filters (OR within a facet, AND across facets), disjunctive facet counts (each facet counted
   * without its own filter) and one page of ids: a document failing no filter counts everywhere,
   * a document failing exactly one facet's filter counts for that facet only.
   */
  evaluate({ filters, sort, page, perPage, facets: wanted }: { filters: SearchFilters; sort: SearchSort; page: number; perPage: number; facets: readonly Facet[] }): MatchPage {
    const offset = (page - 1) * perPage
    if (!FACETS.some((facet) => filters[facet]?.length)) {
      // No filter: counts are the text's own, and a page is a slice of the sort order (both kept).
      const all = this.unfiltered()
      const facets = emptyFacets()
      for (const facet of wanted) facets[facet] = { ...all[facet] }
      const ids = this.page((this.noFailures ??= new Uint8Array(this.size)), sort, offset, perPage)
      return { total: this.size, facets, ids }
    }
    const columns = FACETS.map((facet) => this.columns[facet])
    const allowed = FACETS.map((facet, f) => {
      const values = filters[facet]
      if (!values?.length) return null
      const column = columns[f]!
      const mask = new Uint32Array(column.words)
      for (const value of values) {
        const code = column.values.indexOf(value)
        if (code >= 0) mask[code >>> 5]! |= 1 << (code & 31)
      }
      return mask
    })
    // Column by column: how many facet filters each document fails, and which (the last one).
    const failures = new Uint8Array(this.size)
    const failedFacet = new Int8Array(this.size)
    FACETS.forEach((_facet, f) => {
      const allow = allowed[f]
      if (!allow) return
      const { words, masks } = columns[f]!
      if (words === 1) {
        const only = allow[0]!
        for (let doc = 0; doc < this.size; doc++) {
          if ((masks[doc]! & only) === 0) {
            failures[doc]!++
            failedFacet[doc] = f
          }
        }
        return
      }
      for (let doc = 0; doc < this.size; doc++) {
        let hit = false
        for (let w = 0, base = doc * words; w < words && !hit; w++) hit = (masks[base + w]! & allow[w]!) !== 0
        if (!hit) {
          failures[doc]!++
          failedFacet[doc] = f
        }
      }
    })
    // The documents failing no filter, then those failing exactly one (grouped by that facet).
    const passing = new Int32Array(this.size)
    let total = 0
    const oneFailure = FACETS.map(() => 0)
    for (let doc = 0; doc < this.size; doc++) {
      if (failures[doc] === 0) passing[total++] = doc
      else if (failures[doc] === 1) oneFailure[failedFacet[doc]!]!++
    }
    const starts = oneFailure.map((_, f) => oneFailure.slice(0, f).reduce((a, b) => a + b, 0))
    const failingOne = new Int32Array(oneFailure.reduce((a, b) => a + b, 0))
    const filled = [...starts]
    for (let doc = 0; doc < this.size; doc++) if (failures[doc] === 1) failingOne[filled[failedFacet[doc]!]!++] = doc
    // A facet counts the documents failing no filter, and those failing only its own.
    const counts = FACETS.map((facet, f) => {
      if (!wanted.includes(facet)) return null
      const column = columns[f]!
      const n = new Uint32Array(column.values.length)
      countValues(n, column, passing, 0, total)
      countValues(n, column, failingOne, starts[f]!, starts[f]! + oneFailure[f]!)
      return n
    })
    const facets = emptyFacets()
    FACETS.forEach((facet, f) => {
      const n = counts[f]
      if (n) for (let code = 0; code < n.length; code++) if (n[code]! > 0) facets[facet][columns[f]!.values[code]!] = n[code]!
    })
    const ids = offset < total ? this.page(failures, sort, offset, perPage) : []
    return { total, facets, ids }
  }

  /** Facet counts and total without any filter (the same for every page and sort of this text). */
  private unfiltered(): FacetCounts {
    if (!this.unfilteredCounts) {
      const all = Int32Array.from({ length: this.size }, (_, i) => i)
      this.unfilteredCounts = emptyFacets()
      for (const facet of FACETS) {
        const column = this.columns[facet]
        const n = new Uint32Array(column.values.length)
        countValues(n, column, all, 0, this.size)
        n.forEach((count, code) => {
          if (count > 0) this.unfilteredCounts![facet][column.values[code]!] = count
        })
      }
    }
    return this.unfilteredCounts
  }

  /** The ids of one page among the passing documents: a bounded selection for early pages, a cached full order for deep ones. */
  private page(failures: Uint8Array, sort: SearchSort, offset: number, perPage: number): string[] {
    const wanted = offset + perPage
    const key: SearchSort = sort === 'relevance' && !this.ranked ? 'newest' : sort
    if (wanted > TOP_K_LIMIT || this.orders.has(key)) {
      const out: string[] = []
      let seen = 0
      for (const doc of this.order(sort)) {
        if (failures[doc] !== 0) continue
        if (seen++ < offset) continue
        out.push(this.id(doc))
        if (out.length === perPage) break
      }
      return out
    }
    const compare = this.comparator(sort)
    // The best `wanted` documents so far, best first; a document only enters if it beats the last.
    const best: number[] = []
    for (let doc = 0; doc < this.size; doc++) {
      if (failures[doc] !== 0) continue
      if (best.length === wanted && compare(doc, best[wanted - 1]!) >= 0) continue
      let lo = 0
      let hi = best.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (compare(best[mid]!, doc) <= 0) lo = mid + 1
        else hi = mid
      }
      best.splice(lo, 0, doc)
      if (best.length > wanted) best.pop()
    }
    return best.slice(offset).map((doc) => this.id(doc))
  }
}

/** Adds the facet values of documents `list[from..to)` to `counts` (by value code). */
function countValues(counts: Uint32Array, { words, masks }: FacetColumn, list: Int32Array, from: number, to: number) {
  for (let i = from; i < to; i++) {
    for (let w = 0, base = list[i]! * words; w < words; w++) {
      let bits = masks[base + w]!
      while (bits !== 0) {
        const lowest = bits & -bits
        counts[w * 32 + 31 - Math.clz32(lowest)]!++
        bits ^= lowest
      }
    }
  }
}

type PackedStrings = { text: string; ends: Uint32Array }

function pack(rows: MatchRow[], field: (r: MatchRow) => string): PackedStrings {
  const ends = new Uint32Array(rows.length)
  let end = 0
  rows.forEach((row, i) => (ends[i] = end += field(row).length))
  return { text: rows.map(field).join(''), ends }
}

function unpack({ text, ends }: PackedStrings, i: number) {
  return text.slice(i === 0 ? 0 : ends[i - 1], ends[i])
}

function codeColumn(rows: MatchRow[], field: (r: MatchRow) => (string | null)[]): FacetColumn {
  const codeOf = new Map<string, number>()
  const values: string[] = []
  for (const row of rows) {
    for (const value of field(row)) {
      if (value !== null && !codeOf.has(value)) {
        codeOf.set(value, values.length)
        values.push(value)
      }
    }
  }
  const words = Math.max(1, Math.ceil(values.length / 32))
  const masks = new Uint32Array(rows.length * words)
  for (let doc = 0; doc < rows.length; doc++) {
    // A value listed twice on one document sets one bit: it counts once.
    for (const value of field(rows[doc]!)) {
      if (value === null) continue
      const code = codeOf.get(value)!
      masks[doc * words + (code >>> 5)]! |= 1 << (code & 31)
    }
  }
  return { values, words, masks }
}
