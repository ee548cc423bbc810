import { createHash } from 'node:crypto'
import { asc, eq, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { programRequirements, programSettings, programTiers, programTracks, type MeasuredRequirement } from '#db/schema/programs.ts'
import type { PartnerType } from '#db/vocab.ts'
import { assertVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvents, type NewEvent } from '#app/features/events/outbox.server.ts'
import { textArray } from '#app/features/analytics/sql-util.server.ts'
import { measureAll, measureKey, windowsOf } from '#app/features/programs/measure.server.ts'
import { DEFAULT_DOWNGRADE_GRACE_DAYS, type ProgramMetric, type ProposalStatus } from '#app/features/programs/vocab.ts'

/**
 * Tier evaluation: measures every requirement of every tier for all partners at once
 * (measure.server.ts), then decides each partner's standing in memory: which requirements are met,
 * the highest tier whose requirements are all met, and a proposed change. An upgrade is proposed
 * at once; a downgrade only once the grace period that the first evaluation finding the partner
 * below its tier started has passed and the partner is still below. Only the vendor's team turns a
 * proposal into a tier (decisions.server.ts).
 */

const DAY_MS = 86_400_000

export type TierDef = { id: string; trackId: string; name: string; rank: number; requirements: { id: string; metric: ProgramMetric; threshold: number; windowDays: number }[] }
export type TrackDef = { id: string; name: string; partnerTypes: PartnerType[]; position: number; tiers: TierDef[] }

/** The program as defined: tracks in order, each with its tiers by rank and their requirements. */
export async function loadProgram(q: Queryable): Promise<TrackDef[]> {
  const tracks = await q.select().from(programTracks).orderBy(asc(programTracks.position), asc(programTracks.name))
  const tiers = await q.select({ id: programTiers.id, trackId: programTiers.trackId, name: programTiers.name, rank: programTiers.rank }).from(programTiers).orderBy(asc(programTiers.rank))
  const reqs = await q.select().from(programRequirements)
  return tracks.map((t) => ({
    id: t.id,
    name: t.name,
    partnerTypes: t.partnerTypes as PartnerType[],
    position: t.position,
    tiers: tiers
      .filter((tier) => tier.trackId === t.id)
      .map((tier) => ({
        ...tier,
        requirements: reqs.filter((r) => r.tierId === tier.id).map((r) => ({ id: r.id, metric: r.metric, threshold: r.threshold, windowDays: r.windowDays })),
      })),
  }))
}

/** The track a partner of this type is evaluated in: the first (by position) that lists its type. */
export function trackFor(tracks: TrackDef[], partnerType: PartnerType | null) {
  return partnerType ? (tracks.find((t) => t.partnerTypes.includes(partnerType)) ?? null) : null
}

export type PriorStanding = {
  trackId: string
  currentTierId: string | null
  proposalStatus: ProposalStatus
  proposedTierId: string | null
  proposedAt: Date | null
  graceUntil: Date | null
}

export type Decision = {
  measurements: MeasuredRequirement[]
  qualifiedTierId: string | null
  currentTierId: string | null
  proposalStatus: ProposalStatus
  proposedTierId: string | null
  proposedAt: Date | null
  graceUntil: Date | null
  /** A new proposal to announce (not one already pending for the same tier). */
  newProposal: { direction: 'upgrade' | 'downgrade'; fromTierId: string | null; toTierId: string | null } | null
}

/**
 * One partner's standing from its measured values: pure, so it is tested directly. `values`
 * gives each requirement's measured value.
 */
export function decide(track: TrackDef, prior: PriorStanding | null, value: (r: TierDef['requirements'][number]) => number, now: Date, graceDays: number): Decision {
  const measurements: MeasuredRequirement[] = []
  let qualified: TierDef | null = null
  for (const tier of track.tiers) {
    let all = tier.requirements.length > 0
    for (const r of tier.requirements) {
      const v = value(r)
      const met = v >= r.threshold
      all &&= met
      measurements.push({ requirementId: r.id, tierId: tier.id, metric: r.metric, threshold: r.threshold, windowDays: r.windowDays, value: v, met })
    }
    if (all && (!qualified || tier.rank > qualified.rank)) qualified = tier
  }
  // A standing from another track (the partner's type changed) starts again without a tier.
  const sameTrack = prior?.trackId === track.id
  const currentTierId = sameTrack ? prior!.currentTierId : null
  const current = track.tiers.find((t) => t.id === currentTierId) ?? null
  const currentRank = current?.rank ?? 0
  const qualifiedRank = qualified?.rank ?? 0
  const pending = sameTrack && prior!.proposalStatus === 'pending'
  const base = { measurements, qualifiedTierId: qualified?.id ?? null, currentTierId: current?.id ?? null }
  const lastDecision: ProposalStatus = sameTrack && prior!.proposalStatus !== 'pending' ? prior!.proposalStatus : 'none'

  const propose = (direction: 'upgrade' | 'downgrade', graceUntil: Date | null): Decision => {
    const target = qualified?.id ?? null
    if (pending && prior!.proposedTierId === target) {
      return { ...base, proposalStatus: 'pending', proposedTierId: target, proposedAt: prior!.proposedAt, graceUntil, newProposal: null }
    }
    return { ...base, proposalStatus: 'pending', proposedTierId: target, proposedAt: now, graceUntil, newProposal: { direction, fromTierId: current?.id ?? null, toTierId: target } }
  }

  if (qualifiedRank > currentRank) return propose('upgrade', null)
  if (qualifiedRank === currentRank) {
    // At its tier: nothing to propose, any grace or stale proposal ends.
    return { ...base, proposalStatus: lastDecision, proposedTierId: null, proposedAt: null, graceUntil: null, newProposal: null }
  }
  // Below its tier: the first such evaluation starts the grace; a downgrade is proposed once it has passed.
  const graceUntil = sameTrack && prior!.graceUntil ? prior!.graceUntil : new Date(now.getTime() + graceDays * DAY_MS)
  if (graceUntil.getTime() <= now.getTime()) return propose('downgrade', graceUntil)
  return { ...base, proposalStatus: lastDecision, proposedTierId: null, proposedAt: null, graceUntil, newProposal: null }
}

export type EvaluationResult = { evaluated: number; proposed: number; inGrace: number; skipped: boolean }

/** The vendor org (the program's owner) and its settings, created with their defaults on first use. */
export async function programOwner(q: Queryable) {
  const [vendor] = await q.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'vendor')).orderBy(asc(organizations.createdAt)).limit(1)
  if (!vendor) return null
  await q.insert(programSettings).values({ orgId: vendor.id }).onConflictDoNothing()
  const [settings] = await q.select().from(programSettings).where(eq(programSettings.orgId, vendor.id))
  return { vendorId: vendor.id, settings: settings! }
}

type StandingRow = {
  org_id: string
  track_id: string
  current_tier_id: string | null
  measurements: MeasuredRequirement[]
  qualified_tier_id: string | null
  proposal_status: ProposalStatus
  proposed_tier_id: string | null
  proposed_at: string | null
  grace_until: string | null
}

/**
 * What a program's definition contributes to every fingerprint (each requirement's tier, metric,
 * threshold and window, in order), hashed once per evaluation: a standing's measurements are this
 * definition plus the measured values, so the per-partner hash covers them through the values alone.
 */
function programSignature(program: TrackDef[]) {
  const defs = program.map((t) => [t.id, t.tiers.map((tier) => [tier.id, tier.rank, tier.requirements.map((r) => [r.id, r.metric, r.threshold, r.windowDays])])])
  return createHash('sha256').update(JSON.stringify(defs)).digest('base64url')
}

/**
 * The hash of a standing as the evaluation decided it: the evaluation writes only the standings
 * whose hash differs from the stored one (a nightly run changes a few: a partner's figures move
 * when one of its deals enters or leaves a window), and stamps the others. It hashes a short
 * string (the program's signature, the decision and the measured values), not the measurements'
 * JSON: the evaluation computes one for every partner.
 */
function fingerprintOf(signature: string, row: Omit<StandingRow, 'measurements'>, values: number[]) {
  const decision = [row.org_id, row.track_id, row.current_tier_id, row.qualified_tier_id, row.proposal_status, row.proposed_tier_id, row.proposed_at, row.grace_until]
  return createHash('sha256')
    .update(`${signature}|${decision.join('|')}|${values.join(',')}`)
    .digest('base64url')
}

/**
 * The changed standings in one statement (the rows travel as one JSON document, unpacked by
 * jsonb_to_recordset and upserted together, with their measurements into their own table: one
 * parse, one plan, one index pass each), and the unchanged ones stamped with this evaluation's time
 * in another: no document to parse, no indexed column changes and the rows are narrow, with room
 * left on their pages (migration 0053), so each stamp is a small in-page (HOT) update.
 */
async function writeStandings(tx: Queryable, changed: (StandingRow & { fingerprint: string })[], unchanged: string[], now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`
  if (changed.length) {
    await tx.execute(sql`
      with x as materialized (
        select * from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as x(
          org_id text, track_id text, current_tier_id text, measurements jsonb, qualified_tier_id text, proposal_status text, proposed_tier_id text, proposed_at timestamptz, grace_until timestamptz, fingerprint text)
      ), standings as (
        insert into program_standings (org_id, track_id, current_tier_id, evaluated_at, qualified_tier_id, proposal_status, proposed_tier_id, proposed_at, grace_until, updated_at, fingerprint)
        select x.org_id, x.track_id, x.current_tier_id, ${at}, x.qualified_tier_id, x.proposal_status, x.proposed_tier_id, x.proposed_at, x.grace_until, ${at}, x.fingerprint
        from x
        on conflict (org_id) do update set
          track_id = excluded.track_id, current_tier_id = excluded.current_tier_id, evaluated_at = excluded.evaluated_at,
          qualified_tier_id = excluded.qualified_tier_id, proposal_status = excluded.proposal_status, proposed_tier_id = excluded.proposed_tier_id,
          proposed_at = excluded.proposed_at, grace_until = excluded.grace_until, updated_at = excluded.updated_at, fingerprint = excluded.fingerprint
      )
      insert into program_standing_measurements (org_id, measurements)
      select x.org_id, x.measurements from x
      on conflict (org_id) do update set measurements = excluded.measurements`)
  }
  if (unchanged.length) {
    await tx.execute(sql`update program_standings set evaluated_at = ${at}, updated_at = ${at} where org_id = any(${textArray(unchanged)})`)
  }
}

/**
 * Evaluates every active partner that belongs to a track, in one transaction: measures all
 * requirements with set-based queries (one per metric family), writes the standings that changed in
 * one statement (and stamps the others in another) and announces new proposals. An advisory lock keeps two nodes (or the nightly job and "Evaluate now") from
 * evaluating at once; the loser reports `skipped`.
 */
export async function evaluateAll({ now = new Date(), actorId = null }: { now?: Date; actorId?: string | null } = {}): Promise<EvaluationResult> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext('program-evaluation')) as ok`)
    if (!lock?.ok) return { evaluated: 0, proposed: 0, inGrace: 0, skipped: true }
    // A batch over whole tables: room for the hash joins and aggregates to stay in memory, no JIT
    // compilation and no parallel workers (each measuring query reads ~100k rows at most, month
    // sums included: starting workers costs more than they save, 36–80 ms serial vs 53–97 ms with
    // two workers for the referrals' query on the bench data).
    await tx.execute(sql`set local work_mem = '64MB'`)
    await tx.execute(sql`set local jit = off`)
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`)
    const owner = await programOwner(tx)
    const graceDays = owner?.settings.downgradeGraceDays ?? DEFAULT_DOWNGRADE_GRACE_DAYS
    const program = await loadProgram(tx)
    const tiers = new Map(program.flatMap((t) => t.tiers.map((tier) => [tier.id, { tier, track: t }] as const)))
    // Each requirement's key in the measurements, computed once (not once per partner).
    const keys = new Map(program.flatMap((t) => t.tiers.flatMap((tier) => tier.requirements.map((r) => [r.id, measureKey(r.metric, r.windowDays)] as const))))
    const signature = programSignature(program)
    // The monthly sums appended since the last evaluation, folded into one row per month and partner (migrations 0056, 0058).
    await tx.execute(sql`select program_compact_pipeline_months(), program_compact_referral_months()`)
    const measurements = await measureAll(tx, windowsOf(program.flatMap((t) => t.tiers.flatMap((tier) => tier.requirements))), now)
    const partners = await queryRows<{
      id: string
      name: string
      partner_type: PartnerType | null
      track_id: string | null
      current_tier_id: string | null
      proposal_status: ProposalStatus | null
      proposed_tier_id: string | null
      proposed_at: string | null
      grace_until: string | null
      fingerprint: string | null
    }>(
      tx,
      sql`select o.id, o.name, o.partner_type, s.track_id, s.current_tier_id, s.proposal_status, s.proposed_tier_id, s.proposed_at::text, s.grace_until::text, s.fingerprint
          from organizations o left join program_standings s on s.org_id = o.id
          where o.kind = 'partner' and o.status = 'active'`,
    )
    const changed: (StandingRow & { fingerprint: string })[] = []
    const unchanged: string[] = []
    const events: NewEvent[] = []
    let inGrace = 0
    for (const p of partners) {
      const track = trackFor(program, p.partner_type)
      if (!track) continue
      const prior: PriorStanding | null = p.track_id
        ? {
            trackId: p.track_id,
            currentTierId: p.current_tier_id,
            proposalStatus: p.proposal_status ?? 'none',
            proposedTierId: p.proposed_tier_id,
            proposedAt: p.proposed_at ? new Date(p.proposed_at) : null,
            graceUntil: p.grace_until ? new Date(p.grace_until) : null,
          }
        : null
      const values = measurements.get(p.id)
      const d = decide(track, prior, (r) => values?.get(keys.get(r.id)!) ?? 0, now, graceDays)
      if (d.graceUntil && d.proposalStatus !== 'pending') inGrace++
      const row = {
        org_id: p.id,
        track_id: track.id,
        current_tier_id: d.currentTierId,
        qualified_tier_id: d.qualifiedTierId,
        proposal_status: d.proposalStatus,
        proposed_tier_id: d.proposedTierId,
        proposed_at: d.proposedAt?.toISOString() ?? null,
        grace_until: d.graceUntil?.toISOString() ?? null,
      }
      const fingerprint = fingerprintOf(
        signature,
        row,
        d.measurements.map((m) => m.value),
      )
      if (fingerprint === p.fingerprint) unchanged.push(p.id)
      else changed.push({ ...row, measurements: d.measurements, fingerprint })
      if (d.newProposal) {
        const from = d.newProposal.fromTierId ? tiers.get(d.newProposal.fromTierId)!.tier : null
        const to = d.newProposal.toTierId ? tiers.get(d.newProposal.toTierId)!.tier : null
        events.push({
          type: 'program.tier_proposed',
          actorId,
          orgId: p.id,
          subjectType: 'program_standing',
          subjectId: p.id,
          audit: false,
          payload: {
            orgId: p.id,
            orgName: p.name,
            trackId: track.id,
            trackName: track.name,
            fromTierId: from?.id ?? null,
            fromTierName: from?.name ?? null,
            toTierId: to?.id ?? null,
            toTierName: to?.name ?? null,
            direction: d.newProposal.direction,
          },
        })
      }
    }
    await writeStandings(tx, changed, unchanged, now)
    if (events.length) await recordEvents(tx, events)
    if (owner) await tx.update(programSettings).set({ lastEvaluatedAt: now }).where(eq(programSettings.orgId, owner.vendorId))
    return { evaluated: changed.length + unchanged.length, proposed: events.length, inGrace, skipped: false }
  })
}

/** "Evaluate now", for the vendor's team. */
export async function evaluateNow(actor: Actor, now = new Date()) {
  assertVendor(actor, "Only the vendor's ecosystem team evaluates the program.")
  return evaluateAll({ now, actorId: actor.userId })
}

/** The hour (UTC) after which the nightly evaluation runs. */
export const NIGHTLY_HOUR_UTC = 2

/** The latest nightly slot at or before `now`: today's 02:00 UTC, or yesterday's before that hour. */
export function lastNightlySlot(now: Date) {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), NIGHTLY_HOUR_UTC))
  return slot.getTime() > now.getTime() ? new Date(slot.getTime() - DAY_MS) : slot
}

/** The nightly job: evaluates once per day, the first time it runs after 02:00 UTC (any node; the lock keeps it to one). */
export async function runNightlyEvaluation(now = new Date()) {
  const owner = await programOwner(db)
  if (!owner) return null
  const last = owner.settings.lastEvaluatedAt
  if (last && last.getTime() >= lastNightlySlot(now).getTime()) return null
  return evaluateAll({ now })
}
