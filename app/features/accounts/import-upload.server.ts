import { db } from '#db/client.server.ts'
import { accountImportChunks, accountImportJobs } from '#db/schema/accounts.ts'
import { invalid } from '#app/utils/errors.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { assertMappingWriter } from '#app/features/accounts/connections.server.ts'
import { type ImportJob } from '#app/features/accounts/import-jobs.server.ts'
import { decodeUtf8, parseText, Refusal } from '#app/features/accounts/import-parse.server.ts'
import { guessMapping } from '#app/features/accounts/import-validate.server.ts'

/** Limits of one upload. A file over either is refused before anything is stored. */
export const MAX_IMPORT_ROWS = 1_000_000
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024
const CHUNK_CHARS = 1024 * 1024
const PREVIEW_ROWS = 10

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
