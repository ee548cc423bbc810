import { and, asc, count, desc, eq, gt, inArray, ne, sql, type SQL } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { programCertifications, programRequirements, programSettings, programStandingMeasurements, programStandings, programTierHistory, programTiers, programTracks } from '#db/schema/programs.ts'
import { assertOrgAdmin, assertOrgMayAct, assertOrgMayRead, assertVendor, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { conflict, invalid, notFound } from '#app/utils/errors.ts'
import { pageCountOf } from '#app/utils/page-query.ts'
import { programOwner } from '#app/features/programs/evaluation.server.ts'
import { CertificationSchema, ProgramSettingsFormSchema, TierSchema, TrackSchema, type CertificationInput, type TierInput, type TrackInput } from '#app/features/programs/schemas.ts'
import { STATE_METRICS, type ProgramMetric } from '#app/features/programs/vocab.ts'

/**
 * The program's definitions (tracks, tiers, requirements, benefits), its settings, standings as
 * the last evaluation left them, tier history and certifications. Only the vendor's team defines
 * the program and reads every partner; a partner reads its own standing and manages its own
 * people's certifications (admins). Another organization's standing is a 404.
 */

export const PROGRAM_PAGE_SIZE = 25

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'track'

// ---- settings ----------------------------------------------------------------------------------

export async function getProgramSettings(actor: Actor) {
  assertVendor(actor)
  const owner = await programOwner(db)
  if (!owner) throw notFound('The program has no vendor organization yet.')
  return owner.settings
}

/** The currencies benefits may be stated in (any signed-in reader may see the list). */
export async function programCurrencies(q: Queryable = db) {
  const owner = await programOwner(q)
  return owner?.settings.currencies ?? ['USD']
}

export async function updateProgramSettings(actor: Actor, raw: unknown) {
  assertVendor(actor, "Only the vendor's ecosystem team changes the program's settings.")
  const input = ProgramSettingsFormSchema.parse(raw)
  const owner = await programOwner(db)
  if (!owner) throw notFound('The program has no vendor organization yet.')
  await db
    .update(programSettings)
    .set({ downgradeGraceDays: input.downgradeGraceDays, currencies: input.currencies, updatedBy: actor.userId, updatedAt: new Date() })
    .where(eq(programSettings.orgId, owner.vendorId))
}

// ---- tracks and tiers --------------------------------------------------------------------------

export async function listTracks(actor: Actor) {
  assertVendor(actor)
  const tracks = await db.select().from(programTracks).orderBy(asc(programTracks.position), asc(programTracks.name))
  const tiers = await db
    .select({ id: programTiers.id, trackId: programTiers.trackId, name: programTiers.name, rank: programTiers.rank, orgTier: programTiers.orgTier })
    .from(programTiers)
    .orderBy(asc(programTiers.rank))
  const holders = await db.select({ tierId: programStandings.currentTierId, n: count() }).from(programStandings).groupBy(programStandings.currentTierId)
  const held = new Map(holders.map((h) => [h.tierId, h.n]))
  return tracks.map((t) => ({ ...t, tiers: tiers.filter((tier) => tier.trackId === t.id).map((tier) => ({ ...tier, partners: held.get(tier.id) ?? 0 })) }))
}

async function trackOr404(q: Queryable, trackId: string) {
  const [track] = await q.select().from(programTracks).where(eq(programTracks.id, trackId))
  if (!track) throw notFound('We could not find that track.')
  return track
}

export async function getTrack(actor: Actor, trackId: string) {
  assertVendor(actor)
  const track = await trackOr404(db, trackId)
  return { track, tiers: await tiersWithRequirements(trackId) }
}

/** A track's tiers, lowest rank first, each with its requirements. */
async function tiersWithRequirements(trackId: string) {
  const tiers = await db.select().from(programTiers).where(eq(programTiers.trackId, trackId)).orderBy(asc(programTiers.rank))
  const reqs = tiers.length
    ? await db
        .select()
        .from(programRequirements)
        .where(
          inArray(
            programRequirements.tierId,
            tiers.map((t) => t.id),
          ),
        )
    : []
  return tiers.map((t) => ({ ...t, requirements: reqs.filter((r) => r.tierId === t.id) }))
}

export async function createTrack(actor: Actor, raw: TrackInput) {
  assertVendor(actor, "Only the vendor's ecosystem team defines the program's tracks.")
  assertOrgMayAct(actor, 'define tracks')
  const input = TrackSchema.parse(raw)
  let slug = slugify(input.name)
  const [taken] = await db.select({ id: programTracks.id }).from(programTracks).where(eq(programTracks.slug, slug))
  if (taken) slug = `${slug}-${Date.now().toString(36)}`
  const [row] = await db
    .insert(programTracks)
    .values({ name: input.name, slug, description: input.description ?? null, partnerTypes: input.partnerTypes, position: input.position ?? 0 })
    .returning()
  return row!
}

export async function updateTrack(actor: Actor, trackId: string, raw: TrackInput) {
  assertVendor(actor, "Only the vendor's ecosystem team defines the program's tracks.")
  assertOrgMayAct(actor, 'define tracks')
  const input = TrackSchema.parse(raw)
  await trackOr404(db, trackId)
  await db
    .update(programTracks)
    .set({ name: input.name, description: input.description ?? null, partnerTypes: input.partnerTypes, position: input.position ?? 0, updatedAt: new Date() })
    .where(eq(programTracks.id, trackId))
}

/**
 * Creates (no `tierId`) or replaces a tier and its requirements. Checked before anything is
 * written: the schema (a tier with no requirements, negative thresholds or budgets), the MDF
 * currency against the program's list, and a rank not used by another tier of the track.
 */
export async function saveTier(actor: Actor, trackId: string, tierId: string | null, raw: TierInput | Record<string, unknown>) {
  assertVendor(actor, "Only the vendor's ecosystem team defines the program's tiers.")
  assertOrgMayAct(actor, 'define tiers')
  const input = TierSchema.parse(raw)
  return db.transaction(async (tx) => {
    await trackOr404(tx, trackId)
    if (tierId) {
      const [existing] = await tx
        .select({ id: programTiers.id })
        .from(programTiers)
        .where(and(eq(programTiers.id, tierId), eq(programTiers.trackId, trackId)))
      if (!existing) throw notFound('We could not find that tier.')
    }
    const currencies = await programCurrencies(tx)
    if (!currencies.includes(input.mdfCurrency)) {
      throw invalid('Check the MDF budget’s currency.', { mdfCurrency: [`${input.mdfCurrency} is not one of the program’s currencies (${currencies.join(', ')}).`] })
    }
    const [clash] = await tx
      .select({ name: programTiers.name })
      .from(programTiers)
      .where(and(eq(programTiers.trackId, trackId), eq(programTiers.rank, input.rank), tierId ? ne(programTiers.id, tierId) : sql`true`))
    if (clash) throw conflict('Another tier of this track has that rank.', { rank: [`${clash.name} already has rank ${input.rank}; choose another.`] })
    const { requirements, ...tier } = input
    let id = tierId
    if (id) {
      await tx
        .update(programTiers)
        .set({ ...tier, updatedAt: new Date() })
        .where(eq(programTiers.id, id))
      await tx.delete(programRequirements).where(eq(programRequirements.tierId, id))
    } else {
      const [row] = await tx
        .insert(programTiers)
        .values({ ...tier, trackId })
        .returning({ id: programTiers.id })
      id = row!.id
    }
    await tx.insert(programRequirements).values(requirements.map((r) => ({ ...r, tierId: id! })))
    return { id: id! }
  })
}

/** Removes a tier no partner holds or has proposed. */
export async function deleteTier(actor: Actor, tierId: string) {
  assertVendor(actor, "Only the vendor's ecosystem team defines the program's tiers.")
  assertOrgMayAct(actor, 'define tiers')
  const [tier] = await db.select().from(programTiers).where(eq(programTiers.id, tierId))
  if (!tier) throw notFound('We could not find that tier.')
  const [held] = await db
    .select({ n: count() })
    .from(programStandings)
    .where(sql`${programStandings.currentTierId} = ${tierId} or (${programStandings.proposalStatus} = 'pending' and ${programStandings.proposedTierId} = ${tierId})`)
  if ((held?.n ?? 0) > 0) throw conflict(`${held!.n} partner(s) hold or are proposed for ${tier.name}: move them first.`)
  await db.delete(programTiers).where(eq(programTiers.id, tierId))
  return tier
}

// ---- standings ---------------------------------------------------------------------------------

export type RequirementView = { requirementId: string; metric: ProgramMetric; threshold: number; windowDays: number | null; value: number; met: boolean; gap: number }
export type TierView = {
  id: string
  name: string
  rank: number
  orgTier: string
  benefits: typeof programTiers.$inferSelect
  requirements: RequirementView[]
  allMet: boolean
}

/**
 * One partner's standing: its track's tiers with each requirement's measured value against its
 * threshold, the tier it holds, the one it qualifies for, the path to the next tier with the gap
 * per requirement, its tier's benefits, its history and certifications. The partner itself and
 * the vendor's team may read it; anyone else gets a 404.
 */
export async function getStanding(actor: Actor, orgId: string) {
  if (actor.orgId !== orgId && !isVendor(actor)) throw notFound('We could not find that partner’s standing.')
  if (actor.orgId === orgId) assertOrgMayRead(actor, 'see its program standing')
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, kind: organizations.kind, partnerType: organizations.partnerType, tier: organizations.tier })
    .from(organizations)
    .where(eq(organizations.id, orgId))
  if (!org || org.kind !== 'partner') throw notFound('We could not find that partner’s standing.')
  // The standing with what the last evaluation measured (kept in its own table, written with it).
  const [row] = await db
    .select({ standing: programStandings, measurements: programStandingMeasurements.measurements })
    .from(programStandings)
    .leftJoin(programStandingMeasurements, eq(programStandingMeasurements.orgId, programStandings.orgId))
    .where(eq(programStandings.orgId, orgId))
  const standing = row ? { ...row.standing, measurements: row.measurements ?? [] } : undefined
  const history = await db.select().from(programTierHistory).where(eq(programTierHistory.orgId, orgId)).orderBy(desc(programTierHistory.createdAt)).limit(50)
  const certifications = await db.select().from(programCertifications).where(eq(programCertifications.orgId, orgId)).orderBy(desc(programCertifications.expiresAt)).limit(200)
  if (!standing) return { org, standing: null, track: null, tiers: [] as TierView[], current: null, qualified: null, proposed: null, next: null, history, certifications }
  const track = await trackOr404(db, standing.trackId)
  const tiers = await tiersWithRequirements(track.id)
  const byReq = new Map(standing.measurements.map((m) => [m.requirementId, m]))
  const views: TierView[] = tiers.map(({ requirements: tierRequirements, ...t }) => {
    const requirements = tierRequirements.map((r) => {
      const value = byReq.get(r.id)?.value ?? 0
      return {
        requirementId: r.id,
        metric: r.metric,
        threshold: r.threshold,
        windowDays: STATE_METRICS.includes(r.metric) ? null : r.windowDays,
        value,
        met: value >= r.threshold,
        gap: Math.max(0, r.threshold - value),
      }
    })
    return { id: t.id, name: t.name, rank: t.rank, orgTier: t.orgTier, benefits: t, requirements, allMet: requirements.length > 0 && requirements.every((r) => r.met) }
  })
  const find = (id: string | null) => views.find((v) => v.id === id) ?? null
  const current = find(standing.currentTierId)
  const qualified = find(standing.qualifiedTierId)
  // The next tier up from the higher of the tier held and the tier qualified for.
  const floor = Math.max(current?.rank ?? 0, qualified?.rank ?? 0)
  const next = views.find((v) => v.rank > floor) ?? null
  return { org, standing, track, tiers: views, current, qualified, proposed: standing.proposalStatus === 'pending' ? { tier: find(standing.proposedTierId) } : null, next, history, certifications }
}

/** How many standings match `where`, in how many pages, and the window of rows page `page` shows. */
async function standingsPage(where: SQL, page: number) {
  const [counted] = await db.select({ n: count() }).from(programStandings).where(where)
  const total = counted?.n ?? 0
  return { total, pageCount: pageCountOf(total, PROGRAM_PAGE_SIZE), limit: PROGRAM_PAGE_SIZE, offset: (page - 1) * PROGRAM_PAGE_SIZE }
}

/** The proposals waiting for a decision, oldest first. */
export async function listProposals(actor: Actor, { page = 1 }: { page?: number } = {}) {
  assertVendor(actor)
  const where = eq(programStandings.proposalStatus, 'pending')
  const { total, pageCount, limit, offset } = await standingsPage(where, page)
  const rows = await db
    .select({
      orgId: programStandings.orgId,
      orgName: organizations.name,
      trackId: programStandings.trackId,
      trackName: programTracks.name,
      currentTierId: programStandings.currentTierId,
      proposedTierId: programStandings.proposedTierId,
      proposedAt: programStandings.proposedAt,
      evaluatedAt: programStandings.evaluatedAt,
    })
    .from(programStandings)
    .innerJoin(organizations, eq(organizations.id, programStandings.orgId))
    .innerJoin(programTracks, eq(programTracks.id, programStandings.trackId))
    .where(where)
    .orderBy(asc(programStandings.proposedAt), asc(organizations.name))
    .limit(limit)
    .offset(offset)
  const tierIds = [...new Set(rows.flatMap((r) => [r.currentTierId, r.proposedTierId]).filter((x): x is string => !!x))]
  const tiers = tierIds.length ? await db.select({ id: programTiers.id, name: programTiers.name, rank: programTiers.rank }).from(programTiers).where(inArray(programTiers.id, tierIds)) : []
  const tier = (id: string | null) => tiers.find((t) => t.id === id) ?? null
  return {
    total,
    pageCount,
    rows: rows.map((r) => {
      const from = tier(r.currentTierId)
      const to = tier(r.proposedTierId)
      return { ...r, from, to, direction: (to?.rank ?? 0) > (from?.rank ?? 0) ? ('upgrade' as const) : ('downgrade' as const) }
    }),
  }
}

/** Every partner's standing, by name, optionally only one track's; with tier names and grace. */
export async function listStandings(actor: Actor, { page = 1, trackId }: { page?: number; trackId?: string } = {}) {
  assertVendor(actor)
  const where = trackId ? eq(programStandings.trackId, trackId) : sql`true`
  const { total, pageCount, limit, offset } = await standingsPage(where, page)
  const rows = await db
    .select({
      orgId: programStandings.orgId,
      orgName: organizations.name,
      trackName: programTracks.name,
      currentTier: sql<string | null>`(select name from program_tiers where id = ${programStandings.currentTierId})`,
      qualifiedTier: sql<string | null>`(select name from program_tiers where id = ${programStandings.qualifiedTierId})`,
      proposalStatus: programStandings.proposalStatus,
      graceUntil: programStandings.graceUntil,
      evaluatedAt: programStandings.evaluatedAt,
    })
    .from(programStandings)
    .innerJoin(organizations, eq(organizations.id, programStandings.orgId))
    .innerJoin(programTracks, eq(programTracks.id, programStandings.trackId))
    .where(where)
    .orderBy(asc(organizations.name))
    .limit(limit)
    .offset(offset)
  return { total, pageCount, rows }
}

// ---- certifications ----------------------------------------------------------------------------

/** A partner admin records a certification one of its people holds. */
export async function addCertification(actor: Actor, raw: CertificationInput) {
  if (actor.orgKind !== 'partner') throw notFound('Certifications belong to partners’ people.')
  assertOrgAdmin(actor, 'Only an admin of your organization manages its certifications.')
  assertOrgMayAct(actor, 'record certifications')
  const input = CertificationSchema.parse(raw)
  const [row] = await db
    .insert(programCertifications)
    .values({
      orgId: actor.orgId,
      personName: input.personName,
      personEmail: input.personEmail ?? null,
      name: input.name,
      issuedAt: input.issuedAt,
      expiresAt: input.expiresAt,
      createdBy: actor.userId,
    })
    .returning()
  return row!
}

async function ownCertification(actor: Actor, certificationId: string) {
  const [row] = await db
    .select()
    .from(programCertifications)
    .where(and(eq(programCertifications.id, certificationId), eq(programCertifications.orgId, actor.orgId)))
  if (!row) throw notFound('We could not find that certification.')
  assertOrgAdmin(actor, 'Only an admin of your organization manages its certifications.')
  assertOrgMayAct(actor, 'change certifications')
  return row
}

/** Ends a certification now (it stays on record as expired). */
export async function expireCertification(actor: Actor, certificationId: string, now = new Date()) {
  const row = await ownCertification(actor, certificationId)
  if (row.expiresAt.getTime() <= now.getTime()) throw invalid('That certification has already expired.')
  const expiresAt = row.issuedAt.getTime() > now.getTime() ? row.issuedAt : now
  await db.update(programCertifications).set({ expiresAt }).where(eq(programCertifications.id, row.id))
}

export async function removeCertification(actor: Actor, certificationId: string) {
  const row = await ownCertification(actor, certificationId)
  await db.delete(programCertifications).where(eq(programCertifications.id, row.id))
}

/** How many of an organization's certifications are active now (for summaries). */
export async function activeCertificationCount(orgId: string, now = new Date()) {
  const [row] = await db
    .select({ n: count() })
    .from(programCertifications)
    .where(and(eq(programCertifications.orgId, orgId), gt(programCertifications.expiresAt, now), sql`${programCertifications.issuedAt} <= ${now}`))
  return row?.n ?? 0
}
