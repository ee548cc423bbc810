import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import { stringify } from 'csv-stringify/sync'
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { db, queryRows } from '../../../db/client.server.ts'
import {
  accountImportChunks,
  accountImportErrors,
  accountImportJobs,
  accountImportRows,
  IMPORT_FIELDS,
  type ImportField,
  type ImportMapping,
  type Population,
} from '../../../db/schema/accounts.ts'
import { logger } from '../../http/logger.server.ts'
import { conflict, DomainError, invalid, notFound, tooLarge } from '../../utils/errors.ts'
import type { Actor } from '../auth/actor.ts'
import { recordEvent } from '../events/outbox.server.ts'
import { assertMappingPartner, assertMappingWriter } from './connections.server.ts'
import { normalizeDomain } from '../../utils/domain.ts'
import { ERRORS_PAGE_SIZE, FIELD_LABELS, REQUIRED_FIELDS, StartImportSchema } from './import-fields.ts'
import { parseMoney } from '../../utils/money.ts'

export type ImportJob = typeof accountImportJobs.$inferSelect

/** Limits of one upload. A file over either is refused before anything is stored. */
export const MAX_IMPORT_ROWS = 1_000_000
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024
const CHUNK_CHARS = 1024 * 1024
const BATCH_ROWS = 5000
const MAX_STORED_ERRORS = 10_000
const PREVIEW_ROWS = 10
const STALE_AFTER_MS = 2 * 60 * 1000

export { ERRORS_PAGE_SIZE, FIELD_LABELS, REQUIRED_FIELDS }

const HEADER_GUESSES: Record<ImportField, string[]> = {
  name: ['name', 'accountname', 'company', 'companyname', 'account', 'organization', 'organisation', 'customer', 'customername'],
  domain: ['domain', 'website', 'url', 'web', 'site', 'accountdomain', 'companydomain', 'homepage', 'webdomain'],
  population: ['population', 'type', 'status', 'stage', 'segment', 'category', 'list', 'accounttype', 'relationship'],
  ownerEmail: ['owneremail', 'owner', 'email', 'accountowner', 'rep', 'repemail', 'salesrep', 'accountowneremail'],
  dealSize: ['dealsize', 'amount', 'value', 'dealvalue', 'size', 'arr', 'revenue', 'dealamount'],
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Guesses which column holds which field from the header names. */
export function guessMapping(headers: string[]): ImportMapping {
  const mapping: ImportMapping = {}
  const used = new Set<string>()
  for (const field of IMPORT_FIELDS) {
    for (const guess of HEADER_GUESSES[field]) {
      const header = headers.find((h) => squash(h) === guess && !used.has(h))
      if (header) {
        mapping[field] = header
        used.add(header)
        break
      }
    }
  }
  return mapping
}

/**
 * The CSV template offered on the accounts page (GET /docs/samples/accounts.csv): a header row of
 * the import's own field names, which the header guesses map without help, and one example row
 * per population. A test uploads it through the real import.
 */
export function accountsCsvTemplate(): string {
  const rows: Record<ImportField, string>[] = [
    { name: 'Globex', domain: 'globex.example', population: 'customer', ownerEmail: 'jane.doe@yourcompany.example', dealSize: '42000' },
    { name: 'Initech', domain: 'https://www.initech.example/', population: 'opportunity', ownerEmail: '', dealSize: '18,500.50' },
    { name: 'Umbrella', domain: 'umbrella.example', population: 'prospect', ownerEmail: '', dealSize: '' },
  ]
  return stringify([[...IMPORT_FIELDS], ...rows.map((r) => IMPORT_FIELDS.map((f) => r[f]))], { record_delimiter: 'windows' })
}

/** customer(s), client, open opportunity, opp, pipeline, prospect(s), lead … → the population. */
export function parsePopulation(value: string | undefined): Population | null {
  const v = squash(value ?? '')
  if (!v) return null
  if (['customer', 'customers', 'client', 'clients', 'cust', 'account', 'installedbase'].includes(v)) return 'customer'
  if (['opportunity', 'opportunities', 'openopportunity', 'openopportunities', 'opp', 'opps', 'pipeline', 'deal', 'open'].includes(v)) return 'opportunity'
  if (['prospect', 'prospects', 'lead', 'leads', 'target', 'targets'].includes(v)) return 'prospect'
  return null
}

// ── Upload: decode, check, count and store ────────────────────────────────────────────────

class Refusal extends DomainError {
  constructor(message: string) {
    super('invalid', message)
  }
}

/** Decodes a byte stream as strict UTF-8 under a byte limit; refuses UTF-16 and binary files. */
async function* decodeUtf8(source: AsyncIterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  let bytes = 0
  let first = true
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? new TextEncoder().encode(piece) : piece
    if (chunk.length === 0) continue
    if (first) {
      first = false
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        throw new Refusal('The file is saved as UTF-16. Save it as “CSV UTF-8 (comma delimited)” and upload it again.')
      }
      if (chunk[0] === 0x50 && chunk[1] === 0x4b && chunk[2] === 0x03 && chunk[3] === 0x04) {
        throw new Refusal('This looks like an Excel workbook (.xlsx), not a CSV file. In Excel choose Save As → “CSV UTF-8” and upload that.')
      }
    }
    bytes += chunk.length
    if (bytes > maxBytes) {
      throw tooLarge(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Split it into smaller files and upload them one after another.`)
    }
    let text: string
    try {
      text = decoder.decode(chunk, { stream: true })
    } catch {
      throw new Refusal(
        `The file is not valid UTF-8 text (the problem starts near byte ${bytes - chunk.length + 1}). It may be saved in another encoding such as Windows-1252, or be a binary file. Save it as “CSV UTF-8” and upload it again.`,
      )
    }
    if (text.includes('\u0000')) throw new Refusal('The file contains binary data (NUL bytes), so it is not a CSV file. Export your list as “CSV UTF-8” and upload that.')
    if (text) yield text
  }
  let tail: string
  try {
    tail = decoder.decode()
  } catch {
    throw new Refusal('The file ends in the middle of a character, so it is not valid UTF-8 text. Save it as “CSV UTF-8” and upload it again.')
  }
  if (tail) yield tail
}

/** Picks the delimiter from the header line: comma, semicolon or tab, whichever appears most. */
function detectDelimiter(firstText: string): string {
  const line = firstText.split(/\r?\n/, 1)[0] ?? ''
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const)
  counts.sort((a, b) => b[1] - a[1])
  return counts[0]![1] > 0 ? counts[0]![0] : ','
}

function csvParser(delimiter: string) {
  return parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: 64 * 1024,
    trim: true,
  })
}

function describeCsvError(error: unknown): string {
  const e = error as { code?: string; lines?: number; message?: string }
  const where = e.lines ? ` (near line ${e.lines})` : ''
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return `The file is not valid CSV: a quoted value is never closed${where}. Check for a stray " character.`
  if (e.code === 'CSV_INVALID_CLOSING_QUOTE') return `The file is not valid CSV: a quote is followed by other characters${where}.`
  if (e.code === 'CSV_MAX_RECORD_SIZE') return `The file is not valid CSV: one row is far too long${where}.`
  return `The file could not be read as CSV${where}: ${e.message ?? String(error)}`
}

/** Runs text through the CSV parser and hands each record (header included) to `onRecord`. */
async function parseText(texts: AsyncIterable<string>, onRecord: (record: string[], index: number) => Promise<void> | void) {
  const iterator = texts[Symbol.asyncIterator]()
  const first = await iterator.next()
  if (first.done) return
  const delimiter = detectDelimiter(first.value)
  async function* all() {
    yield first.value as string
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  let index = 0
  try {
    await pipeline(Readable.from(all()), csvParser(delimiter), async (records: AsyncIterable<string[]>) => {
      for await (const record of records) await onRecord(record, index++)
    })
  } catch (error) {
    if (error instanceof DomainError) throw error
    if ((error as { code?: string }).code?.startsWith('CSV_')) throw new Refusal(describeCsvError(error))
    throw error
  }
}

/**
 * Receives an uploaded CSV as a stream: checks it is UTF-8 text under the byte limit, that it
 * has a header and at most 1,000,000 data rows, keeps a preview, and stores it for the import.
 * A refused file stores nothing.
 */
export async function receiveUpload(
  actor: Actor,
  { filename, data, maxBytes = MAX_IMPORT_BYTES, maxRows = MAX_IMPORT_ROWS }: { filename: string; data: AsyncIterable<Uint8Array | string>; maxBytes?: number; maxRows?: number },
): Promise<ImportJob> {
  assertMappingWriter(actor)
  const name = (filename || 'accounts.csv').replace(/[^\w. ()-]+/g, '_').slice(0, 200)
  if (!/\.(csv|txt|tsv)$/i.test(name)) {
    throw invalid(`“${name}” is not a CSV file. Upload a .csv file (in Excel: Save As → “CSV UTF-8”).`)
  }
  const chunks: string[] = []
  let pending = ''
  let byteSize = 0
  let headers: string[] = []
  const preview: string[][] = []
  let rows = 0

  async function* stored(): AsyncGenerator<string> {
    for await (const text of decodeUtf8(data, maxBytes)) {
      byteSize += Buffer.byteLength(text)
      pending += text
      if (pending.length >= CHUNK_CHARS) {
        chunks.push(pending)
        pending = ''
      }
      yield text
    }
  }

  await parseText(stored(), (record, index) => {
    if (index === 0) {
      headers = record.map((h, i) => h.trim() || `Column ${i + 1}`)
      const seen = new Set<string>()
      for (const h of headers) {
        if (seen.has(h.toLowerCase())) throw new Refusal(`The header row names the column “${h}” twice. Give every column a distinct name.`)
        seen.add(h.toLowerCase())
      }
      return
    }
    rows++
    if (rows > maxRows) {
      throw new Refusal(`The file has more than ${maxRows.toLocaleString('en-US')} rows. Split it into files of at most ${maxRows.toLocaleString('en-US')} rows and upload them one after another.`)
    }
    if (preview.length < PREVIEW_ROWS) preview.push(record.map((v) => v.slice(0, 200)))
  })
  if (pending) chunks.push(pending)
  if (headers.length === 0) throw invalid('The file is empty. Upload a CSV file with a header row and one account per row.')
  if (rows === 0) throw invalid('The file has a header row but no accounts. Add one account per row below the header.')

  return db.transaction(async (tx) => {
    const [job] = await tx
      .insert(accountImportJobs)
      .values({ orgId: actor.orgId, createdBy: actor.userId, filename: name, byteSize, headers, preview, totalRows: rows, mapping: guessMapping(headers) })
      .returning()
    for (let i = 0; i < chunks.length; i++) await tx.insert(accountImportChunks).values({ jobId: job!.id, seq: i, data: chunks[i]! })
    await recordEvent(tx, {
      type: 'accounts.import_uploaded',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'account_import',
      subjectId: job!.id,
      payload: { jobId: job!.id, rows, byteSize },
      audience: { orgs: [actor.orgId] },
    })
    return job!
  })
}

// ── Mapping and run ───────────────────────────────────────────────────────────────────────

async function loadJobFor(actor: Actor, jobId: string) {
  assertMappingPartner(actor)
  const [job] = await db.select().from(accountImportJobs).where(and(eq(accountImportJobs.id, jobId), eq(accountImportJobs.orgId, actor.orgId)))
  if (!job) throw notFound('We could not find that import.')
  return job
}

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

/** The run lost its claim: the job was resumed elsewhere after this runner looked dead. */
class ClaimLost extends Error {}

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

/**
 * Checks the column mapping and marks the job to run. The caller then runs `runImport`
 * (the route starts it in the background; tests and scripts await it).
 */
export async function startImport(actor: Actor, jobId: string, input: unknown): Promise<ImportJob> {
  assertMappingWriter(actor)
  const job = await loadJobFor(actor, jobId)
  const parsed = StartImportSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check the column mapping.', parsed.error.flatten().fieldErrors as Record<string, string[]>)
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

type StagedRow = typeof accountImportRows.$inferInsert

/** Checks one data row against the mapping; returns the staged row or the reasons it is refused. */
export function validateRow(
  record: string[],
  columns: Partial<Record<ImportField, number>>,
  defaultPopulation: Population | undefined,
): { row: Omit<StagedRow, 'jobId' | 'rowNumber'> } | { reasons: string[] } {
  const get = (f: ImportField) => (columns[f] === undefined ? '' : (record[columns[f]!] ?? '').trim())
  const reasons: string[] = []
  const name = get('name')
  if (!name) reasons.push('The account name is empty.')
  else if (name.length > 200) reasons.push('The account name is longer than 200 characters.')
  const rawDomain = get('domain')
  const domain = normalizeDomain(rawDomain)
  if (!rawDomain) reasons.push('The web domain is empty.')
  else if (!domain) reasons.push(`“${rawDomain.slice(0, 80)}” is not a web domain like example.com.`)
  let population: Population | null = null
  if (columns.population !== undefined) {
    const raw = get('population')
    population = parsePopulation(raw) ?? (raw ? null : (defaultPopulation ?? null))
    if (!population) reasons.push(raw ? `“${raw.slice(0, 40)}” is not a population; use customer, opportunity or prospect.` : 'The population is empty.')
  } else population = defaultPopulation ?? null
  const rawEmail = get('ownerEmail')
  let ownerEmail: string | null = null
  if (rawEmail) {
    const ok = z.string().email().max(254).safeParse(rawEmail)
    if (ok.success) ownerEmail = rawEmail.toLowerCase()
    else reasons.push(`“${rawEmail.slice(0, 80)}” is not a valid owner e-mail address.`)
  }
  const rawDeal = get('dealSize')
  let dealSize: number | null = null
  if (rawDeal) {
    dealSize = parseMoney(rawDeal)
    if (dealSize === null) reasons.push(`“${rawDeal.slice(0, 40)}” is not a deal size; use a positive amount like 12500.`)
  }
  if (reasons.length > 0) return { reasons }
  return { row: { name, domain: domain!, population: population!, ownerEmail, dealSize } }
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
    const reason =
      error instanceof DomainError ? error.message : 'The import failed because of an error on our side. Nothing was imported; try again in a moment.'
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
