import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { INDUSTRY_LABELS, REGION_LABELS, TYPE_KEYWORDS, TYPE_LABELS } from '#search/labels.ts'
import { documentId, type SearchDocument, type SearchKind } from '#search/types.ts'

/**
 * What is searchable, read from the application's tables (read-only):
 * - partners: organizations of kind partner with status active (never applicants, suspended or rejected);
 * - listings: published listings (their live published version) of active orgs, except kind integration;
 * - integrations: confirmed integrations whose listing is published and whose two orgs are active.
 */

type Page = { ids?: string[]; afterId?: string; limit?: number }

function arr(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[]
  if (typeof value === 'string') {
    const inner = value.replace(/^\{|\}$/g, '')
    return inner ? inner.split(',').map((v) => v.replace(/^"|"$/g, '')) : []
  }
  return []
}

function textArray(values: string[]): SQL {
  if (values.length === 0) return sql`'{}'::text[]`
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`
}

function pageClause(column: SQL, page: Page): { where: SQL; limit: SQL } {
  const parts: SQL[] = []
  if (page.ids) parts.push(sql`${column} = any(${textArray(page.ids)})`)
  if (page.afterId !== undefined) parts.push(sql`${column} > ${page.afterId}`)
  return {
    where: parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``,
    limit: page.limit ? sql`order by ${column} limit ${page.limit}` : sql``,
  }
}

const iso = (value: unknown) => new Date(value as string).toISOString()

function labels(values: string[], map: Record<string, string>) {
  return values.map((v) => map[v] ?? v).join(' ')
}

/** Markdown to plain words (links keep their text). */
function plain(markdown: string) {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[#>*_`~|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

export async function partnerDocuments(q: Queryable, page: Page = {}): Promise<SearchDocument[]> {
  const { where, limit } = pageClause(sql`o.id`, page)
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`select o.id, o.slug, o.name, o.partner_type, o.tier, o.regions, o.industries, o.skills, o.tagline, o.description,
               coalesce(o.approved_at, o.created_at) as published_at,
               coalesce(cats.slugs, '{}') as category_slugs, coalesce(cats.names, '') as category_names
        from organizations o
        left join lateral (
          select array_agg(distinct c.slug order by c.slug) as slugs, string_agg(distinct c.name, ' ') as names
          from listings l
          join listing_versions v on v.id = l.published_version_id
          join listing_categories c on c.id = any(v.category_ids)
          where l.org_id = o.id and l.status = 'published'
        ) cats on true
        where o.kind = 'partner' and o.status = 'active' ${where} ${limit}`,
  )
  return rows.map((r) => {
    const regions = arr(r.regions)
    const industries = arr(r.industries)
    const type = (r.partner_type as string | null) ?? null
    const description = (r.description as string | null) ?? ''
    const summary = (r.tagline as string | null) || description.slice(0, 240)
    return {
      id: documentId('partner', r.id as string),
      kind: 'partner' as const,
      entityId: r.id as string,
      slug: r.slug as string,
      title: r.name as string,
      summary,
      body: description,
      keywords: [
        type ? `${TYPE_LABELS[type] ?? type} ${TYPE_KEYWORDS[type] ?? ''}` : '',
        arr(r.skills).join(' '),
        labels(industries, INDUSTRY_LABELS),
        labels(regions, REGION_LABELS),
        r.category_names as string,
      ]
        .filter(Boolean)
        .join(' '),
      orgId: r.id as string,
      orgName: r.name as string,
      type,
      tier: (r.tier as string | null) ?? null,
      regions,
      industries,
      categories: arr(r.category_slugs),
      url: `/partners/${r.slug as string}`,
      publishedAt: iso(r.published_at),
    }
  })
}

const listingColumns = sql`l.id as listing_id, l.slug, l.kind, coalesce(l.published_at, l.created_at) as listing_published_at,
  v.title, v.summary, v.body, v.industries, v.regions,
  array(select c.slug from listing_categories c where c.id = any(v.category_ids) order by c.slug) as category_slugs,
  (select coalesce(string_agg(c.name, ' '), '') from listing_categories c where c.id = any(v.category_ids)) as category_names,
  o.id as org_id, o.name as org_name, o.partner_type, o.tier`

function listingLike(r: Record<string, unknown>, kind: SearchKind, entityId: string, publishedAt: unknown, extraKeywords = ''): SearchDocument {
  const regions = arr(r.regions)
  const industries = arr(r.industries)
  const type = (r.partner_type as string | null) ?? null
  return {
    id: documentId(kind, entityId),
    kind,
    entityId,
    slug: r.slug as string,
    title: r.title as string,
    summary: (r.summary as string) ?? '',
    body: plain((r.body as string) ?? ''),
    keywords: [
      r.kind as string,
      type ? `${TYPE_LABELS[type] ?? type} ${TYPE_KEYWORDS[type] ?? ''}` : '',
      labels(industries, INDUSTRY_LABELS),
      labels(regions, REGION_LABELS),
      r.category_names as string,
      extraKeywords,
    ]
      .filter(Boolean)
      .join(' '),
    orgId: r.org_id as string,
    orgName: r.org_name as string,
    type,
    tier: (r.tier as string | null) ?? null,
    regions,
    industries,
    categories: arr(r.category_slugs),
    url: `/listings/${r.slug as string}`,
    publishedAt: iso(publishedAt),
  }
}

export async function listingDocuments(q: Queryable, page: Page = {}): Promise<SearchDocument[]> {
  const { where, limit } = pageClause(sql`l.id`, page)
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`select ${listingColumns}
        from listings l
        join listing_versions v on v.id = l.published_version_id
        join organizations o on o.id = l.org_id
        where l.status = 'published' and o.status = 'active' and l.kind <> 'integration' ${where} ${limit}`,
  )
  return rows.map((r) => listingLike(r, 'listing', r.listing_id as string, r.listing_published_at))
}

export async function integrationDocuments(q: Queryable, page: Page = {}): Promise<SearchDocument[]> {
  const { where, limit } = pageClause(sql`i.id`, page)
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`select i.id as integration_id, greatest(coalesce(l.published_at, l.created_at), coalesce(i.decided_at, i.created_at)) as integration_published_at,
               co.name as counterpart_name, ${listingColumns}
        from integrations i
        join listings l on l.id = i.listing_id
        join listing_versions v on v.id = l.published_version_id
        join organizations o on o.id = l.org_id
        join organizations co on co.id = i.counterpart_org_id
        where i.status = 'confirmed' and l.status = 'published' and o.status = 'active' and co.status = 'active' ${where} ${limit}`,
  )
  return rows.map((r) => listingLike(r, 'integration', r.integration_id as string, r.integration_published_at, `integration integrates with ${r.counterpart_name as string}`))
}

/** The entities an event may have changed, by kind. */
export type Affected = { partners: Set<string>; listings: Set<string>; integrations: Set<string> }

export function emptyAffected(): Affected {
  return { partners: new Set(), listings: new Set(), integrations: new Set() }
}

async function ids(q: Queryable, statement: SQL) {
  const rows = await queryRows<{ id: string }>(q, statement)
  return rows.map((r) => r.id)
}

/**
 * Widens what events named to every document they can change: an organization's name, type, tier
 * or status is copied into its listings and integrations; a listing's categories into its partner.
 */
export async function expandAffected(q: Queryable, subjects: { organizations: string[]; listings: string[]; integrations: string[]; categories: string[] }): Promise<Affected> {
  const out = emptyAffected()
  const orgs = new Set(subjects.organizations)
  const listingIds = new Set(subjects.listings)
  for (const id of subjects.integrations) out.integrations.add(id)
  if (subjects.categories.length) {
    for (const id of await ids(q, sql`select l.id from listings l join listing_versions v on v.id = l.published_version_id where v.category_ids && ${textArray(subjects.categories)}`))
      listingIds.add(id)
  }
  if (orgs.size) {
    const list = [...orgs]
    for (const id of await ids(q, sql`select id from listings where org_id = any(${textArray(list)})`)) listingIds.add(id)
    for (const id of await ids(q, sql`select id from integrations where org_id = any(${textArray(list)}) or counterpart_org_id = any(${textArray(list)})`)) out.integrations.add(id)
  }
  if (listingIds.size) {
    const list = [...listingIds]
    for (const id of await ids(q, sql`select id from integrations where listing_id = any(${textArray(list)})`)) out.integrations.add(id)
    for (const id of await ids(q, sql`select distinct org_id as id from listings where id = any(${textArray(list)})`)) orgs.add(id)
  }
  for (const id of orgs) out.partners.add(id)
  for (const id of listingIds) out.listings.add(id)
  return out
}

/** The current documents of the affected entities, and the ids of those that must not be searchable. */
export async function documentsFor(q: Queryable, affected: Affected) {
  const upserts: SearchDocument[] = []
  const deletes: string[] = []
  const run = async (kind: SearchKind, entityIds: Set<string>, load: (q: Queryable, page: Page) => Promise<SearchDocument[]>) => {
    const list = [...entityIds]
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500)
      const docs = await load(q, { ids: chunk })
      const found = new Set(docs.map((d) => d.entityId))
      upserts.push(...docs)
      for (const id of chunk) if (!found.has(id)) deletes.push(documentId(kind, id))
    }
  }
  await run('partner', affected.partners, partnerDocuments)
  await run('listing', affected.listings, listingDocuments)
  await run('integration', affected.integrations, integrationDocuments)
  return { upserts, deletes }
}

/** Every searchable document, in pages (for a rebuild). */
export async function* allDocuments(q: Queryable, pageSize = 1000): AsyncGenerator<SearchDocument[]> {
  for (const load of [partnerDocuments, listingDocuments, integrationDocuments]) {
    let afterId: string | undefined = ''
    while (afterId !== undefined) {
      const docs = await load(q, { afterId, limit: pageSize })
      if (docs.length) yield docs
      afterId = docs.length === pageSize ? docs[docs.length - 1]!.entityId : undefined
    }
  }
}

export async function countSearchable(q: Queryable) {
  const [row] = await queryRows<{ n: number }>(
    q,
    sql`select (select count(*) from organizations where kind = 'partner' and status = 'active')
             + (select count(*) from listings l join organizations o on o.id = l.org_id
                where l.status = 'published' and l.published_version_id is not null and o.status = 'active' and l.kind <> 'integration')
             + (select count(*) from integrations i join listings l on l.id = i.listing_id join organizations o on o.id = l.org_id
                join organizations co on co.id = i.counterpart_org_id
                where i.status = 'confirmed' and l.status = 'published' and l.published_version_id is not null and o.status = 'active' and co.status = 'active') as n`,
  )
  return Number(row?.n ?? 0)
}
