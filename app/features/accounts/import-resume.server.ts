import { eq, sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { accountImportErrors, accountImportRows } from '#db/schema/accounts.ts'
import { logger } from '#app/core/logger.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { loadJobFor, STALE_AFTER_MS, type ImportJob } from '#app/features/accounts/import-jobs.server.ts'
import { runImport } from '#app/features/accounts/import-apply.server.ts'

const isRunning = (job: ImportJob) => job.status === 'validating' || job.status === 'importing'
const isStale = (job: ImportJob) => isRunning(job) && Date.now() - (job.heartbeatAt ?? job.startedAt ?? job.createdAt).getTime() > STALE_AFTER_MS

export async function getImportJob(actor: Actor, jobId: string): Promise<ImportJob> {
  const job = await loadJobFor(actor, jobId)
  if (isStale(job) && (await resumeInterruptedImports({ jobId: job.id })).length) return loadJobFor(actor, jobId)
  return job
}

/**
 * Imports whose node went away (no heartbeat for STALE_AFTER_MS) start again from their stored
 * file: the staged rows are dropped and the run restarts under a new claim (`started_at`), so the
 * old runner, if it was only slow, notices at its next write and stops. Nothing reached the
 * account list before, because the list is only written by one final statement. Called by a
 * timer on every node and when someone watches the job's progress page.
 */
export async function resumeInterruptedImports({ jobId }: { jobId?: string } = {}): Promise<string[]> {
  const cutoff = new Date(Date.now() - STALE_AFTER_MS).toISOString()
  const claimed = await db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`update account_import_jobs
          set status = 'validating', processed_rows = 0, valid_rows = 0, error_rows = 0, inserted_count = 0, updated_count = 0,
              failure_reason = null, finished_at = null, heartbeat_at = now(),
              -- the claim: compared by value from JavaScript, so no finer than milliseconds
              started_at = date_trunc('milliseconds', clock_timestamp())
          where id in (
            select id from account_import_jobs
            where status in ('validating', 'importing') and coalesce(heartbeat_at, started_at, created_at) < ${cutoff}::timestamptz
              ${jobId ? sql`and id = ${jobId}` : sql``}
            for update skip locked)
          returning id`,
    )
    for (const { id } of rows) {
      await tx.delete(accountImportRows).where(eq(accountImportRows.jobId, id))
      await tx.delete(accountImportErrors).where(eq(accountImportErrors.jobId, id))
    }
    return rows.map((r) => r.id)
  })
  for (const id of claimed) runImportInBackground(id)
  return claimed
}

/** Starts a run without waiting for it (the progress page polls the job). */
export function runImportInBackground(jobId: string) {
  void runImport(jobId).catch((error: unknown) => logger.error({ err: error, jobId }, 'account import crashed'))
}
