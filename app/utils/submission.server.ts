import type { Submission, SubmissionResult } from '@conform-to/react'
import { data, type AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
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

/** A submitted value is sent back to its form at most this long. */
export const MAX_ECHO_CHARS = 2_000
const MAX_ECHO_ITEMS = 50

/** The top-level field names a zod form schema declares (through refinements, pipes and unions). */
export function declaredFields(schema: z.ZodTypeAny): Set<string> {
  const def = schema._def as { innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny; in?: z.ZodTypeAny; options?: z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny> }
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape as object))
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
    const options = [...((def.options as Iterable<z.ZodTypeAny>) ?? [])]
    return new Set(options.flatMap((o) => [...declaredFields(o)]))
  }
  const inner = def.schema ?? def.innerType ?? def.in
  return inner ? declaredFields(inner) : new Set()
}

const fieldOf = (name: string) => name.split(/[.[]/)[0]!

function truncated(value: unknown, max: number): unknown {
  if (typeof value === 'string') return value.length > max ? value.slice(0, max) : value
  if (Array.isArray(value)) return value.slice(0, MAX_ECHO_ITEMS).map((v) => truncated(v, max))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).slice(0, MAX_ECHO_ITEMS).map(([k, v]) => [k, truncated(v, max)]))
  return value
}

/**
 * A form's reply carries back only the fields its schema declares, each truncated: whatever
 * else was submitted (or however much) is never echoed.
 */
export function trimReply<R extends SubmissionResult<string[]>>(result: R, schema: z.ZodTypeAny, { maxChars = MAX_ECHO_CHARS }: { maxChars?: number } = {}): R {
  const keep = declaredFields(schema)
  const kept = (name: string) => keep.has(fieldOf(name))
  return {
    ...result,
    initialValue: result.initialValue ? Object.fromEntries(Object.entries(result.initialValue).filter(([k]) => kept(k)).map(([k, v]) => [k, truncated(v, maxChars)])) : result.initialValue,
    fields: result.fields?.filter(kept),
    error: result.error ? Object.fromEntries(Object.entries(result.error).filter(([k]) => k === '' || kept(k))) : result.error,
  }
}

type ReplyOptions = { schema: z.ZodTypeAny; hideFields?: string[] }

/**
 * Turns a refusal from a domain function into the form's reply: invalid/conflict/rate-limited
 * errors go back to the same form (field errors beside their fields, the rest at the top); a
 * 403/404 becomes the error page.
 */
export function domainReply<S extends Submission<unknown>>(submission: S, error: unknown, options: ReplyOptions) {
  if (isDomainError(error) && (error.code === 'invalid' || error.code === 'conflict' || error.code === 'rate_limited')) {
    const fieldErrors = error.fieldErrors ?? {}
    const headers = errorHeaders(error)
    return data(
      trimReply(
        submission.reply({
          formErrors: Object.keys(fieldErrors).length ? [] : [error.message],
          fieldErrors,
          hideFields: options.hideFields,
        }),
        options.schema,
      ),
      { status: error.status, headers },
    )
  }
  throw toResponse(error)
}

/** The form's own validation failed: send the errors back with 400. */
export function invalidReply<S extends Submission<unknown>>(submission: S, options: ReplyOptions) {
  return data(trimReply(submission.reply({ hideFields: options.hideFields }), options.schema), { status: 400 })
}
