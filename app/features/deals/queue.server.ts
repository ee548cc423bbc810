import { count, desc, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { db, queryRows, type Queryable, type Tx } from '#db/client.server.ts'
import { opportunityStageHistory, type OpportunityStage } from '#db/schema/pipeline.ts'
import { CONFLICT_RESOLUTIONS, dealConflicts, type DealKind, type StoredDealMatch } from '#db/schema/registrations.ts'
import { conflict, forbidden, invalid, notFound } from '#app/utils/errors.ts'
import { assertOrgMayAct, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { CONFLICT_RESOLUTION_LABELS } from '#app/features/deals/labels.ts'
import { timeline } from '#app/features/referrals/records.server.ts'

export const QUEUE_PAGE_SIZE = 20

/** A deal as the vendor's queue shows it side by side: whose, what, how far. */
export type DealSummary = {
  kind: DealKind | 'vendor_opportunity'
  id: string
  orgName: string
  accountName: string
  accountDomain: string | null
  state: string
  amount: number
  createdAt: string
  open: boolean
}

export const ResolveSchema = z
  .object({
    resolution: z.enum(CONFLICT_RESOLUTIONS, { errorMap: () => ({ message: 'Choose a resolution: assign, merge, reject or allow both.' }) }),
    /** For assign and merge: the deal that keeps the customer, "flagged" or "kind:id" of a match. */
    keep: z.string().trim().max(100).optional(),
    note: z.string({ required_error: 'Say why (at least 3 characters).' }).trim().min(3, 'Say why (at least 3 characters).').max(1000, 'Keep the reason under 1,000 characters.'),
  })
  .superRefine((v, ctx) => {
    if (v.resolution === 'merge' && (!v.keep || v.keep === 'flagged')) ctx.addIssue({ code: 'custom', path: ['keep'], message: 'Choose the existing deal to merge the new one into.' })
    if (v.resolution === 'assign' && !v.keep) ctx.addIssue({ code: 'custom', path: ['keep'], message: 'Choose the side that keeps the customer.' })
  })

function assertVendorTeam(actor: Actor, what: string) {
  if (!isVendor(actor)) throw forbidden(`Only the vendor's ecosystem team can ${what}.`)
}

/** Current summaries of deals, by "kind:id", in four queries (one per kind). */
async function summaries(q: Queryable, refs: { kind: string; id: string }[]): Promise<Map<string, DealSummary>> {
  const ids = (kind: string) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))]
  const list = (xs: string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    )
  const out = new Map<string, DealSummary>()
  const referralIds = ids('referral')
  if (referralIds.length) {
    const rows = await queryRows<{ id: string; account_name: string; account_domain: string | null; status: string; estimated_value: number; created_at: Date; from_name: string; to_name: string }>(
      q,
      sql`select r.id, r.account_name, r.account_domain, r.status, r.estimated_value, r.created_at, f.name as from_name, t.name as to_name
          from referrals r join organizations f on f.id = r.from_org_id join organizations t on t.id = r.to_org_id where r.id in (${list(referralIds)})`,
    )
    for (const r of rows)
      out.set(`referral:${r.id}`, {
        kind: 'referral',
        id: r.id,
        orgName: `${r.from_name} → ${r.to_name}`,
        accountName: r.account_name,
        accountDomain: r.account_domain,
        state: r.status.replace(/_/g, ' '),
        amount: Number(r.estimated_value),
        createdAt: new Date(r.created_at).toISOString(),
        open: ['submitted', 'accepted', 'in_progress'].includes(r.status),
      })
  }
  const oppIds = [...ids('cosell'), ...ids('vendor_opportunity')]
  if (oppIds.length) {
    const rows = await queryRows<{ id: string; account_name: string; account_domain: string | null; stage: string; amount: number; created_at: Date; org_name: string; is_cosell: boolean }>(
      q,
      sql`select o.id, o.account_name, o.account_domain, o.stage, o.amount, o.created_at, w.name as org_name, o.is_cosell
          from opportunities o join organizations w on w.id = o.org_id where o.id in (${list(oppIds)})`,
    )
    for (const o of rows) {
      const kind = o.is_cosell ? 'cosell' : 'vendor_opportunity'
      out.set(`${kind}:${o.id}`, {
        kind,
        id: o.id,
        orgName: o.org_name,
        accountName: o.account_name,
        accountDomain: o.account_domain,
        state: o.stage.replace(/_/g, ' '),
        amount: Number(o.amount),
        createdAt: new Date(o.created_at).toISOString(),
        open: !['won', 'lost'].includes(o.stage),
      })
    }
  }
  const regIds = ids('registration')
  if (regIds.length) {
    const rows = await queryRows<{ id: string; account_name: string; account_domain: string | null; status: string; amount: number; created_at: Date; org_name: string; protected_until: Date | null }>(
      q,
      sql`select g.id, g.account_name, g.account_domain, g.status, g.amount, g.created_at, o.name as org_name, g.protected_until
          from deal_registrations g join organizations o on o.id = g.org_id where g.id in (${list(regIds)})`,
    )
    for (const g of rows)
      out.set(`registration:${g.id}`, {
        kind: 'registration',
        id: g.id,
        orgName: g.org_name,
        accountName: g.account_name,
        accountDomain: g.account_domain,
        state: g.status === 'approved' && g.protected_until ? `approved, protected until ${new Date(g.protected_until).toISOString().slice(0, 10)}` : g.status,
        amount: Number(g.amount),
        createdAt: new Date(g.created_at).toISOString(),
        open: g.status === 'pending' || g.status === 'approved',
      })
  }
  return out
}

/** The vendor's conflict queue: each flagged deal beside everything it matched, in full. */
export async function listDealConflicts(actor: Actor, { status = 'open' as 'open' | 'resolved', page = 1 } = {}) {
  assertVendorTeam(actor, 'see the conflict queue')
  const where = eq(dealConflicts.status, status)
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(dealConflicts)
      .where(where)
      .orderBy(status === 'open' ? dealConflicts.createdAt : desc(dealConflicts.resolvedAt), desc(dealConflicts.id))
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE),
    db.select({ n: count() }).from(dealConflicts).where(where),
  ])
  const refs = rows.flatMap((c) => [{ kind: c.dealKind, id: c.dealId }, ...c.matches.filter((m) => m.kind !== 'account_list')])
  const deals = await summaries(db, refs)
  return {
    rows: rows.map((c) => ({
      ...c,
      deal: deals.get(`${c.dealKind}:${c.dealId}`) ?? null,
      matches: c.matches.map((m) => ({ ...m, ref: `${m.kind}:${m.id}`, summary: deals.get(`${m.kind}:${m.id}`) ?? null })),
    })),
    total: Number(total?.n ?? 0),
    page,
    pageSize: QUEUE_PAGE_SIZE,
  }
}

/** Closes one deal because of a resolution; false when it was already closed. */
async function closeDeal(tx: Tx, actor: Actor, kind: string, id: string, reason: string): Promise<{ orgIds: string[]; accountName: string } | null> {
  const now = new Date()
  if (kind === 'registration') {
    const rows = await queryRows<{ org_id: string; account_name: string }>(
      tx,
      sql`update deal_registrations set status = 'rejected', decision_reason = ${reason}, decided_by = ${actor.userId}, decided_at = ${now}, updated_at = ${now}
          where id = ${id} and status in ('pending', 'approved') returning org_id, account_name`,
    )
    return rows[0] ? { orgIds: [rows[0].org_id], accountName: rows[0].account_name } : null
  }
  if (kind === 'referral') {
    const rows = await queryRows<{ from_org_id: string; to_org_id: string; account_name: string; status: string }>(
      tx,
      sql`update referrals r set status = 'declined', decline_reason = ${reason}, responded_at = coalesce(r.responded_at, ${now}), conflict_status = case when r.conflict_status = 'flagged' then 'resolved' else r.conflict_status end, updated_at = ${now}
          from referrals old where old.id = r.id and r.id = ${id} and r.status in ('submitted', 'accepted', 'in_progress')
          returning r.from_org_id, r.to_org_id, r.account_name, old.status`,
    )
    if (!rows[0]) return null
    await timeline(tx, actor, id, {
      kind: 'status',
      fromStatus: rows[0].status as never,
      toStatus: 'declined',
      summary: `${actor.name} (vendor) closed this referral after a conflict review: ${reason}`,
    })
    return { orgIds: [rows[0].from_org_id, rows[0].to_org_id], accountName: rows[0].account_name }
  }
  if (kind === 'cosell') {
    const rows = await queryRows<{ org_id: string; account_name: string; stage: string }>(
      tx,
      sql`update opportunities o set stage = 'lost', closed_at = ${now}, updated_at = ${now}
          from opportunities old where old.id = o.id and o.id = ${id} and o.is_cosell and o.stage not in ('won', 'lost')
          returning o.org_id, o.account_name, old.stage`,
    )
    if (!rows[0]) return null
    await tx.insert(opportunityStageHistory).values({ opportunityId: id, fromStage: rows[0].stage as OpportunityStage, toStage: 'lost', changedBy: actor.userId })
    const parts = await queryRows<{ org_id: string }>(tx, sql`select org_id from opportunity_participants where opportunity_id = ${id} and status = 'accepted'`)
    return { orgIds: [rows[0].org_id, ...parts.map((p) => p.org_id)], accountName: rows[0].account_name }
  }
  return null
}

/**
 * One-click resolutions, each recorded (who, when, why) in the audit log through its event:
 * - assign: one side keeps the customer; the other side's deals are closed (the flagged deal
 *   when a match is kept; every matched partner deal when the flagged one is kept);
 * - merge: the flagged deal is closed as merged into the chosen existing deal;
 * - reject: the flagged deal is closed;
 * - allow both: nothing is closed.
 * Closing means: a registration is rejected, a referral declined, a co-sell marked lost, each
 * with the vendor's reason. The flagged deal's organization hears the outcome; every other
 * organization whose deal was closed hears that of its own deal; nobody is told who else.
 */
export async function resolveDealConflict(actor: Actor, conflictId: string, input: unknown) {
  assertVendorTeam(actor, 'resolve conflicts')
  assertOrgMayAct(actor, 'resolve conflicts')
  const data = parseOrThrow(ResolveSchema, input, 'The conflict was not resolved: correct the highlighted fields.')
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(dealConflicts).where(eq(dealConflicts.id, conflictId)).for('update')
    if (!c) throw notFound('We could not find that conflict.')
    if (c.status !== 'open') throw conflict('This conflict was already resolved.')
    const matchRefs = c.matches.filter((m) => m.kind !== 'account_list').map((m) => `${m.kind}:${m.id}`)
    const keep = data.resolution === 'assign' || data.resolution === 'merge' ? data.keep! : null
    if (keep && keep !== 'flagged' && !matchRefs.includes(keep)) throw invalid('Choose one of the deals in this conflict.', { keep: ['Choose one of the deals in this conflict.'] })
    const label = CONFLICT_RESOLUTION_LABELS[data.resolution]
    const reason = `${label}: ${data.note}`
    const closed: { kind: string; id: string; orgIds: string[]; accountName: string }[] = []
    const closeFlagged = data.resolution === 'reject' || data.resolution === 'merge' || (data.resolution === 'assign' && keep !== 'flagged')
    if (closeFlagged) {
      const r = await closeDeal(tx, actor, c.dealKind, c.dealId, reason)
      if (r) closed.push({ kind: c.dealKind, id: c.dealId, ...r })
    }
    if (data.resolution === 'assign' && keep === 'flagged') {
      for (const m of c.matches as StoredDealMatch[]) {
        if (m.kind === 'vendor_opportunity' || m.kind === 'account_list') continue
        const r = await closeDeal(tx, actor, m.kind, m.id, reason)
        if (r) closed.push({ kind: m.kind, id: m.id, ...r })
      }
    }
    if (c.dealKind === 'referral') {
      await tx.execute(sql`update referrals set conflict_status = 'resolved', updated_at = now() where id = ${c.dealId} and conflict_status = 'flagged'`)
      await timeline(tx, actor, c.dealId, { kind: 'conflict', summary: `${actor.name} (vendor) resolved the conflict — ${reason}` })
    }
    const now = new Date()
    await tx
      .update(dealConflicts)
      .set({ status: 'resolved', resolution: data.resolution, keptDeal: keep === 'flagged' ? `${c.dealKind}:${c.dealId}` : keep, resolutionNote: data.note, resolvedBy: actor.userId, resolvedAt: now })
      .where(eq(dealConflicts.id, conflictId))
    const [flaggedOrg] = await queryRows<{ kind: string }>(tx, sql`select kind from organizations where id = ${c.orgId}`)
    await recordEvent(tx, {
      type: 'deal_conflict.resolved',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'deal_conflict',
      subjectId: c.id,
      payload: {
        conflictId: c.id,
        dealKind: c.dealKind,
        dealId: c.dealId,
        orgId: c.orgId,
        accountName: c.accountName,
        resolution: data.resolution,
        keptDeal: keep === 'flagged' ? `${c.dealKind}:${c.dealId}` : keep,
        closedDeals: closed.map((d) => `${d.kind}:${d.id}`),
        note: data.note,
        notifyOrg: flaggedOrg?.kind === 'partner',
      },
      // Which deals were kept or closed is the vendor's to know: partners hear through the notification plans only.
      audience: { vendor: true },
    })
    for (const d of closed) {
      if (d.kind === c.dealKind && d.id === c.dealId) continue
      const partnerOrgs = (
        await queryRows<{ id: string }>(
          tx,
          sql`select id from organizations where kind = 'partner' and id in (${sql.join(
            d.orgIds.map((o) => sql`${o}`),
            sql`, `,
          )})`,
        )
      ).map((o) => o.id)
      await recordEvent(tx, {
        type: 'deal_conflict.deal_closed',
        actorId: actor.userId,
        orgId: actor.orgId,
        subjectType: d.kind === 'registration' ? 'deal_registration' : d.kind === 'cosell' ? 'opportunity' : 'referral',
        subjectId: d.id,
        payload: { conflictId: c.id, dealKind: d.kind as DealKind, dealId: d.id, orgIds: partnerOrgs, accountName: d.accountName, resolution: data.resolution, note: data.note },
        audience: { vendor: true },
      })
    }
    return { resolution: data.resolution, closed: closed.map((d) => `${d.kind}:${d.id}`) }
  })
}
