import { and, asc, desc, eq } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { accountImportErrors, accountImportJobs } from '#db/schema/accounts.ts'
import { notFound } from '#app/utils/errors.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { assertMappingPartner } from '#app/features/accounts/connections.server.ts'
import { ERRORS_PAGE_SIZE } from '#app/features/accounts/import-fields.ts'

export type ImportJob = typeof accountImportJobs.$inferSelect

export const STALE_AFTER_MS = 2 * 60 * 1000

export async function loadJobFor(actor: Actor, jobId: string) {
  assertMappingPartner(actor)
  const [job] = await db
    .select()
    .from(accountImportJobs)
    .where(and(eq(accountImportJobs.id, jobId), eq(accountImportJobs.orgId, actor.orgId)))
  if (!job) throw notFound('We could not find that import.')
  return job
}

export async function listImportJobs(actor: Actor, { limit = 10 } = {}) {
  assertMappingPartner(actor)
  return db.select().from(accountImportJobs).where(eq(accountImportJobs.orgId, actor.orgId)).orderBy(desc(accountImportJobs.createdAt)).limit(limit)
}

export async function importErrors(actor: Actor, jobId: string, { page = 1 } = {}) {
  await loadJobFor(actor, jobId)
  const rows = await db
    .select({ rowNumber: accountImportErrors.rowNumber, reasons: accountImportErrors.reasons })
    .from(accountImportErrors)
    .where(eq(accountImportErrors.jobId, jobId))
    .orderBy(asc(accountImportErrors.rowNumber))
    .limit(ERRORS_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * ERRORS_PAGE_SIZE)
  return rows
}
