import { data } from '@remix-run/node'
import { errorHeaders, isDomainError } from '#app/utils/errors.ts'
import { toResponse } from '#app/utils/guards.server.ts'

/** Form data to a plain object; `share.customer` style names become nested objects. */
export function formObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string') continue
    const path = key.split('.')
    let target = out
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i]!
      target[k] = (target[k] as Record<string, unknown>) ?? {}
      target = target[k] as Record<string, unknown>
    }
    target[path[path.length - 1]!] = value
  }
  return out
}

export type ActionResult = { ok?: boolean; error?: string; fieldErrors?: Record<string, string[]>; intent?: string }

/**
 * A refusal a person can fix (invalid, conflict, rate limited) comes back to the same page with
 * its message and field errors; forbidden/not found become the error page.
 */
export function actionError(error: unknown, intent?: string) {
  if (isDomainError(error) && (error.code === 'invalid' || error.code === 'conflict' || error.code === 'rate_limited')) {
    return data<ActionResult>({ error: error.message, fieldErrors: error.fieldErrors ?? {}, intent }, { status: error.status, headers: errorHeaders(error) })
  }
  throw toResponse(error)
}
