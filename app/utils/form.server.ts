import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node'
import { isDomainError } from '#app/utils/errors.ts'

/**
 * The one way actions read their body. Every refusal is a thrown Response with a message a
 * person can act on (the error page shows it): 415 for anything but a form, 413 past the size
 * limit, 400 for a body that cannot be read or a field with a NUL character (PostgreSQL cannot
 * store 0x00). The HTTP server already refused bodies over the route's limit before they were
 * read (app/http/request-limits.server.ts); this limit holds for anything that reaches Remix.
 */

export const FORM_LIMIT_BYTES = 1024 * 1024
/** A text field longer than this is refused: no form here has one anywhere near it. */
const MAX_TEXT_FIELD_BYTES = 256 * 1024

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

const refusal = (status: number, message: string) => new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

export const tooLargeResponse = (message: string) => refusal(413, message)

/** The media type of a request, lower-cased and without parameters; '' when none. */
export function mediaType(request: Request) {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Throws 415 unless the request carries one of the form types given. */
export function requireFormContentType(request: Request, accepted: string[] = FORM_TYPES) {
  const type = mediaType(request)
  if (accepted.includes(type)) return type
  const sent = type ? `a ${type} body` : 'a request without a Content-Type'
  throw refusal(415, `This address accepts only form submissions (${accepted.join(' or ')}), not ${sent}. Submit the form from its page.`)
}

const shortName = (name: string) => (name.length > 60 ? `${name.slice(0, 60)}…` : name)

/** Throws 400 when a field name or text value holds a NUL character. */
export function refuseNul(form: FormData) {
  for (const [name, value] of form.entries()) {
    if (name.includes('\0')) throw refusal(400, 'The form has a field whose name contains a NUL character (0x00). Submit the form from its page.')
    if (typeof value === 'string' && value.includes('\0')) {
      throw refusal(400, `The field “${shortName(name)}” contains a NUL character (0x00), which cannot be stored. Remove it and submit again.`)
    }
  }
  return form
}

/** Reads at most `limit` bytes of the body, as it streams; throws 413 past it. */
async function readBytes(request: Request, limit: number) {
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => undefined)
        throw tooLargeResponse(`The form is too large: it may send at most ${Math.round(limit / 1024)} KB. Shorten what you entered and submit again.`)
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof Response) throw error
    throw refusal(400, 'The form could not be read: the upload was interrupted. Submit it again.')
  }
  return Buffer.concat(chunks, size)
}

const malformedMultipart = () => refusal(400, 'The form could not be read: its multipart body is malformed or incomplete. Submit the form again from its page.')

/** Runs Remix's streaming multipart parser; a broken body becomes a 400 (a refusal from the handler passes through). */
export async function parseMultipart(request: Request, handler: UploadHandler) {
  if (!/boundary=/i.test(request.headers.get('content-type') ?? '')) throw malformedMultipart()
  try {
    return await unstable_parseMultipartFormData(request, handler)
  } catch (error) {
    if (error instanceof Response || isDomainError(error)) throw error
    if (error instanceof MaxPartSizeExceededError) throw tooLargeResponse(`The field “${shortName(error.field)}” is too large. Shorten it or choose a smaller file.`)
    throw malformedMultipart()
  }
}

export type ReadFormOptions = {
  /** Total body limit (ordinary forms: 1 MB). */
  maxBytes?: number
  /** Accept file parts, each at most this many bytes, as File values (buffered: small files only). */
  maxFileBytes?: number
}

/**
 * Reads an action's form: urlencoded or multipart, within the size limit, no NUL characters.
 * File parts are dropped unless `maxFileBytes` is given.
 */
export async function readForm(request: Request, { maxBytes = FORM_LIMIT_BYTES, maxFileBytes }: ReadFormOptions = {}): Promise<FormData> {
  const type = requireFormContentType(request)
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw tooLargeResponse(`The form is too large (${(declared / 1024 / 1024).toFixed(1)} MB); it may send at most ${Math.round(maxBytes / 1024)} KB.`)
  if (type === 'application/x-www-form-urlencoded') {
    const bytes = await readBytes(request, maxBytes)
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      throw refusal(400, 'The form could not be read: it is not UTF-8 text. Submit the form from its page.')
    }
    const form = new FormData()
    for (const [name, value] of new URLSearchParams(text)) form.append(name, value)
    return refuseNul(form)
  }
  let total = 0
  const files = maxFileBytes ? unstable_createMemoryUploadHandler({ maxPartSize: maxFileBytes }) : null
  const handler: UploadHandler = async (part) => {
    if (part.filename !== undefined && files) return files(part)
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of part.data) {
      size += chunk.byteLength
      total += chunk.byteLength
      if (total > maxBytes) throw tooLargeResponse(`The form is too large: it may send at most ${Math.round(maxBytes / 1024)} KB.`)
      if (part.filename === undefined) {
        if (size > MAX_TEXT_FIELD_BYTES) throw tooLargeResponse(`The field “${shortName(part.name)}” is too long. Shorten it and submit again.`)
        chunks.push(chunk)
      }
    }
    if (part.filename !== undefined) return undefined
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
    } catch {
      throw refusal(400, `The field “${shortName(part.name)}” is not UTF-8 text. Submit the form from its page.`)
    }
  }
  return refuseNul(await parseMultipart(request, handler))
}
