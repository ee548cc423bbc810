import { sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import type { Population, SharingLevel } from '#db/schema/accounts.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { assertMappingPartner, getConnection, type ConnectionView } from '#app/features/accounts/connections.server.ts'
import { atLeast, cellLevel, POPULATIONS, type Sharing } from '#app/features/accounts/schemas.ts'

export type OverlapCell = { mine: Population; theirs: Population; level: SharingLevel; count: number | null }
export type OverlapMatrix = { connection: ConnectionView; cells: OverlapCell[]; anyNames: boolean }
export type OverlapAccount = { domain: string; name: string; myPopulation: Population; theirPopulation: Population }

export const OVERLAP_PAGE_SIZE = 50

/** Populations whose level is at least `min` under the effective sharing. */
function populationsAtLeast(eff: Sharing, min: SharingLevel): Population[] {
  return POPULATIONS.filter((p) => atLeast(eff[p], min))
}

const pgTextArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`

/**
 * Overlap counts between two orgs' lists by population pair, restricted to the populations
 * allowed on each side: the join on the (org_id, domain) index only ever touches matching
 * domains, and only allowed populations are counted at all.
 */
export async function overlapCounts(q: Queryable, myOrgId: string, theirOrgId: string, allowed: Population[]) {
  if (allowed.length === 0) return []
  return queryRows<{ mine: Population; theirs: Population; n: number }>(
    q,
    sql`select a.population as mine, b.population as theirs, count(*)::int as n
        from accounts a
        join accounts b on b.org_id = ${theirOrgId} and b.domain = a.domain
        where a.org_id = ${myOrgId}
          ${allowed.length < POPULATIONS.length ? sql`and a.population = any(${pgTextArray(allowed)}) and b.population = any(${pgTextArray(allowed)})` : sql``}
        group by a.population, b.population`,
  )
}

/** The 3×3 matrix the actor sees for one of its connections; a hidden cell has count null. */
export async function overlapMatrix(actor: Actor, connectionId: string): Promise<OverlapMatrix> {
  assertMappingPartner(actor)
  return matrixOf(actor, await getConnection(actor, connectionId))
}

/** The matrix for a connection already loaded for the actor (getConnection checked it is theirs). */
async function matrixOf(actor: Actor, connection: ConnectionView): Promise<OverlapMatrix> {
  const eff = connection.effective
  const allowed = connection.status === 'accepted' ? populationsAtLeast(eff, 'counts') : []
  const rows = await overlapCounts(db, actor.orgId, connection.partner.id, allowed)
  const counts = new Map(rows.map((r) => [`${r.mine}:${r.theirs}`, Number(r.n)]))
  const cells: OverlapCell[] = []
  for (const mine of POPULATIONS) {
    for (const theirs of POPULATIONS) {
      const level = connection.status === 'accepted' ? cellLevel(eff, mine, theirs) : 'none'
      cells.push({ mine, theirs, level, count: level === 'none' ? null : (counts.get(`${mine}:${theirs}`) ?? 0) })
    }
  }
  return { connection, cells, anyNames: cells.some((c) => c.level === 'names') }
}

type OverlapQuery = { page?: number; mine?: Population; theirs?: Population; q?: string }

/**
 * The overlapping accounts the actor may see by name: both populations of the pair must be
 * shared at the names level by both sides. Only the actor's own name for the account and the
 * partner's status (its population) are returned — never anything about accounts that do not overlap.
 */
export async function overlapAccounts(
  actor: Actor,
  connectionId: string,
  query: OverlapQuery = {},
): Promise<{ connection: ConnectionView; accounts: OverlapAccount[]; total: number; page: number; pageSize: number }> {
  assertMappingPartner(actor)
  const connection = await getConnection(actor, connectionId)
  return { connection, ...(await accountsOf(actor, connection, query)) }
}

function accountsOf(actor: Actor, connection: ConnectionView, { page = 1, mine, theirs, q }: OverlapQuery) {
  const sharing = connection.status === 'accepted' ? connection.effective : null
  return namedOverlap(db, actor.orgId, connection.partner.id, sharing, { page, mine, theirs, q })
}

/** The overlap page: the matrix, and the named accounts when any cell shows names, the connection checked once. */
export async function overlapPage(actor: Actor, connectionId: string, query: OverlapQuery = {}) {
  assertMappingPartner(actor)
  const connection = await getConnection(actor, connectionId)
  const matrix = await matrixOf(actor, connection)
  return { matrix, list: matrix.anyNames ? await accountsOf(actor, connection, query) : null }
}

/**
 * The one rule for what an org learns by name about a partner's accounts (the overlap page and
 * the referral conflict check both use it): only accounts both orgs list, and only for population
 * pairs both sides share at the names level under `sharing` (the connection's effective sharing;
 * null when there is no accepted connection, which shows nothing). `domain` narrows it to one
 * normalized domain.
 */
export async function namedOverlap(
  q: Queryable,
  myOrgId: string,
  theirOrgId: string,
  sharing: Sharing | null,
  { page = 1, mine, theirs, q: search, domain }: { page?: number; mine?: Population; theirs?: Population; q?: string; domain?: string } = {},
): Promise<{ accounts: OverlapAccount[]; total: number; page: number; pageSize: number }> {
  const allowed = sharing ? populationsAtLeast(sharing, 'names') : []
  const mineAllowed = mine ? allowed.filter((p) => p === mine) : allowed
  const theirsAllowed = theirs ? allowed.filter((p) => p === theirs) : allowed
  const safePage = Math.max(1, page)
  if (mineAllowed.length === 0 || theirsAllowed.length === 0) {
    return { accounts: [], total: 0, page: safePage, pageSize: OVERLAP_PAGE_SIZE }
  }
  const like = search?.trim() ? `%${search.trim().replace(/[%_\\]/g, '\\$&')}%` : null
  const filter = sql`a.org_id = ${myOrgId}
      and a.population = any(${pgTextArray(mineAllowed)})
      and b.population = any(${pgTextArray(theirsAllowed)})
      ${like ? sql`and (a.name ilike ${like} or a.domain ilike ${like.toLowerCase()})` : sql``}
      ${domain !== undefined ? sql`and a.domain = ${domain}` : sql``}`
  // The page and the total from one join; only a page past the end needs the total on its own.
  const rows = await queryRows<{ domain: string; name: string; my_population: Population; their_population: Population; total: number }>(
    q,
    sql`select a.domain, a.name, a.population as my_population, b.population as their_population, count(*) over ()::int as total
        from accounts a
        join accounts b on b.org_id = ${theirOrgId} and b.domain = a.domain
        where ${filter}
        order by a.name, a.domain
        limit ${OVERLAP_PAGE_SIZE} offset ${(safePage - 1) * OVERLAP_PAGE_SIZE}`,
  )
  const total =
    rows.length > 0 || safePage === 1
      ? Number(rows[0]?.total ?? 0)
      : Number((await queryRows<{ n: number }>(q, sql`select count(*)::int as n from accounts a join accounts b on b.org_id = ${theirOrgId} and b.domain = a.domain where ${filter}`))[0]?.n ?? 0)
  return {
    accounts: rows.map((r) => ({ domain: r.domain, name: r.name, myPopulation: r.my_population, theirPopulation: r.their_population })),
    total,
    page: safePage,
    pageSize: OVERLAP_PAGE_SIZE,
  }
}
