import { FACETS, type Facet } from '#search/types.ts'

/** One version of one indexed document: what filters, facet counts, sorts and result rows need of it. */
export type CorpusRow = {
  /** The row version's number (search_documents.doc_no): a changed document comes back under a new one. */
  docNo: number
  id: string
  kind: string
  entityId: string
  slug: string
  title: string
  summary: string
  orgId: string
  orgName: string
  url: string
  type: string | null
  tier: string | null
  regions: string[]
  industries: string[]
  categories: string[]
  /** published_at in microseconds since the epoch (exact in a double until the year 2255). */
  publishedAt: number
  sortName: string
}

const FIELD: Record<Facet, (r: CorpusRow) => (string | null)[]> = {
  kind: (r) => [r.kind],
  type: (r) => [r.type],
  tier: (r) => [r.tier],
  region: (r) => r.regions,
  industry: (r) => r.industries,
  category: (r) => r.categories,
}

/** Code-unit order, the same as PostgreSQL's `collate "C"` for text without astral characters. */
export const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The orders a page can follow without a text rank: newest first, and by name. */
export type CorpusOrder = 'newest' | 'name'

/**
 * Every document version the engine has seen in one index generation, each in a slot, with one
 * bitmap per facet value over the slots: a filter is an OR of bitmaps, a facet count a popcount.
 * Slots are only added: a changed document gets a new slot (its new `docNo`) and its old slot is
 * never matched again, because match sets come from the database at the current index version.
 */
export class Corpus {
  size = 0
  /** Slots holding a version of a document that a later slot holds too. */
  superseded = 0
  /** Every slot of each document id (its versions, oldest first). */
  private readonly versions = new Map<string, number[]>()
  private readonly slotOf = new Map<number, number>()
  private readonly rows: CorpusRow[] = []
  /** Bitmap words allocated per value (room for `capacity * 32` slots). */
  private capacity = 32
  private readonly values = Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Record<Facet, string[]>
  private readonly codes = Object.fromEntries(FACETS.map((f) => [f, new Map()])) as unknown as Record<Facet, Map<string, number>>
  private readonly bitmaps = Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Record<Facet, Uint32Array[]>
  private readonly orders = new Map<CorpusOrder, { order: Int32Array; position: Int32Array }>()

  /** The slot of a document version, if this corpus has it. */
  slot(docNo: number): number | undefined {
    return this.slotOf.get(docNo)
  }

  /** The slots holding any version of the document `id`. */
  slotsOf(id: string): readonly number[] {
    return this.versions.get(id) ?? []
  }

  id(slot: number): string {
    return this.rows[slot]!.id
  }

  row(slot: number): CorpusRow {
    return this.rows[slot]!
  }

  /** Facet value lists shared by the documents that have the same list (most do): a third less memory. */
  private readonly lists = new Map<string, string[]>()
  private shared(list: string[]): string[] {
    const key = list.join('\u0000')
    let kept = this.lists.get(key)
    if (!kept) this.lists.set(key, (kept = list))
    return kept
  }

  /** Adds document versions (those already present are skipped). */
  add(rows: CorpusRow[]) {
    const added = rows.filter((r) => !this.slotOf.has(r.docNo)).map((r) => ({ ...r, regions: this.shared(r.regions), industries: this.shared(r.industries), categories: this.shared(r.categories) }))
    if (added.length === 0) return
    const size = this.size + added.length
    if (size > this.capacity * 32) this.grow(size)
    for (const row of added) {
      const slot = this.size++
      this.slotOf.set(row.docNo, slot)
      const versions = this.versions.get(row.id)
      if (versions) {
        this.superseded++
        versions.push(slot)
      } else this.versions.set(row.id, [slot])
      this.rows.push(row)
      for (const facet of FACETS) {
        for (const value of FIELD[facet](row)) {
          if (value === null) continue
          this.bitmap(facet, value)[slot >>> 5]! |= 1 << (slot & 31)
        }
      }
    }
  }

  private bitmap(facet: Facet, value: string): Uint32Array {
    let code = this.codes[facet].get(value)
    if (code === undefined) {
      code = this.values[facet].length
      this.codes[facet].set(value, code)
      this.values[facet].push(value)
      this.bitmaps[facet].push(new Uint32Array(this.capacity))
    }
    return this.bitmaps[facet][code]!
  }

  private grow(size: number) {
    this.capacity = Math.max(Math.ceil(size / 32), this.capacity * 2)
    for (const facet of FACETS) {
      this.bitmaps[facet] = this.bitmaps[facet].map((old) => {
        const larger = new Uint32Array(this.capacity)
        larger.set(old)
        return larger
      })
    }
  }

  /** A facet's values (by code) and their bitmaps. */
  facet(facet: Facet): { values: readonly string[]; bitmaps: readonly Uint32Array[] } {
    return { values: this.values[facet], bitmaps: this.bitmaps[facet] }
  }

  /** Whether `a` comes before `b` by published_at desc, then id (the SQL engine's tie-break). */
  private newer = (a: number, b: number) => this.rows[b]!.publishedAt - this.rows[a]!.publishedAt || byCode(this.rows[a]!.id, this.rows[b]!.id)

  private byName = (a: number, b: number) => byCode(this.rows[a]!.sortName, this.rows[b]!.sortName) || byCode(this.rows[a]!.id, this.rows[b]!.id)

  /**
   * Every slot in an order, and each slot's position in it. Kept; slots added later are sorted on
   * their own and merged in, so a few new documents do not cost a full sort.
   */
  order(sort: CorpusOrder): { order: Int32Array; position: Int32Array } {
    const kept = this.orders.get(sort)
    if (kept && kept.order.length === this.size) return kept
    const compare = sort === 'newest' ? this.newer : this.byName
    const from = kept?.order.length ?? 0
    const added = Int32Array.from({ length: this.size - from }, (_, i) => from + i).sort(compare)
    const order = kept ? merge(kept.order, added, compare) : added
    const position = new Int32Array(this.size)
    for (let i = 0; i < order.length; i++) position[order[i]!] = i
    const next = { order, position }
    this.orders.set(sort, next)
    return next
  }
}

/**
 * `a` and `b` (each sorted) as one sorted list; `a` first among equals. Each element of `b` finds
 * its place in `a` by binary search and the runs of `a` between are copied whole, so a few new
 * documents cost a copy of the order, not a comparison per document.
 */
function merge(a: Int32Array, b: Int32Array, compare: (x: number, y: number) => number): Int32Array {
  const out = new Int32Array(a.length + b.length)
  let from = 0
  let k = 0
  for (let j = 0; j < b.length; j++) {
    const item = b[j]!
    let lo = from
    let hi = a.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(a[mid]!, item) <= 0) lo = mid + 1
      else hi = mid
    }
    out.set(a.subarray(from, lo), k)
    k += lo - from
    from = lo
    out[k++] = item
  }
  out.set(a.subarray(from), k)
  return out
}

/** Number of set bits in a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}
