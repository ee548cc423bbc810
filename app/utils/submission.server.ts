import type { Submission, SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import type { RequestMeta } from '#app/features/auth/auth.server.ts'
import { errorHeaders, isDomainError } from '#app/utils/errors.ts'
import { toResponse } from '#app/utils/guards.server.ts'

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

/** The top-level field names a zod form schema declares (through refinements, pipes, unions and intersections). */
export function declaredFields(schema: z.ZodTypeAny): Set<string> {
  const def = schema._def as { innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny; in?: z.ZodTypeAny; options?: z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny> }
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape as object))
  if (schema instanceof z.ZodIntersection) {
    const { left, right } = schema._def as { left: z.ZodTypeAny; right: z.ZodTypeAny }
    return new Set([...declaredFields(left), ...declaredFields(right)])
  }
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
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .slice(0, MAX_ECHO_ITEMS)
        .map(([k, v]) => [k, truncated(v, max)]),
    )
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
    initialValue: result.initialValue
      ? Object.fromEntries(
          Object.entries(result.initialValue)
            .filter(([k]) => kept(k))
            .map(([k, v]) => [k, truncated(v, maxChars)]),
        )
      : result.initialValue,
    fields: result.fields?.filter(kept),
    error: result.error ? Object.fromEntries(Object.entries(result.error).filter(([k]) => k === '' || kept(k))) : result.error,
  }
}

export type ReplyOptions = {
  /** The form's schema: only the fields it declares are echoed back. */
  schema: z.ZodTypeAny
  /** Fields never echoed (passwords). */
  hideFields?: string[]
  /** Echo limit per value (long-text forms such as the listing editor raise it). */
  maxChars?: number
}

type InvalidOptions = ReplyOptions & {
  /**
   * Hidden fields a person never types (a row's id): an error on one means a stale or forged
   * form, answered with the 400 error page (as `requireFormId` does), not beside a field.
   */
  idFields?: string[]
}

/**
 * The edge of every form action: the body (already read with `readForm`) parsed with the
 * route's zod schema, the way Conform's `useForm` parses it in the browser. Routes with
 * several intents pass a discriminated union on `intent`.
 */
export function parseSubmission<Schema extends z.ZodTypeAny>(formData: FormData, schema: Schema) {
  return parseWithZod(formData, { schema })
}

function reply(submission: Submission<unknown>, options: ReplyOptions, errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> } = {}) {
  return trimReply(submission.reply({ ...errors, hideFields: options.hideFields }), options.schema, { maxChars: options.maxChars })
}

/**
 * The form as sent, with whatever errors its parse found, answered with 200: for a submit that
 * only shows something (the listing editor's preview without JavaScript) and saves nothing.
 */
export function echoReply(submission: Submission<unknown>, options: ReplyOptions) {
  return reply(submission, options)
}

/** The form's own validation failed: the errors go back beside their fields with 400. */
export function invalidReply(submission: Submission<unknown>, options: InvalidOptions) {
  const errors = submission.status === 'error' ? submission.error : undefined
  const idError = options.idFields?.map((name) => errors?.[name]?.[0]).find(Boolean)
  if (idError) throw new Response(idError, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return data(reply(submission, options), { status: 400 })
}

/**
 * Turns a refusal from a domain function into the form's reply: invalid (400, or 413 when too
 * large), conflict (409) and rate-limited (429, with Retry-After) go back to the same form, field
 * errors beside their fields and the message at the top when no field is named; anything else
 * (403, 404, a bug) is thrown as the error page.
 */
export function domainReply(submission: Submission<unknown>, error: unknown, options: ReplyOptions) {
  if (isDomainError(error) && (error.code === 'invalid' || error.code === 'conflict' || error.code === 'rate_limited')) {
    const fieldErrors = error.fieldErrors ?? {}
    const named = Object.keys(fieldErrors).some((k) => declaredFields(options.schema).has(fieldOf(k)))
    // A message about a field this form does not show would be lost: it goes to the top too.
    const formErrors = named ? [] : [error.message]
    return data(reply(submission, options, { formErrors, fieldErrors }), { status: error.status, headers: errorHeaders(error) })
  }
  throw toResponse(error)
}

/**
 * A refusal that comes before the form could be parsed (an upload over its limit): the same
 * reply shape, with the message as the form's error; `echo` names the form (its intent) on a
 * page with several.
 */
export function refusalReply(error: unknown, echo: Record<string, string> = {}) {
  if (isDomainError(error) && (error.code === 'invalid' || error.code === 'conflict' || error.code === 'rate_limited')) {
    const result: SubmissionResult<string[]> = { status: 'error', initialValue: echo, error: { '': [error.message] } }
    return data(result, { status: error.status, headers: errorHeaders(error) })
  }
  throw toResponse(error)
}

/** An action's answer that carries a secret shown this once (a new API key, a webhook signing secret): never stored by a cache. */
export function secretReply<T>(payload: T) {
  return data(payload, { headers: { 'Cache-Control': 'no-store' } })
}
