import { redirect, type AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import { assertOrgAdmin, assertVendor, type Actor } from '#app/features/auth/actor.ts'
import { errorHeaders, isDomainError } from '#app/utils/errors.ts'

/** The signed-in actor, or a redirect to the login page that comes back here afterwards. */
export function requireActor(context: AppLoadContext, request: Request): Actor {
  if (context.actor) return context.actor
  const url = new URL(request.url)
  const redirectTo = `${url.pathname}${url.search}`
  throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`)
}

export function requireAnonymous(context: AppLoadContext) {
  if (context.actor) throw redirect('/')
}

export function requireVendor(context: AppLoadContext, request: Request): Actor {
  const actor = requireActor(context, request)
  guard(() => assertVendor(actor))
  return actor
}

export function requireOrgAdmin(context: AppLoadContext, request: Request): Actor {
  const actor = requireActor(context, request)
  guard(() => assertOrgAdmin(actor))
  return actor
}

/** Runs a check and turns a DomainError into the matching HTTP response (403, 404, …). */
export function guard<T>(fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    throw toResponse(error)
  }
}

/** Awaits a domain call; a DomainError becomes a thrown Response the error boundary renders. */
export async function orThrowResponse<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise
  } catch (error) {
    throw toResponse(error)
  }
}

/** Ids of stored records (createId) and slugs: short, plain characters only. */
const RecordIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w-]+$/)

/** An id from the address: anything that cannot be one is a 404, as an unknown id would be. */
export function requireParamId(value: string | undefined, what = 'that page'): string {
  const parsed = RecordIdSchema.safeParse(value)
  if (!parsed.success) throw new Response(`We could not find ${what}: the address holds no valid id. Check the link.`, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return parsed.data
}

/** An id in a form's hidden field, for a route's form schema: missing or malformed names the field. */
export function formIdSchema(label: string) {
  const message = `The form's ${label} is missing or not a valid id. Reload the page and try again.`
  return z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .min(1, message)
    .max(64, message)
    .regex(/^[\w-]+$/, message)
}

/** An id from a form field: missing or malformed is a 400 naming the field. */
export function requireFormId(value: FormDataEntryValue | unknown, label: string): string {
  const parsed = RecordIdSchema.safeParse(value)
  if (!parsed.success) throw new Response(`The form's ${label} is missing or not a valid id. Reload the page and try again.`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return parsed.data
}

export function toResponse(error: unknown): unknown {
  if (error instanceof z.ZodError) {
    // Input that got past a route's own checks: still the client's mistake, never a 500.
    const issue = error.issues[0]
    const field = issue?.path.length ? ` (${issue.path.join('.')})` : ''
    return new Response(`The request could not be read${field}: ${issue?.message ?? 'invalid input'}. Reload the page and try again.`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  if (!isDomainError(error)) return error
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', ...errorHeaders(error) }
  return new Response(error.message, { status: error.status, headers })
}
