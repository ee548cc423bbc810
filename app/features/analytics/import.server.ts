import { createHash } from 'node:crypto'
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable, type Tx } from '#db/client.server.ts'
import { analyticsImports, type ImportCounts, type ImportTally } from '#db/schema/analytics.ts'
import { organizations } from '#db/schema/orgs.ts'
import { opportunities, opportunityParticipants, referrals } from '#db/schema/pipeline.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { createId } from '#app/utils/id.ts'
import { assertVendorAdmin, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent, recordEvents } from '#app/features/events/outbox.server.ts'
import { textArray } from '#app/features/analytics/sql-util.server.ts'
import { countUpserted, refreshOnConflict } from '#app/utils/upsert.server.ts'
import { importPartnershipRecords } from '#app/features/partnerships/import.server.ts'
import { validateSnapshotText, type Snapshot, type SnapshotProblem } from '#app/features/analytics/snapshot.ts'

/**
 * Opportunities and referrals are matched to accounts by the normalized domain, so a snapshot's
 * `www.Globex.com` is stored as `globex.com`. A value that is no domain at all is kept as written
 * (lower case), as docs/import-format.md promises; it simply matches nothing.
 */
const accountKey = (domain: string | null) => (domain ? (normalizeDomain(domain) ?? domain) : null)

/**
 * Loads an ecosystem snapshot (docs/import-format.md): validate everything first, then write it in ONE
 * transaction. Records are matched by their snapshot key (`import_key`), so importing the same
 * file again changes nothing: an upsert only touches a row whose values differ, and reports
 * what it inserted, updated and found unchanged. The snapshot's vendor org is this platform's
 * vendor org (created only on an empty database). Co-sell participations are matched by
 * (opportunity, org), which is unique anyway.
 */

export type ImportProgress = { phase: 'validating' | 'writing' | 'done'; done: number; total: number; step?: string }
export type ImportOptions = {
  source: 'cli' | 'upload'
  fileName?: string | null
  onProgress?: (p: ImportProgress) => void | Promise<void>
  /** Rows per INSERT statement. */
  chunkSize?: number
}
export type ImportResult = { ok: true; importId: string; records: number; counts: ImportCounts } | { ok: false; problems: SnapshotProblem[] }

const emptyTally = (): ImportTally => ({ inserted: 0, updated: 0, unchanged: 0 })

/** The vendor admin's upload in the app. */
export async function importSnapshot(actor: Actor, fileText: string, options: Omit<ImportOptions, 'source'> & { source?: 'upload' }): Promise<ImportResult> {
  assertVendorAdmin(actor, "Only the vendor's admins can import an ecosystem snapshot.")
  return runImport({ actorId: actor.userId }, fileText, { ...options, source: 'upload' })
}

/** `npm run import -- <file>`: the operator with database access; no signed-in user. */
export async function importSnapshotFromCli(fileText: string, options: Omit<ImportOptions, 'source'> = {}): Promise<ImportResult> {
  return runImport({ actorId: null }, fileText, { ...options, source: 'cli' })
}

async function runImport(who: { actorId: string | null }, fileText: string, options: ImportOptions): Promise<ImportResult> {
  await options.onProgress?.({ phase: 'validating', done: 0, total: 0 })
  const validation = validateSnapshotText(fileText)
  if (!validation.ok) return validation
  const { snapshot, records } = validation
  const sha = createHash('sha256').update(fileText).digest('hex')
  const chunk = options.chunkSize ?? 500
  let done = 0
  const progress = async (n: number, step: string) => {
    done += n
    await options.onProgress?.({ phase: 'writing', done, total: records, step })
  }
  await progress(0, 'starting')

  const result = await db.transaction(async (tx) => {
    const counts: ImportCounts = { organizations: emptyTally(), opportunities: emptyTally(), referrals: emptyTally(), coSell: emptyTally() }
    const { ids: orgIds, changed } = await upsertOrganizations(tx, snapshot, counts.organizations, chunk, progress)
    const vendorOrgId = orgIds.get(snapshot.organizations.find((o) => o.kind === 'vendor')!.key)!
    // Every partner the import created or changed gets its own event, so the outbox consumers
    // (the search indexer above all) see it like any other change of an organization.
    await recordEvents(
      tx,
      changed.map((c) => ({
        type: 'org.imported',
        actorId: who.actorId,
        orgId: c.id,
        subjectType: 'organization',
        subjectId: c.id,
        payload: { importKey: c.key, created: c.inserted, status: c.status, source: options.source },
        // The import's own event (below) is the audit record of the whole file.
        audit: false,
      })),
    )
    const oppIds = await upsertOpportunities(tx, snapshot, vendorOrgId, orgIds, counts.opportunities, chunk, progress)
    await upsertReferrals(tx, snapshot, orgIds, oppIds, counts.referrals, chunk, progress)
    await upsertCoSell(tx, snapshot, orgIds, oppIds, counts.coSell, chunk, progress)
    if (snapshot.partnerships.length || snapshot.plans.length || snapshot.commitments.length || snapshot.reviews.length) {
      Object.assign(counts, await importPartnershipRecords(tx, snapshot, orgIds, who.actorId))
      await progress(snapshot.partnerships.length + snapshot.plans.length + snapshot.commitments.length + snapshot.reviews.length, 'partnerships')
    }

    const [row] = await tx
      .insert(analyticsImports)
      .values({ orgId: vendorOrgId, createdBy: who.actorId, source: options.source, fileName: options.fileName ?? null, fileSha256: sha, records, counts })
      .returning({ id: analyticsImports.id, startedAt: analyticsImports.startedAt })
    await recordEvent(tx, {
      type: 'analytics.snapshot_imported',
      actorId: who.actorId,
      orgId: vendorOrgId,
      subjectType: 'analytics_import',
      subjectId: row!.id,
      payload: { source: options.source, fileName: options.fileName ?? null, sha256: sha, records, counts },
      audience: { vendor: true },
    })
    return { importId: row!.id, counts }
  })
  await options.onProgress?.({ phase: 'done', done: records, total: records })
  return { ok: true, importId: result.importId, records, counts: result.counts }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'partner'

/** Unique slugs for new orgs: the name's slug, or with -2, -3 … when taken. */
async function freeSlugs(q: Queryable, names: string[]): Promise<string[]> {
  const bases = names.map(slugify)
  const taken = new Set(
    (
      await queryRows<{ slug: string }>(
        q,
        sql`select slug from organizations where slug = any(${textArray(bases)}) or slug ~ any(array(select '^' || b || '-[0-9]+$' from unnest(${textArray(bases)}) b))`,
      )
    ).map((r) => r.slug),
  )
  return bases.map((base) => {
    let slug = base
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
    taken.add(slug)
    return slug
  })
}

type Progress = (n: number, step: string) => Promise<void>

/** Upserts the snapshot's organizations; returns every key's org id and the partner rows it inserted or changed. */
async function upsertOrganizations(tx: Tx, snapshot: Snapshot, tally: ImportTally, size: number, progress: Progress) {
  const ids = new Map<string, string>()
  const changed: { id: string; key: string; inserted: boolean; status: string }[] = []
  const vendor = snapshot.organizations.find((o) => o.kind === 'vendor')!
  const [existingVendor] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'vendor')).limit(1)
  if (existingVendor) {
    ids.set(vendor.key, existingVendor.id)
    tally.unchanged++
  } else {
    const [slug] = await freeSlugs(tx, [vendor.name])
    const [row] = await tx
      .insert(organizations)
      .values({ kind: 'vendor', name: vendor.name, slug: slug!, status: 'active', approvedAt: vendor.approvedAt, importKey: vendor.key, website: vendor.website ?? null })
      .returning({ id: organizations.id })
    ids.set(vendor.key, row!.id)
    tally.inserted++
  }

  const partners = snapshot.organizations.filter((o) => o.kind === 'partner')
  const existing = new Map<string, string>()
  for (const part of chunks(partners, 5000)) {
    const rows = await tx
      .select({ id: organizations.id, key: organizations.importKey })
      .from(organizations)
      .where(
        and(
          isNotNull(organizations.importKey),
          inArray(
            organizations.importKey,
            part.map((p) => p.key),
          ),
        ),
      )
    for (const r of rows) existing.set(r.key!, r.id)
  }
  const fresh = partners.filter((p) => !existing.has(p.key))
  const slugs = new Map<string, string>()
  const freeList = await freeSlugs(
    tx,
    fresh.map((p) => p.name),
  )
  fresh.forEach((p, i) => slugs.set(p.key, freeList[i]!))

  for (const part of chunks(partners, size)) {
    const rows = await tx
      .insert(organizations)
      .values(
        part.map((p) => ({
          id: existing.get(p.key) ?? createId(),
          kind: 'partner' as const,
          name: p.name,
          slug: slugs.get(p.key) ?? `import-${createId(8)}`,
          partnerType: p.type,
          tier: p.tier,
          status: p.status,
          approvedAt: p.approvedAt,
          regions: p.regions,
          industries: p.industries,
          website: p.website ?? null,
          importKey: p.key,
        })),
      )
      .onConflictDoUpdate({
        ...refreshOnConflict(
          organizations.importKey,
          {
            name: organizations.name,
            partnerType: organizations.partnerType,
            tier: organizations.tier,
            status: organizations.status,
            approvedAt: organizations.approvedAt,
            regions: organizations.regions,
            industries: organizations.industries,
          },
          { touch: true },
        ),
        // The kind is compared too (it is never overwritten): a row of another kind is never taken as unchanged.
        setWhere: sql`(organizations.kind, organizations.name, organizations.partner_type, organizations.tier, organizations.status, organizations.approved_at, organizations.regions, organizations.industries)
          is distinct from ('partner', excluded.name, excluded.partner_type, excluded.tier, excluded.status, excluded.approved_at, excluded.regions, excluded.industries)`,
      })
      .returning({ id: organizations.id, key: organizations.importKey, status: organizations.status, inserted: sql<boolean>`(xmax = 0)` })
    countUpserted(tally, part.length, rows)
    for (const r of rows) {
      ids.set(r.key!, r.id)
      changed.push({ id: r.id, key: r.key!, inserted: Boolean(r.inserted), status: r.status })
    }
    await progress(part.length, 'organizations')
  }
  for (const [k, id] of existing) if (!ids.has(k)) ids.set(k, id)
  // A key already used by the vendor org or another kind would have been skipped above.
  for (const p of partners) if (!ids.has(p.key)) throw new Error(`organization ${p.key} was not imported`)
  await progress(1, 'organizations')
  return { ids, changed }
}

async function upsertOpportunities(tx: Tx, snapshot: Snapshot, vendorOrgId: string, orgIds: Map<string, string>, tally: ImportTally, size: number, progress: Progress) {
  const ids = new Map<string, string>()
  for (const part of chunks(snapshot.opportunities, size)) {
    const rows = await tx
      .insert(opportunities)
      .values(
        part.map((o) => ({
          orgId: vendorOrgId,
          title: o.title ?? null,
          accountName: o.accountName || o.accountDomain || o.key,
          accountDomain: accountKey(o.accountDomain),
          amount: o.amount,
          // The snapshot's `open` (docs/metrics.md) is every stage but won and lost; a new open one starts as prospect.
          stage: o.stage === 'open' ? ('prospect' as const) : o.stage,
          sourcedByOrgId: o.sourcedBy ? orgIds.get(o.sourcedBy)! : null,
          importKey: o.key,
          createdAt: o.createdAt,
          closedAt: o.closedAt,
        })),
      )
      .onConflictDoUpdate({
        target: opportunities.importKey,
        set: {
          title: sql`excluded.title`,
          accountName: sql`excluded.account_name`,
          accountDomain: sql`excluded.account_domain`,
          amount: sql`excluded.amount`,
          // An open opportunity keeps the detailed open stage it already has in the app.
          stage: sql`case when excluded.stage = 'prospect' and opportunities.stage not in ('won', 'lost') then opportunities.stage else excluded.stage end`,
          sourcedByOrgId: sql`excluded.sourced_by_org_id`,
          createdAt: sql`excluded.created_at`,
          closedAt: sql`excluded.closed_at`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`(opportunities.title, opportunities.account_name, opportunities.account_domain, opportunities.amount,
            case when opportunities.stage in ('won', 'lost') then opportunities.stage else 'prospect' end,
            opportunities.sourced_by_org_id, opportunities.created_at, opportunities.closed_at)
          is distinct from (excluded.title, excluded.account_name, excluded.account_domain, excluded.amount, excluded.stage,
            excluded.sourced_by_org_id, excluded.created_at, excluded.closed_at)`,
      })
      .returning({ id: opportunities.id, key: opportunities.importKey, inserted: sql<boolean>`(xmax = 0)` })
    countUpserted(tally, part.length, rows)
    for (const r of rows) ids.set(r.key!, r.id)
    const missing = part.filter((o) => !ids.has(o.key)).map((o) => o.key)
    if (missing.length) {
      const found = await tx.select({ id: opportunities.id, key: opportunities.importKey }).from(opportunities).where(inArray(opportunities.importKey, missing))
      for (const r of found) ids.set(r.key!, r.id)
    }
    await progress(part.length, 'opportunities')
  }
  return ids
}

async function upsertReferrals(tx: Tx, snapshot: Snapshot, orgIds: Map<string, string>, oppIds: Map<string, string>, tally: ImportTally, size: number, progress: Progress) {
  for (const part of chunks(snapshot.referrals, size)) {
    const rows = await tx
      .insert(referrals)
      .values(
        part.map((r) => ({
          fromOrgId: orgIds.get(r.from)!,
          toOrgId: orgIds.get(r.to)!,
          accountName: r.accountName || r.accountDomain || r.key,
          accountDomain: accountKey(r.accountDomain),
          need: r.need ?? null,
          estimatedValue: r.estimatedValue,
          opportunityId: r.opportunity ? oppIds.get(r.opportunity)! : null,
          status: r.status,
          wonAmount: r.wonAmount,
          importKey: r.key,
          createdAt: r.createdAt,
          closedAt: r.closedAt,
        })),
      )
      .onConflictDoUpdate({
        ...refreshOnConflict(
          referrals.importKey,
          {
            fromOrgId: referrals.fromOrgId,
            toOrgId: referrals.toOrgId,
            accountName: referrals.accountName,
            accountDomain: referrals.accountDomain,
            need: referrals.need,
            estimatedValue: referrals.estimatedValue,
            opportunityId: referrals.opportunityId,
            status: referrals.status,
            wonAmount: referrals.wonAmount,
            createdAt: referrals.createdAt,
            closedAt: referrals.closedAt,
          },
          { touch: true },
        ),
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` })
    countUpserted(tally, part.length, rows)
    await progress(part.length, 'referrals')
  }
}

async function upsertCoSell(tx: Tx, snapshot: Snapshot, orgIds: Map<string, string>, oppIds: Map<string, string>, tally: ImportTally, size: number, progress: Progress) {
  for (const part of chunks(snapshot.coSell, size)) {
    const rows = await tx
      .insert(opportunityParticipants)
      .values(
        part.map((c) => ({
          opportunityId: oppIds.get(c.opportunity)!,
          orgId: orgIds.get(c.org)!,
          role: c.role,
          status: c.status,
          joinedAt: c.joinedAt,
          invitedAt: c.joinedAt ?? undefined,
          respondedAt: c.status === 'invited' ? null : c.joinedAt,
          importKey: c.key,
        })),
      )
      .onConflictDoUpdate({
        ...refreshOnConflict([opportunityParticipants.opportunityId, opportunityParticipants.orgId], {
          status: opportunityParticipants.status,
          joinedAt: opportunityParticipants.joinedAt,
          importKey: opportunityParticipants.importKey,
        }),
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` })
    countUpserted(tally, part.length, rows)
    await progress(part.length, 'co-sell')
  }
}

/** The vendor's recent successful imports, newest first. */
export async function listImports(actor: Actor, limit = 10) {
  assertVendorAdmin(actor, "Only the vendor's admins can see imports.")
  return db
    .select()
    .from(analyticsImports)
    .orderBy(sql`${analyticsImports.finishedAt} desc`)
    .limit(limit)
}
