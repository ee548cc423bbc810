import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { accountImportChunks, accountImportErrors, accountImportJobs, accountImportRows, IMPORT_FIELDS, type ImportField, type ImportMapping, type Population } from '#db/schema/accounts.ts'
import { conflict, DomainError, fieldErrorsOf, invalid, notFound } from '#app/utils/errors.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { assertMappingWriter } from '#app/features/accounts/connections.server.ts'
import { FIELD_LABELS, REQUIRED_FIELDS } from '#app/features/accounts/import-fields.ts'
import { loadJobFor, STALE_AFTER_MS, type ImportJob } from '#app/features/accounts/import-jobs.server.ts'
import { parseText } from '#app/features/accounts/import-parse.server.ts'
import { receiveUpload } from '#app/features/accounts/import-upload.server.ts'
import { StartImportSchema } from '#app/features/accounts/import-fields.ts'
import { validateRow, type StagedRow } from '#app/features/accounts/import-validate.server.ts'

const BATCH_ROWS = 5000
const MAX_STORED_ERRORS = 10_000

/** The run lost its claim: the job was resumed elsewhere after this runner looked dead. */
class ClaimLost extends Error {}

/**
 * Checks the column mapping and marks the job to run. The caller then runs `runImport`
 * (the route starts it in the background; tests and scripts await it).
 */
export async function startImport(actor: Actor, jobId: string, input: unknown): Promise<ImportJob> {
  assertMappingWriter(actor)
  const job = await loadJobFor(actor, jobId)
  const parsed = StartImportSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check the column mapping.', fieldErrorsOf(parsed.error))
  const { mode, defaultPopulation } = parsed.data
  const mapping: ImportMapping = {}
  const fieldErrors: Record<string, string[]> = {}
  const used = new Map<string, ImportField>()
  for (const field of IMPORT_FIELDS) {
    const header = parsed.data.mapping[field]
    if (!header) continue
    if (!job.headers.includes(header)) {
      fieldErrors[`mapping.${field}`] = [`The file has no column “${header}”.`]
      continue
    }
    if (used.has(header)) {
      fieldErrors[`mapping.${field}`] = [`The column “${header}” is already used for ${FIELD_LABELS[used.get(header)!].toLowerCase()}.`]
      continue
    }
    used.set(header, field)
    mapping[field] = header
  }
  const missing = REQUIRED_FIELDS.filter((f) => !mapping[f] && !(f === 'population' && defaultPopulation) && !fieldErrors[`mapping.${f}`])
  for (const f of missing) fieldErrors[`mapping.${f}`] = [`Choose the column that holds the ${FIELD_LABELS[f].toLowerCase()}.`]
  if (Object.keys(fieldErrors).length > 0) {
    const message =
      missing.length > 0
        ? `The file is missing required columns: ${missing.map((f) => FIELD_LABELS[f].split(' (')[0]!.toLowerCase()).join(', ')}. Columns found: ${job.headers.join(', ')}.`
        : 'Check the column mapping.'
    throw invalid(message, fieldErrors)
  }
  return db.transaction(async (tx) => {
    const [running] = await tx
      .select({ id: accountImportJobs.id })
      .from(accountImportJobs)
      .where(and(eq(accountImportJobs.orgId, actor.orgId), inArray(accountImportJobs.status, ['validating', 'importing']), gt(accountImportJobs.heartbeatAt, new Date(Date.now() - STALE_AFTER_MS))))
    if (running) throw conflict('Another import of your account list is running. Wait for it to finish, then start this one.')
    const [updated] = await tx
      .update(accountImportJobs)
      .set({
        status: 'validating',
        mode,
        mapping: { ...mapping, ...(defaultPopulation ? { defaultPopulation } : {}) } as ImportMapping,
        processedRows: 0,
        validRows: 0,
        errorRows: 0,
        insertedCount: 0,
        updatedCount: 0,
        failureReason: null,
        startedAt: new Date(),
        heartbeatAt: new Date(),
        finishedAt: null,
      })
      .where(and(eq(accountImportJobs.id, job.id), inArray(accountImportJobs.status, ['uploaded', 'refused', 'failed'])))
      .returning()
    if (!updated) throw conflict(job.status === 'completed' ? 'This file has already been imported.' : 'This import is already running.')
    await tx.delete(accountImportErrors).where(eq(accountImportErrors.jobId, job.id))
    await tx.delete(accountImportRows).where(eq(accountImportRows.jobId, job.id))
    return updated
  })
}

async function* storedText(jobId: string): AsyncGenerator<string> {
  for (let seq = 0; ; seq++) {
    const [chunk] = await db
      .select({ data: accountImportChunks.data })
      .from(accountImportChunks)
      .where(and(eq(accountImportChunks.jobId, jobId), eq(accountImportChunks.seq, seq)))
    if (!chunk) return
    yield chunk.data
  }
}

/**
 * Runs a started import: validates every row (staging the valid ones in batches and recording
 * progress), then — unless the file is refused — upserts all staged rows into the account list
 * by one statement, so the list changes all at once or not at all.
 */
export async function runImport(jobId: string): Promise<ImportJob> {
  const [job] = await db.select().from(accountImportJobs).where(eq(accountImportJobs.id, jobId))
  if (!job) throw notFound('We could not find that import.')
  if (job.status !== 'validating') return job
  const claim = job.startedAt!
  const claimed = and(eq(accountImportJobs.id, jobId), eq(accountImportJobs.startedAt, claim))
  const mapping = (job.mapping ?? {}) as ImportMapping & { defaultPopulation?: Population }
  const columns: Partial<Record<ImportField, number>> = {}
  for (const f of IMPORT_FIELDS) if (mapping[f]) columns[f] = job.headers.indexOf(mapping[f]!)
  let processed = 0
  let valid = 0
  let errors = 0
  let stagedBatch: StagedRow[] = []
  let errorBatch: (typeof accountImportErrors.$inferInsert)[] = []

  const flush = async () => {
    const rows = stagedBatch
    const errs = errorBatch
    stagedBatch = []
    errorBatch = []
    await db.transaction(async (tx) => {
      // One JSON parameter per batch, expanded by the database: much faster than thousands of bound values.
      if (rows.length) {
        await tx.execute(sql`insert into account_import_rows (job_id, row_number, domain, name, population, owner_email, deal_size)
          select ${jobId}, x.r, x.d, x.n, x.p, x.e, x.s
          from json_to_recordset(${JSON.stringify(rows.map((r) => ({ r: r.rowNumber, d: r.domain, n: r.name, p: r.population, e: r.ownerEmail ?? null, s: r.dealSize ?? null })))}::json)
            as x(r int, d text, n text, p text, e text, s bigint)`)
      }
      if (errs.length) {
        await tx.execute(sql`insert into account_import_errors (job_id, row_number, reasons)
          select ${jobId}, x.r, x.reasons from json_to_recordset(${JSON.stringify(errs.map((e) => ({ r: e.rowNumber, reasons: e.reasons })))}::json) as x(r int, reasons jsonb)`)
      }
      const still = await tx
        .update(accountImportJobs)
        .set({ processedRows: processed, validRows: valid, errorRows: errors, heartbeatAt: new Date() })
        .where(claimed)
        .returning({ id: accountImportJobs.id })
      if (!still.length) throw new ClaimLost()
    })
  }

  try {
    await parseText(storedText(jobId), async (record, index) => {
      if (index === 0) return
      processed++
      const result = validateRow(record, columns, mapping.defaultPopulation)
      if ('row' in result) {
        valid++
        stagedBatch.push({ jobId, rowNumber: index, ...result.row })
      } else {
        errors++
        if (errors <= MAX_STORED_ERRORS) errorBatch.push({ jobId, rowNumber: index, reasons: result.reasons })
      }
      if (stagedBatch.length + errorBatch.length >= BATCH_ROWS) await flush()
    })
    await flush()

    if (job.mode === 'strict' && errors > 0) {
      const [refused] = await db.transaction(async (tx) => {
        await tx.delete(accountImportRows).where(eq(accountImportRows.jobId, jobId))
        await recordEvent(tx, {
          type: 'accounts.import_refused',
          actorId: job.createdBy,
          orgId: job.orgId,
          subjectType: 'account_import',
          subjectId: jobId,
          payload: { jobId, rows: processed, errorRows: errors },
          audience: { orgs: [job.orgId] },
        })
        return tx
          .update(accountImportJobs)
          .set({
            status: 'refused',
            failureReason: `${errors.toLocaleString('en-US')} of ${processed.toLocaleString('en-US')} rows have problems, so nothing was imported. Fix those rows and upload the file again, or import it skipping the bad rows.`,
            finishedAt: new Date(),
            heartbeatAt: new Date(),
          })
          .where(claimed)
          .returning()
          .then(orClaimLost)
      })
      return refused!
    }

    orClaimLost(await db.update(accountImportJobs).set({ status: 'importing', heartbeatAt: new Date() }).where(claimed).returning())
    const [done] = await db.transaction(async (tx) => {
      // Holding the job's row lock for the whole final statement keeps resumeInterruptedImports
      // (SKIP LOCKED) from taking over a long but live import; if this node dies, the lock goes.
      orClaimLost(await tx.select({ id: accountImportJobs.id }).from(accountImportJobs).where(claimed).for('update'))
      // The last row of the file wins when a domain appears twice.
      const [counts] = await queryRows<{ inserted: number; updated: number }>(
        tx,
        sql`with src as (
              select distinct on (domain) domain, name, population, owner_email, deal_size
              from account_import_rows where job_id = ${jobId}
              order by domain, row_number desc
            ), up as (
              insert into accounts (id, org_id, domain, name, population, owner_email, deal_size, source, import_job_id)
              select substr(md5(${jobId} || src.domain), 1, 16), ${job.orgId}, src.domain, src.name, src.population,
                     src.owner_email, src.deal_size, 'import', ${jobId}
              from src
              on conflict (org_id, domain) do update set name = excluded.name, population = excluded.population,
                owner_email = coalesce(excluded.owner_email, accounts.owner_email),
                deal_size = coalesce(excluded.deal_size, accounts.deal_size),
                import_job_id = excluded.import_job_id, updated_at = now()
              returning (xmax = 0) as inserted
            )
            select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from up`,
      )
      await tx.delete(accountImportRows).where(eq(accountImportRows.jobId, jobId))
      await tx.delete(accountImportChunks).where(eq(accountImportChunks.jobId, jobId))
      await recordEvent(tx, {
        type: 'accounts.imported',
        actorId: job.createdBy,
        orgId: job.orgId,
        subjectType: 'account_import',
        subjectId: jobId,
        payload: { jobId, inserted: Number(counts?.inserted ?? 0), updated: Number(counts?.updated ?? 0), skipped: errors },
        audience: { orgs: [job.orgId] },
      })
      return tx
        .update(accountImportJobs)
        .set({
          status: 'completed',
          insertedCount: Number(counts?.inserted ?? 0),
          updatedCount: Number(counts?.updated ?? 0),
          finishedAt: new Date(),
          heartbeatAt: new Date(),
        })
        .where(claimed)
        .returning()
        .then(orClaimLost)
    })
    // Keep the planner's statistics current for the overlap joins (PGlite has no autovacuum).
    await refreshAccountStatistics()
    return done!
  } catch (error) {
    if (error instanceof ClaimLost) {
      const [current] = await db.select().from(accountImportJobs).where(eq(accountImportJobs.id, jobId))
      return current!
    }
    const reason = error instanceof DomainError ? error.message : 'The import failed because of an error on our side. Nothing was imported; try again in a moment.'
    const [failed] = await db.transaction(async (tx) => {
      const rows = await tx
        .update(accountImportJobs)
        .set({ status: 'failed', failureReason: reason, finishedAt: new Date(), processedRows: processed, validRows: valid, errorRows: errors })
        .where(claimed)
        .returning()
      if (rows.length) await tx.delete(accountImportRows).where(eq(accountImportRows.jobId, jobId))
      return rows.length ? rows : tx.select().from(accountImportJobs).where(eq(accountImportJobs.id, jobId))
    })
    if (!(error instanceof DomainError)) console.error('account import failed', error)
    return failed!
  }
}

function orClaimLost<T>(rows: T[]): T[] {
  if (!rows.length) throw new ClaimLost()
  return rows
}

/** Upload, map (by the header guesses unless given) and run in one go: for scripts, the API and tests. */
export async function importAccountsCsv(
  actor: Actor,
  input: {
    filename: string
    data: AsyncIterable<Uint8Array | string>
    mode: 'strict' | 'skip'
    mapping?: ImportMapping
    defaultPopulation?: Population
    maxBytes?: number
    maxRows?: number
  },
): Promise<ImportJob> {
  const job = await receiveUpload(actor, input)
  try {
    await startImport(actor, job.id, { mapping: input.mapping ?? job.mapping ?? {}, mode: input.mode, defaultPopulation: input.defaultPopulation })
  } catch (error) {
    // A file that cannot be mapped is refused whole: nothing of it is kept.
    await db.delete(accountImportJobs).where(eq(accountImportJobs.id, job.id))
    throw error
  }
  return runImport(job.id)
}

/** ANALYZE the account lists after a bulk change, so overlap joins get a hash/merge plan instead of a nested loop. */
export async function refreshAccountStatistics() {
  try {
    await db.execute(sql`analyze accounts`)
  } catch (error) {
    console.error('analyze accounts failed', error)
  }
}
