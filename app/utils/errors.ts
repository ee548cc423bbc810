export type DomainErrorCode = 'forbidden' | 'not_found' | 'invalid' | 'conflict' | 'rate_limited' | 'unauthenticated'

const STATUS: Record<DomainErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  rate_limited: 429,
}

const DEFAULT_RETRY_AFTER_SECONDS = 60

/**
 * A refusal a person can act on. Domain functions throw these; routes and socket handlers turn
 * them into a status and a message.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode
  readonly fieldErrors?: Record<string, string[]>
  readonly retryAfterSeconds?: number

  constructor(code: DomainErrorCode, message: string, extra: { fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number } = {}) {
    super(message)
    this.name = 'DomainError'
    this.code = code
    this.fieldErrors = extra.fieldErrors
    // Every 429 says when to retry: a limit that does not know its window asks for a minute.
    this.retryAfterSeconds = extra.retryAfterSeconds ?? (code === 'rate_limited' ? DEFAULT_RETRY_AFTER_SECONDS : undefined)
  }

  get status() {
    return STATUS[this.code]
  }
}

export const forbidden = (message = 'You do not have permission to do that.') => new DomainError('forbidden', message)
export const notFound = (message = 'We could not find that.') => new DomainError('not_found', message)
export const invalid = (message: string, fieldErrors?: Record<string, string[]>) => new DomainError('invalid', message, { fieldErrors })
/** Refused for its size: handled like any invalid input, answered with 413. Say what the limit is. */
export class TooLargeError extends DomainError {
  constructor(message: string) {
    super('invalid', message)
    this.name = 'TooLargeError'
  }

  override get status() {
    return 413
  }
}
export const tooLarge = (message: string) => new TooLargeError(message)
export const conflict = (message: string, fieldErrors?: Record<string, string[]>) => new DomainError('conflict', message, { fieldErrors })
/** A zod error's messages by top-level field (zod's `flatten()`; issues on the whole input are left out), as `invalid()` takes them. */
export const fieldErrorsOf = (error: { flatten: () => { fieldErrors: unknown } }) => error.flatten().fieldErrors as Record<string, string[]>

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError
}

/** The headers a refusal's HTTP response carries: `Retry-After` (whole seconds) on every 429. */
export function errorHeaders(error: DomainError): Record<string, string> {
  return error.status === 429 ? { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS))) } : {}
}
