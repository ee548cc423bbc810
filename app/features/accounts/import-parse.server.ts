import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import { DomainError, tooLarge } from '#app/utils/errors.ts'

// Reading an uploaded CSV: strict UTF-8 under a byte limit, the delimiter, rows, and parse errors in words.

export class Refusal extends DomainError {
  constructor(message: string) {
    super('invalid', message)
  }
}

/** Decodes a byte stream as strict UTF-8 under a byte limit; refuses UTF-16 and binary files. */
export async function* decodeUtf8(source: AsyncIterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<string> {
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
export async function parseText(texts: AsyncIterable<string>, onRecord: (record: string[], index: number) => Promise<void> | void) {
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
