import { eq } from 'drizzle-orm'
import { db, type Queryable, type Tx } from '#db/client.server.ts'
import { referralProgramSettings } from '#db/schema/referrals.ts'
import { organizations } from '#db/schema/orgs.ts'
import { forbidden } from '#app/utils/errors.ts'
import type { z } from 'zod'
import { type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { ProgramSettingsSchema } from '#app/features/referrals/schemas.ts'
import { parseOrThrow } from '#app/utils/parse.ts'

// ---------------------------------------------------------------- program settings ------------

export type ProgramSettings = {
  remindAfterHours: number
  expireAfterHours: number
  defaultFeeType: 'none' | 'percent' | 'fixed'
  defaultFeePercentBps: number | null
  defaultFeeFixedAmount: number | null
  defaultFeeCapAmount: number | null
}
export const DEFAULT_SETTINGS: ProgramSettings = {
  remindAfterHours: 48,
  expireAfterHours: 120,
  defaultFeeType: 'percent',
  defaultFeePercentBps: 1000,
  defaultFeeFixedAmount: null,
  defaultFeeCapAmount: null,
}

export async function getProgramSettings(q: Queryable = db): Promise<ProgramSettings> {
  // The vendor's settings (the first vendor org, as vendorOrgId picks it), in one query.
  const [row] = await q
    .select({ settings: referralProgramSettings })
    .from(organizations)
    .leftJoin(referralProgramSettings, eq(referralProgramSettings.orgId, organizations.id))
    .where(eq(organizations.kind, 'vendor'))
    .limit(1)
  return row?.settings ? { ...DEFAULT_SETTINGS, ...row.settings } : DEFAULT_SETTINGS
}

export async function updateProgramSettings(actor: Actor, input: unknown) {
  if (!(actor.orgKind === 'vendor' && actor.role === 'vendor_admin')) throw forbidden("Only the vendor's admins can change the referral program.")
  const data = parseOrThrow(ProgramSettingsSchema, input, 'The settings were not saved.')
  return db.transaction(async (tx) => {
    const values = await writeProgramSettings(tx, actor, data)
    await recordEvent(tx, { type: 'referral_program.updated', actorId: actor.userId, orgId: actor.orgId, subjectType: 'org', subjectId: actor.orgId, payload: { ...values, updatedAt: undefined } })
  })
}

/** Stores validated program settings inside the caller's transaction (the caller records the event). */
export async function writeProgramSettings(tx: Tx, actor: Actor, data: z.output<typeof ProgramSettingsSchema>) {
  const values = {
    orgId: actor.orgId,
    remindAfterHours: data.remindAfterHours,
    expireAfterHours: data.expireAfterHours,
    defaultFeeType: data.feeType,
    defaultFeePercentBps: data.feePercentBps,
    defaultFeeFixedAmount: data.feeFixedAmount,
    defaultFeeCapAmount: data.feeCapAmount,
    updatedBy: actor.userId,
    updatedAt: new Date(),
  }
  await tx.insert(referralProgramSettings).values(values).onConflictDoUpdate({ target: referralProgramSettings.orgId, set: values })
  return values
}

export async function programDefaults() {
  const s = await getProgramSettings()
  return { feeType: s.defaultFeeType, feePercentBps: s.defaultFeePercentBps, feeFixedAmount: s.defaultFeeFixedAmount, feeCapAmount: s.defaultFeeCapAmount }
}
