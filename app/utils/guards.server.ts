import { redirect, type AppLoadContext } from '@remix-run/node'
import { assertOrgAdmin, assertVendor, type Actor } from '../features/auth/actor.ts'
import { errorHeaders, isDomainError } from './errors.ts'

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

export function toResponse(error: unknown): unknown {
  if (!isDomainError(error)) return error
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', ...errorHeaders(error) }
  return new Response(error.message, { status: error.status, headers })
}
