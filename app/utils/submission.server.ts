import type { Submission } from '@conform-to/react'
import { data, type AppLoadContext } from '@remix-run/node'
import type { RequestMeta } from '../features/auth/auth.server.ts'
import { errorHeaders, isDomainError } from './errors.ts'
import { toResponse } from './guards.server.ts'

/** Who is asking from where, for rate limits and audit entries. */
export function requestMeta(_request: Request, context: AppLoadContext): RequestMeta {
  return { ip: context.ip ?? null }
}

/** The device a new session starts on (shown in the person's session list). */
export function deviceOf(request: Request, context: AppLoadContext) {
  return { userAgent: request.headers.get('user-agent'), ip: context.ip ?? null }
}

/**
 * Turns a refusal from a domain function into the form's reply: invalid/conflict/rate-limited
 * errors go back to the same form (field errors beside their fields, the rest at the top); a
 * 403/404 becomes the error page.
 */
export function domainReply<S extends Submission<unknown>>(submission: S, error: unknown, options: { hideFields?: string[] } = {}) {
  if (isDomainError(error) && (error.code === 'invalid' || error.code === 'conflict' || error.code === 'rate_limited')) {
    const fieldErrors = error.fieldErrors ?? {}
    const headers = errorHeaders(error)
    return data(
      submission.reply({
        formErrors: Object.keys(fieldErrors).length ? [] : [error.message],
        fieldErrors,
        hideFields: options.hideFields,
      }),
      { status: error.status, headers },
    )
  }
  throw toResponse(error)
}

/** The form's own validation failed: send the errors back with 400. */
export function invalidReply<S extends Submission<unknown>>(submission: S, options: { hideFields?: string[] } = {}) {
  return data(submission.reply({ hideFields: options.hideFields }), { status: 400 })
}
