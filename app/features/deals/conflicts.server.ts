import { sql, type SQL } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { dealConflicts, type DealKind, type StoredDealMatch } from '#db/schema/registrations.ts'
import { isVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'

/**
 * One conflict checker for every new deal — referral, co-sell, deal registration — in
 * `app/features/deals/` rather than in one of them, because all three call it and it reads all
 * three (plus the vendor's pipeline): placed in any one of them, the others would depend on it.
 *
 * The customer is matched by normalized domain (`normalizeDomain`, as every deal stores it) and,
 * when either side has no domain, by normalized name (lower case, letters and digits only). It is
 * checked against open referrals (to anyone), open co-sells, active registrations (pending, or
 * approved and still protected) and the vendor's open opportunities (those not created by
 * approving a registration: the registration stands for them).
 *
 * Trust rule: the acting partner may see in full only deals its organization is a party of (and,
 * for referrals, what sharing levels already show it — the referral code adds that). Anything
 * else flags the new deal for the vendor's review, and the partner is told only
 * {@link NEUTRAL_CONFLICT_MESSAGE}: the same words whatever matched, never who.
 */

export const NEUTRAL_CONFLICT_MESSAGE = "This customer may already be worked in the ecosystem; the vendor's team will review it."

export type DealMatch = StoredDealMatch
/** A deal to leave out of a check: the new deal itself, or the vendor opportunity a referral is for. */
export type DealRef = { kind: DealKind | 'vendor_opportunity'; id: string }
export type CustomerInput = { accountName: string; accountDomain: string | null; exclude?: DealRef[] }

const REFERRAL_LABELS: Record<string, string> = { submitted: 'submitted', accepted: 'accepted', in_progress: 'in progress' }
const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10)

/** The name key two account names are compared by (the same expression in SQL below). */
export function accountNameKey(name: string) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '')
}

function sameCustomer(table: string, input: CustomerInput): SQL {
  const nameKey = accountNameKey(input.accountName)
  const byName = nameKey ? sql`regexp_replace(lower(${sql.raw(table)}.account_name), '[^a-z0-9]+', '', 'g') = ${nameKey}` : sql`false`
  if (!input.accountDomain) return byName
  return sql`(${sql.raw(table)}.account_domain = ${input.accountDomain} or (${sql.raw(table)}.account_domain is null and ${byName}))`
}

function excluded(kind: DealRef['kind'], table: string, input: CustomerInput): SQL {
  const ids = (input.exclude ?? []).filter((e) => e.kind === kind).map((e) => e.id)
  if (!ids.length) return sql`true`
  return sql`${sql.raw(table)}.id not in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`
}

/**
 * Every deal the new one's customer matches, in full, each marked `own` when the actor's
 * organization is a party of it. The vendor's team counts as a party of everything.
 */
export async function findDealConflicts(q: Queryable, actor: Actor, input: CustomerInput): Promise<DealMatch[]> {
  const vendor = isVendor(actor)
  const own = (orgIds: string[]) => vendor || orgIds.includes(actor.orgId)
  const matches: DealMatch[] = []

  const refs = await queryRows<{ id: string; from_org_id: string; to_org_id: string; from_name: string; to_name: string; status: string; created_at: Date; account_name: string }>(
    q,
    sql`select r.id, r.from_org_id, r.to_org_id, f.name as from_name, t.name as to_name, r.status, r.created_at, r.account_name
        from referrals r join organizations f on f.id = r.from_org_id join organizations t on t.id = r.to_org_id
        where r.status in ('submitted', 'accepted', 'in_progress') and ${sameCustomer('r', input)} and ${excluded('referral', 'r', input)}
        order by r.created_at`,
  )
  for (const r of refs) {
    const orgIds = [r.from_org_id, r.to_org_id]
    matches.push({
      kind: 'referral',
      id: r.id,
      orgIds,
      own: own(orgIds),
      explanation: `Open referral of ${r.account_name} from ${r.from_name} to ${r.to_name} (${REFERRAL_LABELS[r.status] ?? r.status}, sent ${day(r.created_at)}).`,
    })
  }

  const cosells = await queryRows<{
    id: string
    org_id: string
    owner_name: string
    owner_kind: string
    stage: string
    account_name: string
    created_at: Date
    parties: string[] | null
    party_names: string[] | null
  }>(
    q,
    sql`select o.id, o.org_id, w.name as owner_name, w.kind as owner_kind, o.stage, o.account_name, o.created_at,
               array_agg(p.org_id) filter (where p.org_id is not null) as parties,
               array_agg(po.name) filter (where p.org_id is not null) as party_names
        from opportunities o join organizations w on w.id = o.org_id
        left join opportunity_participants p on p.opportunity_id = o.id and p.status in ('accepted', 'invited')
        left join organizations po on po.id = p.org_id
        where o.is_cosell and o.stage not in ('won', 'lost') and ${sameCustomer('o', input)} and ${excluded('cosell', 'o', input)}
        group by o.id, w.name, w.kind
        order by o.created_at`,
  )
  for (const c of cosells) {
    const orgIds = [c.org_id, ...(c.parties ?? [])]
    const with_ = c.party_names?.length ? ` with ${c.party_names.join(', ')}` : ''
    matches.push({
      kind: 'cosell',
      id: c.id,
      orgIds,
      own: own(orgIds),
      explanation: `Open co-sell of ${c.account_name} opened by ${c.owner_name}${with_} (stage: ${c.stage.replace(/_/g, ' ')}, opened ${day(c.created_at)}).`,
    })
  }

  const regs = await queryRows<{ id: string; org_id: string; org_name: string; status: string; protected_until: Date | null; account_name: string; created_at: Date }>(
    q,
    sql`select g.id, g.org_id, o.name as org_name, g.status, g.protected_until, g.account_name, g.created_at
        from deal_registrations g join organizations o on o.id = g.org_id
        where (g.status = 'pending' or (g.status = 'approved' and g.protected_until > now()))
          and ${sameCustomer('g', input)} and ${excluded('registration', 'g', input)}
        order by g.created_at`,
  )
  for (const g of regs) {
    matches.push({
      kind: 'registration',
      id: g.id,
      orgIds: [g.org_id],
      own: own([g.org_id]),
      explanation:
        g.status === 'pending'
          ? `Deal registration of ${g.account_name} by ${g.org_name}, waiting for approval (registered ${day(g.created_at)}).`
          : `Approved deal registration of ${g.account_name} by ${g.org_name}, protected until ${day(g.protected_until!)}.`,
    })
  }

  const opps = await queryRows<{ id: string; stage: string; account_name: string; n: number }>(
    q,
    sql`select o.id, o.stage, o.account_name, count(*) over ()::int as n
        from opportunities o join organizations v on v.id = o.org_id and v.kind = 'vendor'
        where not o.is_cosell and o.stage not in ('won', 'lost') and ${sameCustomer('o', input)}
          and not exists (select 1 from deal_registrations g where g.opportunity_id = o.id)
          and ${excluded('vendor_opportunity', 'o', input)}
        order by o.created_at
        limit 1`,
  )
  const opp = opps[0]
  if (opp) {
    const n = Number(opp.n)
    matches.push({
      kind: 'vendor_opportunity',
      id: opp.id,
      orgIds: [],
      // The vendor's pipeline is never shown to partners.
      own: vendor,
      explanation: `The vendor already has ${n === 1 ? 'an open opportunity' : `${n} open opportunities`} on ${input.accountDomain ?? opp.account_name} (stage: ${opp.stage.replace(/_/g, ' ')}).`,
    })
  }
  return matches
}

/** What the acting partner may be told about matches: its own deals in full, and the neutral message for the rest. */
export function conflictNotice(matches: readonly Pick<DealMatch, 'own' | 'explanation'>[]) {
  const visible = matches.filter((m) => m.own).map((m) => m.explanation)
  return { visible, review: matches.some((m) => !m.own) ? NEUTRAL_CONFLICT_MESSAGE : null }
}

/**
 * Puts a new deal in the vendor's conflict queue with everything it matched (inside the deal's
 * own transaction). Only the vendor's team hears of it; returns the queue entry's id.
 */
export async function flagDeal(tx: Queryable, actor: Actor, deal: { kind: DealKind; id: string; orgId: string; accountName: string; accountDomain: string | null }, matches: DealMatch[]) {
  const [row] = await tx
    .insert(dealConflicts)
    .values({ dealKind: deal.kind, dealId: deal.id, orgId: deal.orgId, accountName: deal.accountName, accountDomain: deal.accountDomain, matches })
    .returning({ id: dealConflicts.id })
  await recordEvent(tx, {
    type: 'deal_conflict.flagged',
    actorId: actor.userId,
    orgId: actor.orgId,
    subjectType: 'deal_conflict',
    subjectId: row!.id,
    payload: { conflictId: row!.id, dealKind: deal.kind, dealId: deal.id, orgId: deal.orgId, accountName: deal.accountName, matchKinds: [...new Set(matches.map((m) => m.kind))] },
    audience: { vendor: true },
  })
  return row!.id
}

/** What the deal's own organization may read about its open (or resolved) conflict: own matches in full, the neutral message otherwise. */
export async function dealConflictNotice(actor: Actor, deal: DealRef, q: Queryable = db) {
  const rows = await queryRows<{ org_id: string; matches: DealMatch[]; status: string; resolution: string | null }>(
    q,
    sql`select org_id, matches, status, resolution from deal_conflicts where deal_kind = ${deal.kind} and deal_id = ${deal.id} order by created_at desc limit 1`,
  )
  const row = rows[0]
  // Matches were judged from the deal's own organization's side: only it (and the vendor) reads this.
  if (!row || (!isVendor(actor) && row.org_id !== actor.orgId)) return null
  if (isVendor(actor)) return { visible: row.matches.map((m) => m.explanation), review: null, status: row.status, resolution: row.resolution }
  const notice = conflictNotice(row.matches)
  return { ...notice, status: row.status, resolution: row.resolution }
}
