import { type Corpus, popcount } from '#search/corpus.ts'
import { emptyFacets, FACETS, type Facet, type FacetCounts, type SearchFilters, type SearchSort } from '#search/types.ts'

/** A page: the total, the facet counts and the page's documents as corpus slots. */
/** Matching corpus slots of one rank (the database's rank value; 0 without a text query). */
export type RankGroup = { rank: number; slots: number[] }

function orderGroups(corpus: Corpus, groups: RankGroup[], ranked: boolean): { slots: Int32Array; ranks: Float64Array } {
  const sorted = [...groups].sort((a, b) => b.rank - a.rank)
  const { position } = corpus.order('newest')
  const slots = Int32Array.from(sorted.flatMap((group) => (ranked ? [...group.slots].sort((a, b) => position[a]! - position[b]!) : group.slots)))
  const ranks = Float64Array.from(sorted.flatMap((group) => group.slots.map(() => group.rank)))
  return { slots, ranks }
}

export type MatchPage = { total: number; facets: FacetCounts; slots: number[] }

/** Scratch bitmaps after the six facet filters' (see MatchSet.scratch). */
const RESULT = FACETS.length
const BASE = FACETS.length + 1

/** Facet counts kept per match set (by the filters they were taken under). */
const COUNTS_KEPT = 512

/** Result sets at most this share of the corpus are paged by sorting their own slots, not by walking the corpus order. */
const SMALL_SHARE = 1 / 16

/**
 * The documents matching one text query at one index version: a bitmap over the corpus's slots,
 * and (for a text query) the slots in relevance order as the database ranked them. Any
 * combination of filters, disjunctive facet counts, sort and page is answered from it with
 * word-wide bit operations, without another query.
 */
export class MatchSet {
  readonly size: number
  /** Bit `slot` is set for each matching document (words cover the corpus as it was when the set was made). */
  private readonly members: Uint32Array
  private readonly counts = new Map<string, Partial<FacetCounts>>()
  private readonly buffers: Uint32Array[] = []
  private nonZero: Int32Array | null = null

  constructor(
    private readonly corpus: Corpus,
    /** The matching slots: in relevance order when `ranked`, in any order otherwise. */
    private readonly slots: Int32Array,
    /** Whether a text query ranked the slots; otherwise relevance means newest. */
    private readonly ranked: boolean,
    /** Each slot's rank (aligned with `slots`), kept to merge changed documents in. */
    private readonly ranks: Float64Array = new Float64Array(slots.length),
  ) {
    this.size = slots.length
    this.members = new Uint32Array(Math.ceil(corpus.size / 32))
    for (const slot of slots) this.members[slot >>> 5]! |= 1 << (slot & 31)
  }

  /**
   * A match set from the database's answer: slots in groups of equal rank, best first (or one
   * unranked group). Within a rank, newer documents first, then by id (the corpus's date order).
   */
  static fromRankGroups(corpus: Corpus, groups: RankGroup[], ranked: boolean): MatchSet {
    const { slots, ranks } = orderGroups(corpus, groups, ranked)
    return new MatchSet(corpus, slots, ranked, ranks)
  }

  /**
   * This set after some documents changed: those in `changed` leave it, and `groups` (the changed
   * documents that match now, by rank) join it in their place in relevance order.
   */
  withChanges(changed: ReadonlySet<string>, groups: RankGroup[]): MatchSet {
    // The members that are versions of a changed document leave (found by id, not by a pass over every member).
    const leaving = new Set<number>()
    for (const id of changed) for (const slot of this.corpus.slotsOf(id)) if (this.has(slot)) leaving.add(slot)
    const keptSlots: number[] = []
    const keptRanks: number[] = []
    this.slots.forEach((slot, i) => {
      if (leaving.size && leaving.has(slot)) return
      keptSlots.push(slot)
      keptRanks.push(this.ranks[i]!)
    })
    const added = orderGroups(this.corpus, groups, this.ranked)
    if (!this.ranked) return new MatchSet(this.corpus, Int32Array.from([...keptSlots, ...added.slots]), false)
    // Both lists are in relevance order (rank, then date): merge them.
    const { position } = this.corpus.order('newest')
    const slots = new Int32Array(keptSlots.length + added.slots.length)
    const ranks = new Float64Array(slots.length)
    let i = 0
    let j = 0
    for (let k = 0; k < slots.length; k++) {
      const takeKept =
        j >= added.slots.length || (i < keptSlots.length && (keptRanks[i]! > added.ranks[j]! || (keptRanks[i] === added.ranks[j] && position[keptSlots[i]!]! < position[added.slots[j]!]!)))
      slots[k] = takeKept ? keptSlots[i]! : added.slots[j]!
      ranks[k] = takeKept ? keptRanks[i++]! : added.ranks[j++]!
    }
    return new MatchSet(this.corpus, slots, true, ranks)
  }

  private has(slot: number): boolean {
    return slot < this.members.length * 32 && (this.members[slot >>> 5]! & (1 << (slot & 31))) !== 0
  }

  /** Rough memory use, to bound a cache of match sets. */
  get weight() {
    return this.size
  }

  /**
   * Filters (OR within a facet, AND across facets), disjunctive facet counts (each facet counted
   * over the matches passing every other facet's filter, not its own) and one page of ids.
   */
  evaluate({ filters, sort, page, perPage, facets: wanted }: { filters: SearchFilters; sort: SearchSort; page: number; perPage: number; facets: readonly Facet[] }): MatchPage {
    const offset = (page - 1) * perPage
    const masks = FACETS.map((facet, f) => this.filterMask(facet, filters[facet], this.scratch(f)))
    const keys = FACETS.map((facet, f) => (masks[f] ? [...new Set(filters[facet])].sort().join('\u0001') : ''))
    // The filters a count was taken under (all but `skip`): the key of its cached counts.
    const keyWithout = (skip: number) => keys.map((key, f) => (f === skip ? '' : key)).join('\u0002')
    const result = masks.every((mask) => mask === null) ? this.members : this.intersect(masks, -1, this.scratch(RESULT))
    let total = this.size
    if (result !== this.members) {
      total = 0
      for (let w = 0; w < result.length; w++) if (result[w] !== 0) total += popcount(result[w]!)
    }
    const facets = emptyFacets()
    for (const facet of wanted) {
      const f = FACETS.indexOf(facet)
      // Without a filter of its own, a facet counts over the result; otherwise over the other filters only.
      const counts = masks[f] === null ? this.counted(keyWithout(-1), facet, () => result) : this.counted(keyWithout(f), facet, () => this.intersect(masks, f, this.scratch(BASE)))
      facets[facet] = { ...counts }
    }
    return { total, facets, slots: this.page(result, total, sort, offset, perPage) }
  }

  /**
   * A facet's counts over the matches passing the filters named by `key`, kept: searches that
   * differ in other filters, pages or sorts share them (a count is most of a search's work).
   */
  private counted(key: string, facet: Facet, base: () => Uint32Array): Record<string, number> {
    let entry = this.counts.get(key)
    if (!entry) {
      if (this.counts.size >= COUNTS_KEPT) this.counts.clear()
      this.counts.set(key, (entry = {}))
    }
    return (entry[facet] ??= this.count(base(), [facet])[facet])
  }

  /**
   * Bitmaps reused by every evaluation of this set (evaluate runs start to end without yielding):
   * one per facet filter, the result, a count's base, so a search allocates almost nothing.
   */
  private scratch(index: number): Uint32Array {
    return (this.buffers[index] ??= new Uint32Array(this.members.length))
  }

  /** The slots having any of `values` in `facet` (null without a filter on it), written into `mask`. */
  private filterMask(facet: Facet, values: string[] | undefined, mask: Uint32Array): Uint32Array | null {
    if (!values?.length) return null
    const { values: known, bitmaps } = this.corpus.facet(facet)
    mask.fill(0)
    for (const value of new Set(values)) {
      const code = known.indexOf(value)
      if (code < 0) continue
      const bitmap = bitmaps[code]!
      for (let w = 0; w < mask.length; w++) mask[w]! |= bitmap[w]!
    }
    return mask
  }

  /** Members passing every filter mask except the one at `skip`, written into `out`. */
  private intersect(masks: (Uint32Array | null)[], skip: number, out: Uint32Array): Uint32Array {
    out.set(this.members)
    masks.forEach((mask, f) => {
      if (!mask || f === skip) return
      for (let w = 0; w < out.length; w++) out[w]! &= mask[w]!
    })
    return out
  }

  /** Each facet value's number of documents in `set`. */
  private count(set: Uint32Array, facets: readonly Facet[]): FacetCounts {
    // Only the words with a document in them: sparse results cost little.
    const nonZero = (this.nonZero ??= new Int32Array(this.members.length))
    let used = 0
    for (let w = 0; w < set.length; w++) if (set[w] !== 0) nonZero[used++] = w
    const counts = emptyFacets()
    for (const facet of facets) {
      const { values, bitmaps } = this.corpus.facet(facet)
      for (let code = 0; code < values.length; code++) {
        const bitmap = bitmaps[code]!
        let n = 0
        for (let i = 0; i < used; i++) {
          const w = nonZero[i]!
          const both = set[w]! & bitmap[w]!
          if (both !== 0) n += popcount(both)
        }
        if (n > 0) counts[facet][values[code]!] = n
      }
    }
    return counts
  }

  /** The slots of one page of the documents in `set` (`total` of them), in the order `sort`. */
  private page(set: Uint32Array, total: number, sort: SearchSort, offset: number, perPage: number): number[] {
    if (offset >= total) return []
    const has = (slot: number) => (set[slot >>> 5]! & (1 << (slot & 31))) !== 0
    const end = Math.min(total, offset + perPage)
    const out: number[] = []
    const walk = (order: ArrayLike<number>) => {
      for (let i = 0, seen = 0; i < order.length && seen < end; i++) {
        const slot = order[i]!
        if (slot >= set.length * 32 || !has(slot)) continue
        if (seen++ >= offset) out.push(slot)
      }
      return out
    }
    if (sort === 'relevance' && this.ranked) return walk(this.slots)
    const { order, position } = this.corpus.order(sort === 'name' ? 'name' : 'newest')
    if (total > order.length * SMALL_SHARE) return walk(order)
    // Few documents: sort their own slots by their place in the corpus order.
    const slots: number[] = []
    for (let w = 0; w < set.length; w++) {
      let bits = set[w]!
      while (bits !== 0) {
        const lowest = bits & -bits
        slots.push(w * 32 + 31 - Math.clz32(lowest))
        bits ^= lowest
      }
    }
    slots.sort((a, b) => position[a]! - position[b]!)
    return slots.slice(offset, end)
  }
}
