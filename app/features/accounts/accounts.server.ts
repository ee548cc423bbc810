import { stringify } from 'csv-stringify/sync'
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { accounts, type Population } from '#db/schema/accounts.ts'
import { fieldErrorsOf, invalid, notFound } from '#app/utils/errors.ts'
import { createId } from '#app/utils/id.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { safeRow } from '#app/features/accounts/csv-safe.ts'
import { assertMappingPartner, assertMappingWriter } from '#app/features/accounts/connections.server.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { AccountInputSchema, POPULATIONS } from '#app/features/accounts/schemas.ts'

export type Account = typeof accounts.$inferSelect
export const ACCOUNTS_PAGE_SIZE = 50

/**
 * The populations an org lists a domain in (empty when it does not list it). For other
 * capabilities' server-side checks (e.g. referral conflicts); never shown to another org as is.
 */
export async function accountListedBy(orgId: string, normalizedDomain: string, q: Queryable = db): Promise<Population[]> {
  const domain = normalizeDomain(normalizedDomain)
  if (!domain) return []
  const rows = await q
    .select({ population: accounts.population })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.domain, domain)))
  return rows.map((r) => r.population)
}

/** Adds an account by hand, or updates the one with the same normalized domain. */
export async function saveAccount(actor: Actor, input: unknown): Promise<{ account: Account; created: boolean }> {
  assertMappingWriter(actor)
  const parsed = AccountInputSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check the account.', fieldErrorsOf(parsed.error))
  const domain = normalizeDomain(parsed.data.domain)
  if (!domain) throw invalid('Check the account.', { domain: ['Enter a web domain like example.com.'] })
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string; inserted: boolean }>(
      tx,
      sql`insert into accounts (id, org_id, domain, name, population, owner_email, deal_size, source)
          values (${createId()}, ${actor.orgId}, ${domain}, ${parsed.data.name}, ${parsed.data.population},
                  ${parsed.data.ownerEmail ?? null}, ${parsed.data.dealSize ?? null}, 'manual')
          on conflict (org_id, domain) do update set name = excluded.name, population = excluded.population,
            owner_email = excluded.owner_email, deal_size = excluded.deal_size, updated_at = now()
          returning id, (xmax = 0) as inserted`,
    )
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, row!.id))
    await recordEvent(tx, {
      type: row!.inserted ? 'account.added' : 'account.updated',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'account',
      subjectId: account!.id,
      payload: { accountId: account!.id },
      audience: { orgs: [actor.orgId] },
    })
    return { account: account!, created: Boolean(row!.inserted) }
  })
}

export async function deleteAccount(actor: Actor, accountId: string) {
  assertMappingWriter(actor)
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(accounts)
      .where(and(eq(accounts.id, accountId), eq(accounts.orgId, actor.orgId)))
      .returning({ id: accounts.id })
    if (!gone) throw notFound('We could not find that account in your list.')
    await recordEvent(tx, {
      type: 'account.removed',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'account',
      subjectId: accountId,
      payload: { accountId },
      audience: { orgs: [actor.orgId] },
    })
  })
}

/** The actor's own org's list: searchable by name or domain, filterable by population, paginated. */
export async function listAccounts(actor: Actor, { q, population, page = 1 }: { q?: string; population?: Population; page?: number } = {}) {
  assertMappingPartner(actor)
  const where = and(
    eq(accounts.orgId, actor.orgId),
    population ? eq(accounts.population, population) : undefined,
    q ? or(ilike(accounts.name, `%${q.replace(/[%_\\]/g, '\\$&')}%`), ilike(accounts.domain, `%${q.replace(/[%_\\]/g, '\\$&').toLowerCase()}%`)) : undefined,
  )
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(accounts)
      .where(where)
      .orderBy(asc(accounts.name), asc(accounts.id))
      .limit(ACCOUNTS_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * ACCOUNTS_PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(accounts)
      .where(where),
  ])
  return { accounts: rows, total: Number(total?.n ?? 0), page: Math.max(1, page), pageSize: ACCOUNTS_PAGE_SIZE }
}

/** How many accounts the actor's org lists per population. */
export async function accountTotals(actor: Actor): Promise<Record<Population, number>> {
  assertMappingPartner(actor)
  const rows = await db
    .select({ population: accounts.population, n: sql<number>`count(*)::int` })
    .from(accounts)
    .where(eq(accounts.orgId, actor.orgId))
    .groupBy(accounts.population)
  const totals = Object.fromEntries(POPULATIONS.map((p) => [p, 0])) as Record<Population, number>
  for (const r of rows) totals[r.population] = Number(r.n)
  return totals
}

/** The actor's own list as CSV (formula-safe cells), in the same columns the import reads. */
export async function exportAccountsCsv(actor: Actor): Promise<string> {
  assertMappingPartner(actor)
  const rows = await db.select().from(accounts).where(eq(accounts.orgId, actor.orgId)).orderBy(asc(accounts.name)).limit(MAX_EXPORT_ROWS)
  return stringify([
    ['name', 'domain', 'population', 'owner_email', 'deal_size'],
    ...rows.map((a) => safeRow([a.name, a.domain, a.population, a.ownerEmail ?? '', a.dealSize == null ? '' : (a.dealSize / 100).toFixed(2)])),
  ])
}
const MAX_EXPORT_ROWS = 1_000_000
