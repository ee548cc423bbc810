import type { UploadHandler } from '@remix-run/node'
import { DomainError, invalid } from '#app/utils/errors.ts'
import { parseMultipart, readForm, refuseNul, requireFormContentType } from '#app/utils/form.server.ts'
import { MAX_IMAGE_BYTES, MAX_SCREENSHOTS } from '#app/features/listings/images.server.ts'

/** The whole request may hold a logo, six screenshots and the text fields. */
export const MAX_REQUEST_BYTES = (MAX_SCREENSHOTS + 1) * MAX_IMAGE_BYTES + 512 * 1024

export type UploadedFile = { field: string; filename: string; data: Buffer }

class TooLarge extends DomainError {
  constructor(label: string) {
    super('invalid', `${label} is larger than 2 MB. Use a smaller image (PNG, JPEG or WebP, up to 2 MB).`)
  }
}

/**
 * Parses a multipart form, streaming each file part and stopping as soon as it passes 2 MB (or
 * the request passes its total limit), so an oversized upload is never buffered in full.
 * Files come back as buffers next to the FormData with the text fields.
 */
export async function parseUploadForm(request: Request, fileFields: string[]): Promise<{ form: FormData; files: UploadedFile[] }> {
  // A form without files may come urlencoded; anything but a form is refused (415).
  if (requireFormContentType(request) !== 'multipart/form-data') return { form: await readForm(request), files: [] }
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > MAX_REQUEST_BYTES) {
    throw invalid(`The upload is too large (${(declared / 1024 / 1024).toFixed(1)} MB). Each image may be at most 2 MB, with a logo and up to ${MAX_SCREENSHOTS} screenshots.`)
  }
  const files: UploadedFile[] = []
  let total = 0
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (!fileFields.includes(name) || filename === undefined) {
      // A text field: collect it (small) as a string.
      const chunks: Uint8Array[] = []
      let size = 0
      for await (const chunk of data) {
        size += chunk.byteLength
        total += chunk.byteLength
        if (size > 100_000) throw invalid(`The field "${name}" is too long.`)
        chunks.push(chunk)
      }
      return Buffer.concat(chunks).toString('utf8')
    }
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of data) {
      size += chunk.byteLength
      total += chunk.byteLength
      if (size > MAX_IMAGE_BYTES) throw new TooLarge(filename ? `"${filename}"` : 'The file')
      if (total > MAX_REQUEST_BYTES) throw invalid('The upload is too large. Each image may be at most 2 MB.')
      chunks.push(chunk)
    }
    if (size === 0 && !filename) return undefined
    files.push({ field: name, filename: filename || 'upload', data: Buffer.concat(chunks) })
    return undefined
  }
  const form = refuseNul(await parseMultipart(request, handler))
  return { form, files }
}
