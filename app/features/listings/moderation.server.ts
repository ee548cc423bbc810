import { diffArrays, diffWords } from 'diff'
import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import type { ListingFlags } from '#db/schema/listings.ts'
import { markdownToText } from '#app/features/listings/markdown.server.ts'

const STOP_WORDS = new Set(
  'the and for with your our you are from that this into over all can will their they them its has have who what when where how more most best than then also such any each very just not but use using used via per out off get one two new'.split(
    ' ',
  ),
)

export const LONG_TITLE_CHARS = 60

function words(text: string) {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []).filter((w) => w.length >= 3 && !STOP_WORDS.has(w))
}

/**
 * Likely keyword stuffing: a term repeated in the title, or one term making up a large share
 * of the text; and over-long titles or titles that are lists of keywords.
 */
export function keywordStuffing(v: { title: string; summary: string; body: string }): ListingFlags['keywordStuffing'] | undefined {
  const titleWords = words(v.title)
  const titleCounts = new Map<string, number>()
  for (const w of titleWords) titleCounts.set(w, (titleCounts.get(w) ?? 0) + 1)
  const all = [...titleWords, ...words(v.summary), ...words(markdownToText(v.body))]
  const counts = new Map<string, number>()
  for (const w of all) counts.set(w, (counts.get(w) ?? 0) + 1)
  const terms: { term: string; count: number }[] = []
  for (const [term, count] of counts) {
    const inTitle = titleCounts.get(term) ?? 0
    const density = count / Math.max(all.length, 1)
    if (inTitle >= 2 || (count >= 6 && density >= 0.05)) terms.push({ term, count })
  }
  terms.sort((a, b) => b.count - a.count)
  const separators = (v.title.match(/[,|/•·;]/g) ?? []).length
  const longTitle = v.title.length > LONG_TITLE_CHARS || separators >= 3
  if (terms.length === 0 && !longTitle) return undefined
  return { terms: terms.slice(0, 8), longTitle }
}

export const NEAR_DUPLICATE_THRESHOLD = 0.55

/** Published listings of OTHER orgs whose text is nearly the same (pg_trgm similarity). */
export async function nearDuplicates(q: Queryable, v: { listingId: string; orgId: string; summary: string; body: string }): Promise<NonNullable<ListingFlags['nearDuplicates']>> {
  // Candidates come from the trigram indexes (`%`: similarity above pg_trgm's 0.3 threshold) on
  // the summary and on the opening 500 characters of the description; the closest are scored.
  const head = v.body.slice(0, 500)
  const useBody = head.trim().length >= 80
  const rows = await queryRows<{ listing_id: string; slug: string; title: string; org_name: string; similarity: number }>(
    q,
    sql`select * from (
          select l.id as listing_id, l.slug, pv.title, o.name as org_name,
                 greatest(similarity(pv.summary, ${v.summary}),
                          case when ${useBody} then similarity(left(pv.body, 500), ${head}) else 0 end) as similarity
          from listing_versions pv
          join listings l on l.published_version_id = pv.id
          join organizations o on o.id = l.org_id
          where (pv.summary % ${v.summary} or (${useBody} and left(pv.body, 500) % ${head}))
            and l.status = 'published' and l.org_id <> ${v.orgId} and l.id <> ${v.listingId}
        ) c
        where c.similarity >= ${NEAR_DUPLICATE_THRESHOLD}
        order by c.similarity desc
        limit 5`,
  )
  return rows.map((r) => ({ listingId: r.listing_id, slug: r.slug, title: r.title, orgName: r.org_name, similarity: Math.round(Number(r.similarity) * 100) / 100 }))
}

export async function computeFlags(q: Queryable, v: { listingId: string; orgId: string; title: string; summary: string; body: string }): Promise<ListingFlags> {
  const flags: ListingFlags = {}
  const stuffing = keywordStuffing(v)
  if (stuffing) flags.keywordStuffing = stuffing
  const dups = await nearDuplicates(q, v)
  if (dups.length) flags.nearDuplicates = dups
  return flags
}

export type TextDiffPart = { value: string; added?: boolean; removed?: boolean }
export type FieldChange = { field: string; label: string; before: string; after: string; parts?: TextDiffPart[] }

type Comparable = {
  title: string
  summary: string
  body: string
  categories: string[]
  industries: string[]
  regions: string[]
  pricing: string
  counterpart: string
  logoKey: string | null
  screenshots: string[]
}

/**
 * Field-level diff of a version against the last published one; text fields carry a word diff.
 * With no published version every field counts as new.
 */
export function diffVersions(before: Comparable | null, after: Comparable): FieldChange[] {
  const changes: FieldChange[] = []
  const text = (field: keyof Comparable, label: string) => {
    const a = (before?.[field] as string | undefined) ?? ''
    const b = after[field] as string
    if (a === b) return
    changes.push({ field, label, before: a, after: b, parts: diffWords(a, b) })
  }
  const arr = (field: keyof Comparable, label: string) => {
    const a = (before?.[field] as string[] | undefined) ?? []
    const b = after[field] as string[]
    if (a.join('\u0000') === b.join('\u0000')) return
    const parts = diffArrays(a, b).flatMap((p) => p.value.map((value) => ({ value, added: p.added, removed: p.removed })))
    changes.push({ field, label, before: a.join(', '), after: b.join(', '), parts })
  }
  text('title', 'Title')
  text('summary', 'Summary')
  text('body', 'Description')
  arr('categories', 'Categories')
  arr('industries', 'Industries')
  arr('regions', 'Regions')
  text('pricing', 'Pricing')
  text('counterpart', 'Integrates with')
  if ((before?.logoKey ?? null) !== after.logoKey) changes.push({ field: 'logo', label: 'Logo', before: before?.logoKey ?? '', after: after.logoKey ?? '' })
  arr('screenshots', 'Screenshots')
  return changes
}
