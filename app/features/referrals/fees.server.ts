import { aliasedTable, desc, eq, or, sql } from 'drizzle-orm'
import { db, queryRows, type Tx } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { referrals } from '#db/schema/pipeline.ts'
import { referralFees } from '#db/schema/referrals.ts'
import { conflict, forbidden, notFound } from '#app/utils/errors.ts'
import { assertOrgMayRead, isOrgAdmin, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { MarkPaidSchema } from '#app/features/referrals/schemas.ts'
import { formatMoney } from '#app/utils/money.ts'
import { assertCanAct, PAGE_SIZE, timeline } from '#app/features/referrals/records.server.ts'
import { parseOrThrow } from '#app/utils/parse.ts'

// ---------------------------------------------------------------- fee ledger ------------------

export async function listLedger(actor: Actor, { page = 1 } = {}) {
  assertOrgMayRead(actor, 'use referrals')
  const payer = aliasedTable(organizations, 'payer')
  const payee = aliasedTable(organizations, 'payee')
  const mine = or(eq(referralFees.payerOrgId, actor.orgId), eq(referralFees.payeeOrgId, actor.orgId))
  const rows = await db
    .select({ fee: referralFees, accountName: referrals.accountName, wonAmount: referrals.wonAmount, payerName: payer.name, payeeName: payee.name })
    .from(referralFees)
    .innerJoin(referrals, eq(referrals.id, referralFees.referralId))
    .innerJoin(payer, eq(payer.id, referralFees.payerOrgId))
    .innerJoin(payee, eq(payee.id, referralFees.payeeOrgId))
    .where(mine)
    .orderBy(desc(referralFees.createdAt), desc(referralFees.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
  const [totals] = await queryRows<{ owes: string; owed: string; owes_open: string; owed_open: string; n: number }>(
    db,
    sql`select coalesce(sum(amount) filter (where payer_org_id = ${actor.orgId}), 0) as owes,
               coalesce(sum(amount) filter (where payee_org_id = ${actor.orgId}), 0) as owed,
               coalesce(sum(amount) filter (where payer_org_id = ${actor.orgId} and status <> 'confirmed'), 0) as owes_open,
               coalesce(sum(amount) filter (where payee_org_id = ${actor.orgId} and status <> 'confirmed'), 0) as owed_open,
               count(*)::int as n
        from referral_fees where payer_org_id = ${actor.orgId} or payee_org_id = ${actor.orgId}`,
  )
  return {
    rows: rows.map((r) => ({
      ...r.fee,
      accountName: r.accountName,
      wonAmount: r.wonAmount,
      payerName: r.payerName,
      payeeName: r.payeeName,
      direction: r.fee.payerOrgId === actor.orgId ? ('owes' as const) : ('owed' as const),
    })),
    totals: { owes: Number(totals?.owes ?? 0), owed: Number(totals?.owed ?? 0), owesOpen: Number(totals?.owes_open ?? 0), owedOpen: Number(totals?.owed_open ?? 0) },
    total: Number(totals?.n ?? 0),
    page,
    pageSize: PAGE_SIZE,
  }
}

async function lockFee(tx: Tx, actor: Actor, feeId: string) {
  const [fee] = await tx.select().from(referralFees).where(eq(referralFees.id, feeId)).for('update')
  if (!fee || (fee.payerOrgId !== actor.orgId && fee.payeeOrgId !== actor.orgId)) throw notFound('That fee does not exist or is not yours.')
  return fee
}

/** The payer (the receiving partner) records that it paid the fee. */
export async function markFeePaid(actor: Actor, feeId: string, input: unknown = {}) {
  const { reference } = parseOrThrow(MarkPaidSchema, input, 'The fee was not marked paid.')
  assertCanAct(actor)
  return db.transaction(async (tx) => {
    const fee = await lockFee(tx, actor, feeId)
    if (fee.payerOrgId !== actor.orgId) throw forbidden('Only the partner who owes the fee can mark it paid.')
    if (!isOrgAdmin(actor)) throw forbidden('Only an admin of your organization can mark a fee paid.')
    if (fee.status !== 'owed') throw conflict(fee.status === 'paid' ? 'This fee is already marked paid; the other side has to confirm it.' : 'This fee is already paid and confirmed.')
    const now = new Date()
    await tx
      .update(referralFees)
      .set({ status: 'paid', paidAt: now, paidBy: actor.userId, paymentReference: reference ?? null })
      .where(eq(referralFees.id, feeId))
    await timeline(tx, actor, fee.referralId, {
      kind: 'fee',
      summary: `${actor.name} (${actor.orgName}) marked the fee of ${formatMoney(fee.amount)} paid${reference ? ` (reference ${reference})` : ''}.`,
    })
    await recordEvent(tx, {
      type: 'fee.paid',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'referral',
      subjectId: fee.referralId,
      payload: { feeId, amount: fee.amount, reference: reference ?? null, fromOrgId: fee.payeeOrgId, toOrgId: fee.payerOrgId },
      audience: { orgs: [fee.payerOrgId, fee.payeeOrgId] },
    })
  })
}

/** The payee (the referrer) confirms it received the fee. */
export async function confirmFeePaid(actor: Actor, feeId: string) {
  assertCanAct(actor)
  return db.transaction(async (tx) => {
    const fee = await lockFee(tx, actor, feeId)
    if (fee.payeeOrgId !== actor.orgId) throw forbidden('Only the partner who is owed the fee can confirm it was paid.')
    if (!isOrgAdmin(actor)) throw forbidden('Only an admin of your organization can confirm a payment.')
    if (fee.status !== 'paid') throw conflict(fee.status === 'owed' ? 'The fee has not been marked paid yet.' : 'This payment is already confirmed.')
    await tx.update(referralFees).set({ status: 'confirmed', confirmedAt: new Date(), confirmedBy: actor.userId }).where(eq(referralFees.id, feeId))
    await timeline(tx, actor, fee.referralId, { kind: 'fee', summary: `${actor.name} (${actor.orgName}) confirmed receiving the fee of ${formatMoney(fee.amount)}.` })
    await recordEvent(tx, {
      type: 'fee.confirmed',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'referral',
      subjectId: fee.referralId,
      payload: { feeId, amount: fee.amount, fromOrgId: fee.payeeOrgId, toOrgId: fee.payerOrgId },
      audience: { orgs: [fee.payerOrgId, fee.payeeOrgId] },
    })
  })
}
