import { and, asc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { programStandingMeasurements, programStandings, programTracks } from '#db/schema/programs.ts'
import { isVendor, type Actor } from '#app/features/auth/actor.ts'
import { notFound } from '#app/utils/errors.ts'
import { STATE_METRICS } from '#app/features/programs/vocab.ts'
import { decodeCursor, keysetFilter, pageOf, positionOf } from '#app/features/api/cursor.server.ts'
import { parseInput } from '#app/features/api/parse.ts'
import { PartnerListQuerySchema, type ApiPartner } from '#app/features/api/schemas.ts'

/**
 * GET /api/v1/partners and /api/v1/partners/{id}: the partner directory as anyone sees it on
 * /partners: active partners only (no applicant, rejected or suspended one, never the vendor), with
 * their public profile fields only (no rejection or suspension reasons, no import keys, no people).
 *
 * Each item also carries its program standing where the caller may see it: the vendor's keys for
 * every partner, a partner's key for its own organization only. For any other item the standing is
 * not read at all (the join is restricted), so it can neither appear nor move `updatedAt` or the
 * order. Oldest change first, where a change is the partner's or its visible standing's.
 */

const listed = and(eq(organizations.kind, 'partner'), eq(organizations.status, 'active'))!

/** Which standings this actor may read, as the join condition. */
function standingJoin(actor: Actor): SQL {
  const own = eq(programStandings.orgId, organizations.id)
  return isVendor(actor) ? own : and(own, eq(programStandings.orgId, actor.orgId))!
}

const changedAt = sql<Date>`greatest(${organizations.updatedAt}, coalesce(${programStandings.updatedAt}, ${organizations.updatedAt}))`
const tierName = (col: AnyColumn) => sql<string | null>`(select t.name from program_tiers t where t.id = ${col})`

async function select(actor: Actor, where: SQL[], limit: number) {
  return db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      partnerType: organizations.partnerType,
      tier: organizations.tier,
      tagline: organizations.tagline,
      description: organizations.description,
      website: organizations.website,
      logoUrl: organizations.logoUrl,
      regions: organizations.regions,
      industries: organizations.industries,
      skills: organizations.skills,
      approvedAt: organizations.approvedAt,
      standing: programStandings,
      measurements: programStandingMeasurements.measurements,
      trackName: programTracks.name,
      currentTierName: tierName(programStandings.currentTierId),
      qualifiedTierName: tierName(programStandings.qualifiedTierId),
      proposedTierName: tierName(programStandings.proposedTierId),
      updatedAt: sql<string>`${changedAt}::text`,
      position: positionOf(changedAt),
    })
    .from(organizations)
    .leftJoin(programStandings, standingJoin(actor))
    .leftJoin(programStandingMeasurements, eq(programStandingMeasurements.orgId, programStandings.orgId))
    .leftJoin(programTracks, eq(programTracks.id, programStandings.trackId))
    .where(and(listed, ...where))
    .orderBy(asc(changedAt), asc(organizations.id))
    .limit(limit)
}

type Row = Awaited<ReturnType<typeof select>>[number]

const ref = (id: string | null, name: string | null) => (id && name ? { id, name } : null)

function standingOf(r: Row): ApiPartner['standing'] {
  const s = r.standing
  if (!s) return null
  return {
    track: { id: s.trackId, name: r.trackName ?? s.trackId },
    currentTier: ref(s.currentTierId, r.currentTierName),
    qualifiedTier: ref(s.qualifiedTierId, r.qualifiedTierName),
    proposal: s.proposalStatus === 'pending' && s.proposedAt ? { tier: ref(s.proposedTierId, r.proposedTierName), proposedAt: s.proposedAt.toISOString() } : null,
    graceUntil: s.graceUntil?.toISOString() ?? null,
    evaluatedAt: s.evaluatedAt?.toISOString() ?? null,
    requirements: (r.measurements ?? []).map((m) => ({
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
}

/** May this actor see this partner's standing? */
const seesStanding = (actor: Actor, orgId: string) => isVendor(actor) || actor.orgId === orgId

function serializer(actor: Actor) {
  return (r: Row): ApiPartner => ({
    id: r.id,
    object: 'partner',
    slug: r.slug,
    name: r.name,
    partnerType: r.partnerType,
    tier: r.tier,
    tagline: r.tagline,
    description: r.description,
    website: r.website,
    logoUrl: r.logoUrl,
    regions: r.regions ?? [],
    industries: r.industries ?? [],
    skills: r.skills ?? [],
    approvedAt: r.approvedAt ? r.approvedAt.toISOString() : null,
    ...(seesStanding(actor, r.id) ? { standing: standingOf(r) } : {}),
    updatedAt: new Date(r.updatedAt).toISOString(),
  })
}

/** The directory: every active partner, for any organization's key with partners:read. */
export async function listApiPartners(actor: Actor, query: unknown) {
  const q = parseInput(PartnerListQuerySchema, query, 'Bad query parameters.')
  const cursor = q.cursor ? decodeCursor(q.cursor) : null
  const rows = await select(actor, keysetFilter(changedAt, organizations.id, cursor, q.updated_since), q.limit + 1)
  return pageOf(rows, q.limit, serializer(actor))
}

/** One active partner (anything else: 404), its standing where the key may see it. */
export async function getApiPartner(actor: Actor, id: string) {
  const [row] = await select(actor, [eq(organizations.id, id)], 1)
  if (!row) throw notFound('No active partner with that id.')
  return serializer(actor)(row)
}
