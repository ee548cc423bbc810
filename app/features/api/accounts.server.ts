import { and, eq, inArray } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { accounts } from '#db/schema/accounts.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { recordEvents } from '#app/features/events/outbox.server.ts'
import { assertMappingWriter } from '#app/features/accounts/connections.server.ts'
import { importAccountsCsv } from '#app/features/accounts/import-apply.server.ts'
import { importErrors } from '#app/features/accounts/import-jobs.server.ts'
import { decodeUtf8, parseText } from '#app/features/accounts/import-parse.server.ts'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '#app/features/accounts/import-upload.server.ts'
import { ApiError } from '#app/features/api/http.server.ts'
import { amountText } from '#app/features/api/money.ts'
import { parseInput } from '#app/features/api/parse.ts'
import { AccountBulkQuerySchema, AccountDeleteLineSchema, AccountLineSchema, type AccountBulkResult } from '#app/features/api/schemas.ts'
import { findNul, nulMessage } from '#app/utils/nul.ts'

export const BULK_MEDIA_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl'] as const
const SHOWN_ERRORS = 100

type RowError = { row: number; reasons: string[] }

function zodReasons(error: { issues: { path: (string | number)[]; message: string; code: string; keys?: string[] }[] }) {
  return error.issues.map((i) => (i.code === 'unrecognized_keys' ? `Unknown field(s): ${(i.keys ?? []).join(', ')}.` : `${i.path.join('.') || 'line'}: ${i.message}`))
}

/** The lines of a JSON-lines stream with their line numbers (blank lines are skipped but counted). */
async function* jsonLines(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<{ line: number; text: string }> {
  let pending = ''
  let line = 0
  for await (const text of decodeUtf8(source, MAX_IMPORT_BYTES)) {
    pending += text
    let nl: number
    while ((nl = pending.indexOf('\n')) >= 0) {
      const current = pending.slice(0, nl).replace(/\r$/, '')
      pending = pending.slice(nl + 1)
      line++
      if (current.trim()) yield { line, text: current }
    }
  }
  line++
  if (pending.trim()) yield { line, text: pending }
}

/** A row the import is sure to refuse (the CSV reader skips wholly empty rows), so line numbers stay aligned. */
const BAD_ROW = '-,-,-,,\n'

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/**
 * JSON lines as the CSV the account import reads: each valid line becomes a row; a line that is
 * no JSON or fails the schema becomes an empty row (which the import refuses) and its own reasons
 * are kept, to replace the import's for that row.
 */
async function* jsonLinesAsCsv(source: AsyncIterable<Uint8Array | string>, lineOf: number[], ownErrors: Map<number, string[]>): AsyncGenerator<string> {
  yield 'name,domain,population,ownerEmail,dealSize\n'
  for await (const { line, text } of jsonLines(source)) {
    lineOf.push(line)
    const row = lineOf.length
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      ownErrors.set(row, [`Line ${line} is not valid JSON: ${(error as Error).message}`])
      yield BAD_ROW
      continue
    }
    const nulAt = findNul(value)
    if (nulAt !== null) {
      ownErrors.set(row, [`Line ${line}: ${nulMessage(nulAt)}`])
      yield BAD_ROW
      continue
    }
    const parsed = AccountLineSchema.safeParse(value)
    if (!parsed.success) {
      ownErrors.set(row, zodReasons(parsed.error))
      yield BAD_ROW
      continue
    }
    const a = parsed.data
    yield `${[a.name, a.domain, a.population, a.ownerEmail ?? '', amountText(a.dealSize) ?? ''].map(csvCell).join(',')}\n`
  }
}

function mediaType(request: Request) {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
}

function bodyOf(request: Request): AsyncIterable<Uint8Array> {
  if (!request.body) throw new ApiError(400, 'invalid_request', 'Send the accounts in the body.', { fieldErrors: { body: ['The body is empty.'] } })
  return request.body as unknown as AsyncIterable<Uint8Array>
}

/**
 * POST /api/v1/accounts/bulk: the account list import of the app (app/features/accounts), fed by
 * a streamed CSV or JSON lines. Upsert keys accounts by their normalized domain; strict mode
 * refuses the whole request on any bad row (nothing written), skip mode writes the good rows.
 */
export async function bulkAccounts(actor: Actor, request: Request, query: unknown): Promise<AccountBulkResult> {
  assertMappingWriter(actor)
  const q = parseInput(AccountBulkQuerySchema, query, 'Bad query parameters.')
  const ndjson = mediaType(request) !== 'text/csv'
  if (q.action === 'delete') return bulkDelete(actor, bodyOf(request), ndjson, q.mode)
  const lineOf: number[] = []
  const ownErrors = new Map<number, string[]>()
  const data = ndjson ? jsonLinesAsCsv(bodyOf(request), lineOf, ownErrors) : bodyOf(request)
  const job = await importAccountsCsv(actor, { filename: 'api.csv', data, mode: q.mode })
  const stored = job.errorRows ? await importErrors(actor, job.id) : []
  const errors: RowError[] = stored.slice(0, SHOWN_ERRORS).map((e) => ({
    row: ndjson ? (lineOf[e.rowNumber - 1] ?? e.rowNumber) : e.rowNumber,
    reasons: (ndjson ? ownErrors.get(e.rowNumber) : undefined) ?? (e.reasons as string[]),
  }))
  const result: AccountBulkResult = {
    object: 'account_bulk_result',
    action: 'upsert',
    mode: q.mode,
    rows: job.processedRows,
    inserted: job.insertedCount,
    updated: job.updatedCount,
    deleted: 0,
    notFound: 0,
    errorRows: job.errorRows,
    errors,
  }
  if (job.status === 'refused') throw refusedRows(result)
  if (job.status !== 'completed') throw new ApiError(500, 'internal_error', job.failureReason ?? 'The import did not finish. Nothing was written; retry the request.')
  return result
}

function refusedRows(result: AccountBulkResult) {
  return new ApiError(
    422,
    'rows_invalid',
    `${result.errorRows} of ${result.rows} rows have problems, so nothing was written. Fix the rows listed in rowErrors, or send mode=skip to write the good rows and skip these.`,
    { details: { rowErrors: result.errors, errorRows: result.errorRows } },
  )
}

async function bulkDelete(actor: Actor, body: AsyncIterable<Uint8Array>, ndjson: boolean, mode: 'strict' | 'skip'): Promise<AccountBulkResult> {
  const domains: string[] = []
  const errors: RowError[] = []
  let errorRows = 0
  let rows = 0
  const take = (row: number, raw: unknown) => {
    rows++
    if (rows > MAX_IMPORT_ROWS) throw new ApiError(413, 'too_large', `Delete at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} accounts per request.`)
    const domain = typeof raw === 'string' ? normalizeDomain(raw) : null
    if (domain) return domains.push(domain)
    errorRows++
    if (errors.length < SHOWN_ERRORS) errors.push({ row, reasons: [raw ? `“${String(raw).slice(0, 80)}” is not a web domain like example.com.` : 'The web domain is empty.'] })
  }
  if (ndjson) {
    for await (const { line, text } of jsonLines(body)) {
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch (error) {
        rows++
        errorRows++
        if (errors.length < SHOWN_ERRORS) errors.push({ row: line, reasons: [`Line ${line} is not valid JSON: ${(error as Error).message}`] })
        continue
      }
      const parsed = AccountDeleteLineSchema.safeParse(value)
      if (parsed.success) take(line, parsed.data.domain)
      else {
        rows++
        errorRows++
        if (errors.length < SHOWN_ERRORS) errors.push({ row: line, reasons: zodReasons(parsed.error) })
      }
    }
  } else {
    let column = -1
    await parseText(decodeUtf8(body, MAX_IMPORT_BYTES), (record, index) => {
      if (index === 0) {
        column = record.findIndex((h) => h.trim().toLowerCase() === 'domain')
        if (column < 0) throw new ApiError(400, 'invalid_request', `The CSV needs a “domain” column. Columns found: ${record.join(', ')}.`, { fieldErrors: { domain: ['No domain column.'] } })
        return
      }
      take(index, (record[column] ?? '').trim())
    })
  }
  const result: AccountBulkResult = { object: 'account_bulk_result', action: 'delete', mode, rows, inserted: 0, updated: 0, deleted: 0, notFound: 0, errorRows, errors }
  if (mode === 'strict' && errorRows > 0) throw refusedRows(result)
  const unique = [...new Set(domains)]
  await db.transaction(async (tx) => {
    for (let i = 0; i < unique.length; i += 1000) {
      const part = unique.slice(i, i + 1000)
      const gone = await tx
        .delete(accounts)
        .where(and(eq(accounts.orgId, actor.orgId), inArray(accounts.domain, part)))
        .returning({ id: accounts.id })
      result.deleted += gone.length
      await recordEvents(
        tx,
        gone.map((g) => ({
          type: 'account.removed' as const,
          actorId: actor.userId,
          orgId: actor.orgId,
          subjectType: 'account',
          subjectId: g.id,
          payload: { accountId: g.id },
          audience: { orgs: [actor.orgId] },
        })),
      )
    }
  })
  result.notFound = unique.length - result.deleted
  return result
}
