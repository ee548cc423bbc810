import { and, asc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { programStandings, programTracks, type MeasuredRequirement } from '#db/schema/programs.ts'
import { isVendor, type Actor } from '#app/features/auth/actor.ts'
import { notFound } from '#app/utils/errors.ts'
import { STATE_METRICS } from '#app/features/programs/vocab.ts'
import { decodeCursor, keysetFilter, pageOf, positionOf } from '#app/features/api/cursor.server.ts'
import { parseInput } from '#app/features/api/parse.ts'
import { PartnerListQuerySchema, type ApiPartner } from '#app/features/api/schemas.ts'

/**
 * GET /api/v1/partners and /api/v1/partners/{id}: partners with their program standing. The
 * vendor's keys see every partner; a partner's key sees only its own organization (anything else
 * is not found, as if it did not exist). Oldest change first, where a change is the partner's or
 * its standing's.
 */

const changedAt = sql<Date>`greatest(${organizations.updatedAt}, coalesce(${programStandings.updatedAt}, ${organizations.updatedAt}))`
const tierName = (col: AnyColumn) => sql<string | null>`(select t.name from program_tiers t where t.id = ${col})`

function visible(actor: Actor): SQL {
  const partners = eq(organizations.kind, 'partner')
  return isVendor(actor) ? partners : and(partners, eq(organizations.id, actor.orgId))!
}

async function select(where: SQL[], limit: number) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      partnerType: organizations.partnerType,
      status: organizations.status,
      tier: organizations.tier,
      standing: programStandings,
      trackName: programTracks.name,
      currentTierName: tierName(programStandings.currentTierId),
      qualifiedTierName: tierName(programStandings.qualifiedTierId),
      proposedTierName: tierName(programStandings.proposedTierId),
      updatedAt: sql<string>`${changedAt}::text`,
      position: positionOf(changedAt),
    })
    .from(organizations)
    .leftJoin(programStandings, eq(programStandings.orgId, organizations.id))
    .leftJoin(programTracks, eq(programTracks.id, programStandings.trackId))
    .where(and(...where))
    .orderBy(asc(changedAt), asc(organizations.id))
    .limit(limit)
}

type Row = Awaited<ReturnType<typeof select>>[number]

const ref = (id: string | null, name: string | null) => (id && name ? { id, name } : null)

function serialize(r: Row): ApiPartner {
  const s = r.standing
  return {
    id: r.id,
    object: 'partner',
    name: r.name,
    slug: r.slug,
    partnerType: r.partnerType,
    status: r.status,
    tier: r.tier,
    standing: s
      ? {
          track: { id: s.trackId, name: r.trackName ?? s.trackId },
          currentTier: ref(s.currentTierId, r.currentTierName),
          qualifiedTier: ref(s.qualifiedTierId, r.qualifiedTierName),
          proposal: s.proposalStatus === 'pending' && s.proposedAt ? { tier: ref(s.proposedTierId, r.proposedTierName), proposedAt: s.proposedAt.toISOString() } : null,
          graceUntil: s.graceUntil?.toISOString() ?? null,
          evaluatedAt: s.evaluatedAt?.toISOString() ?? null,
          requirements: (s.measurements as MeasuredRequirement[]).map((m) => ({
            requirementId: m.requirementId,
            tierId: m.tierId,
            metric: m.metric,
            threshold: m.threshold,
            windowDays: STATE_METRICS.includes(m.metric) ? null : m.windowDays,
            value: m.value,
            met: m.met,
            gap: Math.max(0, m.threshold - m.value),
          })),
        }
      : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
  }
}

/** The vendor: every partner; a partner: a list of one, itself. */
export async function listApiPartners(actor: Actor, query: unknown) {
  const q = parseInput(PartnerListQuerySchema, query, 'Bad query parameters.')
  const cursor = q.cursor ? decodeCursor(q.cursor) : null
  const rows = await select([visible(actor), ...keysetFilter(changedAt, organizations.id, cursor, q.updated_since)], q.limit + 1)
  return pageOf(rows, q.limit, serialize)
}

/** One partner: the vendor's keys any partner, a partner's key only its own organization (others: 404). */
export async function getApiPartner(actor: Actor, id: string) {
  const [row] = await select([visible(actor), eq(organizations.id, id)], 1)
  if (!row) throw notFound('No partner with that id is visible to this key.')
  return serialize(row)
}
