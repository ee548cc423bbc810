import { and, count, desc, eq, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable, type Tx } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { opportunities, opportunityStageHistory } from '#db/schema/pipeline.ts'
import { dealRegistrations, registrationSettings, type RegistrationStatus } from '#db/schema/registrations.ts'
import { conflict, forbidden, invalid, notFound } from '#app/utils/errors.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { assertOrgMayAct, assertOrgMayRead, isVendor, orgMayAct, type Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { conflictNotice, dealConflictNotice, findDealConflicts, flagDeal } from '#app/features/deals/conflicts.server.ts'
import { vendorOrgId } from '#app/features/referrals/records.server.ts'
import { programCurrencies } from '#app/features/programs/programs.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { DecisionSchema, DEFAULT_PROTECTION_DAYS, ExtendSchema, RegistrationInputSchema, REPORTING_CURRENCY, RevokeSchema, toReporting } from '#app/features/registrations/schemas.ts'

export type Registration = typeof dealRegistrations.$inferSelect
export const PAGE_SIZE = 20
const DAY = 86_400_000
/** Reminders before the protection ends, in days; each is sent once per protection end. */
export const REMINDER_DAYS = [14, 3] as const

// ---------------------------------------------------------------- settings --------------------

/** How long an approval protects the partner: the vendor's setting, 90 days unless changed. */
export async function getProtectionDays(q: Queryable = db): Promise<number> {
  const [row] = await q
    .select({ days: registrationSettings.protectionDays })
    .from(organizations)
    .innerJoin(registrationSettings, eq(registrationSettings.orgId, organizations.id))
    .where(eq(organizations.kind, 'vendor'))
    .limit(1)
  return row?.days ?? DEFAULT_PROTECTION_DAYS
}

/** The vendor's exchange rates: reporting-currency (USD) units per unit of each other currency. */
export async function getExchangeRates(q: Queryable = db): Promise<Record<string, number>> {
  const [row] = await q
    .select({ rates: registrationSettings.exchangeRates })
    .from(organizations)
    .innerJoin(registrationSettings, eq(registrationSettings.orgId, organizations.id))
    .where(eq(organizations.kind, 'vendor'))
    .limit(1)
  return row?.rates ?? {}
}

/** Stores the exchange rates inside the caller's transaction (the vendor settings page records the event). */
export async function writeExchangeRates(tx: Tx, actor: Actor, rates: Record<string, number>) {
  const values = { orgId: actor.orgId, exchangeRates: rates, updatedBy: actor.userId, updatedAt: new Date() }
  await tx.insert(registrationSettings).values(values).onConflictDoUpdate({ target: registrationSettings.orgId, set: values })
}

/**
 * The currencies a partner may register a deal in: the program's currencies that the reporting
 * currency or a rate in the vendor's settings covers, each with its rate.
 */
export async function registrationCurrencies(q: Queryable = db): Promise<{ code: string; rate: number }[]> {
  const [listed, rates] = await Promise.all([programCurrencies(q), getExchangeRates(q)])
  const codes = [REPORTING_CURRENCY, ...listed.filter((c) => c !== REPORTING_CURRENCY)]
  return codes.flatMap((code) => (code === REPORTING_CURRENCY ? [{ code, rate: 1 }] : rates[code] ? [{ code, rate: rates[code] }] : []))
}

/** Stores the protection period inside the caller's transaction (the vendor settings page records the event). */
export async function writeProtectionDays(tx: Tx, actor: Actor, days: number) {
  const values = { orgId: actor.orgId, protectionDays: days, updatedBy: actor.userId, updatedAt: new Date() }
  await tx.insert(registrationSettings).values(values).onConflictDoUpdate({ target: registrationSettings.orgId, set: values })
}

// ---------------------------------------------------------------- access ----------------------

function assertPartnerRegistrant(actor: Actor) {
  if (actor.orgKind !== 'partner') throw forbidden('Partners register deals with the vendor; the vendor’s team approves them.')
  assertOrgMayAct(actor, 'register deals')
}

function assertVendorTeam(actor: Actor, what: string) {
  if (!isVendor(actor)) throw forbidden(`Only the vendor's ecosystem team can ${what}.`)
  assertOrgMayAct(actor, what)
}

/** A registration the actor may read: its own organization's, or any for the vendor's team; anything else is not found. */
async function loadFor(q: Queryable, actor: Actor, id: string, { lock = false } = {}) {
  assertOrgMayRead(actor, 'see deal registrations')
  const base = q.select().from(dealRegistrations).where(eq(dealRegistrations.id, id))
  const [row] = lock ? await base.for('update') : await base
  if (!row || (!isVendor(actor) && row.orgId !== actor.orgId)) throw notFound('We could not find that deal registration.')
  return row
}

async function orgName(q: Queryable, orgId: string) {
  const [o] = await q.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId))
  return o?.name ?? 'A partner'
}

const eventBase = (r: Registration, name: string) => ({ registrationId: r.id, orgId: r.orgId, orgName: name, accountName: r.accountName })

async function record<K extends Parameters<typeof recordEvent>[1]['type']>(tx: Queryable, actor: Actor | null, r: Registration, type: K, payload: unknown) {
  await recordEvent(tx, {
    type,
    actorId: actor?.userId ?? null,
    orgId: actor?.orgId ?? r.orgId,
    subjectType: 'deal_registration',
    subjectId: r.id,
    payload,
    audience: { orgs: [r.orgId], vendor: true },
  } as never)
}

// ---------------------------------------------------------------- register --------------------

/**
 * A partner registers a deal. The customer is checked against every deal in the ecosystem: its
 * own deals it is shown in full; anything else puts the registration in the vendor's conflict
 * queue and the partner reads only the neutral message.
 */
export async function submitRegistration(actor: Actor, input: unknown) {
  assertPartnerRegistrant(actor)
  const data = parseOrThrow(RegistrationInputSchema, input, 'The deal was not registered: correct the highlighted fields.')
  let domain: string | null = null
  if (data.accountDomain) {
    domain = normalizeDomain(data.accountDomain)
    if (!domain) throw invalid('The deal was not registered: correct the highlighted fields.', { accountDomain: ['Enter a web domain like example.com, or leave it empty.'] })
  }
  const currencies = await registrationCurrencies()
  const currency = currencies.find((c) => c.code === data.currency)
  if (!currency) {
    throw invalid('The deal was not registered: correct the highlighted fields.', {
      currency: [`${data.currency} is not one of the currencies deals can be registered in (${currencies.map((c) => c.code).join(', ')}).`],
    })
  }
  const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z')
  if (data.expectedCloseAt < today) throw invalid('The deal was not registered: correct the highlighted fields.', { expectedCloseAt: ['The expected close date cannot be in the past.'] })
  return db.transaction(async (tx) => {
    // Serialize registrations of one customer so two partners cannot both miss each other.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deal:${domain ?? data.accountName.toLowerCase()}`}))`)
    const [row] = await tx
      .insert(dealRegistrations)
      .values({
        orgId: actor.orgId,
        createdBy: actor.userId,
        accountName: data.accountName,
        accountDomain: domain,
        amount: data.amount,
        currency: currency.code,
        // Frozen at submission, so the figures do not move with later rate changes (docs/metrics.md).
        exchangeRate: currency.rate,
        amountReporting: toReporting(data.amount, currency.rate),
        products: data.products,
        expectedCloseAt: data.expectedCloseAt,
        notes: data.notes || null,
      })
      .returning()
    const r = row!
    const matches = await findDealConflicts(tx, actor, { accountName: r.accountName, accountDomain: r.accountDomain, exclude: [{ kind: 'registration', id: r.id }] })
    const flagged = matches.some((m) => !m.own)
    if (flagged) await flagDeal(tx, actor, { kind: 'registration', id: r.id, orgId: r.orgId, accountName: r.accountName, accountDomain: r.accountDomain }, matches)
    await record(tx, actor, r, 'registration.submitted', { ...eventBase(r, actor.orgName), amount: r.amount, flagged })
    return { registration: r, notice: conflictNotice(matches) }
  })
}

// ---------------------------------------------------------------- read ------------------------

/** The partner's own registrations, or (vendor's team) every partner's: newest first, a page at a time. */
export async function listRegistrations(actor: Actor, { status = 'all' as RegistrationStatus | 'all', page = 1 } = {}) {
  assertOrgMayRead(actor, 'see deal registrations')
  if (actor.orgKind === 'vendor' && !isVendor(actor)) throw forbidden()
  const where = and(isVendor(actor) ? undefined : eq(dealRegistrations.orgId, actor.orgId), status === 'all' ? undefined : eq(dealRegistrations.status, status))
  const [rows, [total]] = await Promise.all([
    db
      .select({
        registration: dealRegistrations,
        orgName: organizations.name,
        flagged: sql<boolean>`exists (select 1 from deal_conflicts c where c.deal_kind = 'registration' and c.deal_id = ${dealRegistrations.id} and c.status = 'open')`,
      })
      .from(dealRegistrations)
      .innerJoin(organizations, eq(organizations.id, dealRegistrations.orgId))
      .where(where)
      .orderBy(status === 'pending' ? dealRegistrations.createdAt : desc(dealRegistrations.createdAt), desc(dealRegistrations.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(dealRegistrations).where(where),
  ])
  return {
    rows: rows.map((r) => ({ ...r.registration, orgName: r.orgName, flagged: Boolean(r.flagged) })),
    total: Number(total?.n ?? 0),
    page,
    pageSize: PAGE_SIZE,
  }
}

/** One registration with what the actor may do and know (its conflict: own deals in full, the neutral message otherwise). */
export async function getRegistration(actor: Actor, id: string) {
  const r = await loadFor(db, actor, id)
  const [name, notice] = await Promise.all([orgName(db, r.orgId), dealConflictNotice(actor, { kind: 'registration', id: r.id })])
  const vendorTeam = isVendor(actor) && orgMayAct(actor)
  return {
    registration: r,
    orgName: name,
    conflict: notice,
    can: {
      decide: vendorTeam && r.status === 'pending',
      extend: vendorTeam && r.status === 'approved',
      revoke: vendorTeam && (r.status === 'approved' || r.status === 'expired') && Boolean(r.opportunityId),
    },
  }
}

// ---------------------------------------------------------------- decide ----------------------

/**
 * The vendor's team approves (the partner is protected for the configured period; a vendor
 * opportunity sourced by the partner is created, so the deal counts as partner-sourced pipeline)
 * or rejects with a reason.
 */
export async function decideRegistration(actor: Actor, id: string, input: unknown) {
  assertVendorTeam(actor, 'approve or reject deal registrations')
  const data = parseOrThrow(DecisionSchema, input, 'Nothing was decided: correct the highlighted fields.')
  return db.transaction(async (tx) => {
    const r = await loadFor(tx, actor, id, { lock: true })
    if (r.status !== 'pending') throw conflict(`This registration was already ${r.status}.`)
    const name = await orgName(tx, r.orgId)
    const now = new Date()
    if (data.decision === 'reject') {
      const [updated] = await tx
        .update(dealRegistrations)
        .set({ status: 'rejected', decisionReason: data.reason, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
        .where(eq(dealRegistrations.id, id))
        .returning()
      await record(tx, actor, updated!, 'registration.rejected', { ...eventBase(updated!, name), reason: data.reason })
      return updated!
    }
    const days = await getProtectionDays(tx)
    const protectedUntil = new Date(now.getTime() + days * DAY)
    const vendorId = (await vendorOrgId(tx)) ?? actor.orgId
    const [opp] = await tx
      .insert(opportunities)
      .values({
        orgId: vendorId,
        title: `Registered deal: ${r.accountName}`,
        accountName: r.accountName,
        accountDomain: r.accountDomain,
        // The vendor's pipeline is in the reporting currency.
        amount: r.amountReporting,
        stage: 'qualified',
        sourcedByOrgId: r.orgId,
        expectedCloseAt: r.expectedCloseAt,
        notes: `Products: ${r.products.join(', ')}${r.currency === REPORTING_CURRENCY ? '' : `. Registered as ${formatMoney(r.amount, 'cents', r.currency)} at ${r.exchangeRate} ${REPORTING_CURRENCY}/${r.currency}.`}`,
        createdBy: actor.userId,
      })
      .returning({ id: opportunities.id })
    await tx.insert(opportunityStageHistory).values({ opportunityId: opp!.id, fromStage: null, toStage: 'qualified', changedBy: actor.userId })
    const [updated] = await tx
      .update(dealRegistrations)
      .set({ status: 'approved', decisionReason: data.reason || null, decidedBy: actor.userId, decidedAt: now, protectedUntil, opportunityId: opp!.id, updatedAt: now })
      .where(eq(dealRegistrations.id, id))
      .returning()
    await record(tx, actor, updated!, 'registration.approved', { ...eventBase(updated!, name), protectedUntil: protectedUntil.toISOString(), opportunityId: opp!.id, reason: data.reason || null })
    return updated!
  })
}

/** The vendor's team extends an approved registration's protection by some days, with a reason; reminders start over for the new end. */
export async function extendRegistration(actor: Actor, id: string, input: unknown) {
  assertVendorTeam(actor, 'extend deal registrations')
  const data = parseOrThrow(ExtendSchema, input, 'The registration was not extended: correct the highlighted fields.')
  return db.transaction(async (tx) => {
    const r = await loadFor(tx, actor, id, { lock: true })
    if (r.status !== 'approved' || !r.protectedUntil) throw conflict(`Only an approved registration can be extended; this one is ${r.status}.`)
    const now = new Date()
    const from = r.protectedUntil > now ? r.protectedUntil : now
    const until = new Date(from.getTime() + data.days * DAY)
    const [updated] = await tx
      .update(dealRegistrations)
      .set({ protectedUntil: until, extensions: r.extensions + 1, reminded14At: null, reminded3At: null, updatedAt: now })
      .where(eq(dealRegistrations.id, id))
      .returning()
    await record(tx, actor, updated!, 'registration.extended', {
      ...eventBase(updated!, await orgName(tx, r.orgId)),
      protectedUntil: until.toISOString(),
      previousUntil: r.protectedUntil.toISOString(),
      days: data.days,
      reason: data.reason,
    })
    return updated!
  })
}

/**
 * The vendor's team revokes an approval (rejects the registration after all), with a reason.
 * The vendor opportunity the approval created is closed lost at the revocation and no longer
 * sourced by the partner, so it stops counting as partner-sourced pipeline (docs/metrics.md);
 * the registration keeps the link to it and the event records the amount and the stage it had.
 */
export async function revokeRegistration(actor: Actor, id: string, input: unknown) {
  assertVendorTeam(actor, 'revoke deal registrations')
  const data = parseOrThrow(RevokeSchema, input, 'The approval was not revoked: correct the highlighted fields.')
  return db.transaction(async (tx) => {
    const r = await loadFor(tx, actor, id, { lock: true })
    if (r.status !== 'approved' && r.status !== 'expired') throw conflict(`Only an approved registration can have its approval revoked; this one is ${r.status}.`)
    const now = new Date()
    let closedFrom: string | null = null
    if (r.opportunityId) {
      const [opp] = await tx.select({ stage: opportunities.stage }).from(opportunities).where(eq(opportunities.id, r.opportunityId)).for('update')
      closedFrom = opp?.stage ?? null
      if (opp) {
        // An open opportunity is closed lost now; one already won or lost keeps its outcome. Either way it is no longer the partner's.
        const open = opp.stage !== 'won' && opp.stage !== 'lost'
        await tx
          .update(opportunities)
          .set(open ? { stage: 'lost', closedAt: now, sourcedByOrgId: null, updatedAt: now } : { sourcedByOrgId: null, updatedAt: now })
          .where(eq(opportunities.id, r.opportunityId))
        if (open) await tx.insert(opportunityStageHistory).values({ opportunityId: r.opportunityId, fromStage: opp.stage, toStage: 'lost', changedBy: actor.userId })
      }
    }
    const [updated] = await tx
      .update(dealRegistrations)
      .set({ status: 'revoked', decisionReason: data.reason, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
      .where(eq(dealRegistrations.id, id))
      .returning()
    await record(tx, actor, updated!, 'registration.revoked', {
      ...eventBase(updated!, await orgName(tx, r.orgId)),
      reason: data.reason,
      opportunityId: r.opportunityId,
      previousStage: closedFrom,
    })
    return updated!
  })
}

// ---------------------------------------------------------------- expiry and reminders --------

type Claimed = { id: string; org_id: string; org_name: string; account_name: string; protected_until: Date }

/**
 * The periodic job: approved registrations whose protection ended become `expired`, and the
 * partner's admins are reminded 14 and 3 days before the end. Each row is claimed with
 * UPDATE … RETURNING (the reminder column set, or the status changed) in the same transaction
 * as its event, so a reminder is sent once however often, and on however many nodes, it runs.
 * A registration already within 3 days gets only the 3-day reminder.
 */
export async function runRegistrationMaintenance(now = new Date()) {
  return db.transaction(async (tx) => {
    const emit = async (rows: Claimed[], type: 'registration.expired' | 'registration.expiry_reminder') => {
      for (const row of rows) {
        const until = new Date(row.protected_until)
        const payload = { registrationId: row.id, orgId: row.org_id, orgName: row.org_name, accountName: row.account_name, protectedUntil: until.toISOString() }
        await recordEvent(tx, {
          type,
          actorId: null,
          orgId: row.org_id,
          subjectType: 'deal_registration',
          subjectId: row.id,
          payload: type === 'registration.expired' ? payload : { ...payload, daysLeft: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / DAY)) },
          audience: { orgs: [row.org_id], vendor: true },
        } as never)
      }
    }
    const expired = await queryRows<Claimed>(
      tx,
      sql`update deal_registrations g set status = 'expired', expired_at = ${now}, updated_at = ${now}
          from organizations o
          where o.id = g.org_id and g.status = 'approved' and g.protected_until <= ${now}
          returning g.id, g.org_id, o.name as org_name, g.account_name, g.protected_until`,
    )
    await emit(expired, 'registration.expired')
    const in3 = new Date(now.getTime() + 3 * DAY)
    const in14 = new Date(now.getTime() + 14 * DAY)
    const three = await queryRows<Claimed>(
      tx,
      sql`update deal_registrations g set reminded_3_at = ${now}, reminded_14_at = coalesce(g.reminded_14_at, ${now})
          from organizations o
          where o.id = g.org_id and g.status = 'approved' and g.reminded_3_at is null and g.protected_until > ${now} and g.protected_until <= ${in3}
          returning g.id, g.org_id, o.name as org_name, g.account_name, g.protected_until`,
    )
    await emit(three, 'registration.expiry_reminder')
    const fourteen = await queryRows<Claimed>(
      tx,
      sql`update deal_registrations g set reminded_14_at = ${now}
          from organizations o
          where o.id = g.org_id and g.status = 'approved' and g.reminded_14_at is null and g.protected_until > ${in3} and g.protected_until <= ${in14}
          returning g.id, g.org_id, o.name as org_name, g.account_name, g.protected_until`,
    )
    await emit(fourteen, 'registration.expiry_reminder')
    return { expired: expired.length, reminded: three.length + fourteen.length }
  })
}
