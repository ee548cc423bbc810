import { z } from 'zod'

/** An optional URL with one of the given schemes; an empty value counts as unset. */
const optionalUrl = (schemes: string[], example: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          const url = new URL(value)
          return schemes.includes(url.protocol.replace(/:$/, '')) && url.host !== ''
        } catch {
          return false
        }
      },
      { message: `must be a ${schemes.map((s) => `${s}://`).join(' or ')} URL, e.g. ${example}` },
    )
    .optional()
    .or(z.literal('').transform(() => undefined))

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { errorMap: () => ({ message: `must be one of: ${values.join(', ')}` }) })

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0', ''], { errorMap: () => ({ message: 'must be true or false (or 1 or 0)' }) })
    .default(fallback)
    .transform((v) => (v === '' ? fallback === 'true' : v === 'true' || v === '1'))

const positiveNumber = (what: string) =>
  z.coerce.number({ invalid_type_error: `must be a number of ${what}` }).refine((n) => Number.isFinite(n) && n > 0, { message: `must be a positive number of ${what}` })

const wholeNumber = (what: string, min: number) =>
  z.coerce.number({ invalid_type_error: `must be a whole number of ${what}` }).refine((n) => Number.isInteger(n) && n >= min, { message: `must be a whole number of ${what}, at least ${min}` })

/** A 32-byte key given in base64 (`openssl rand -base64 32`), or null when the value is not one. */
export function decodeKey32(value: string): Buffer | null {
  const text = value.trim()
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null
  const key = Buffer.from(text, 'base64')
  return key.length === 32 && key.toString('base64').replace(/=+$/, '') === text.replace(/=+$/, '') ? key : null
}

const EnvSchema = z.object({
  NODE_ENV: oneOf(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ invalid_type_error: 'must be a whole number from 1 to 65535' })
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= 65535, { message: 'must be a whole number from 1 to 65535' })
    .default(3000),
  HOST: z.string().trim().min(1, 'must name an interface to listen on, e.g. 0.0.0.0').default('0.0.0.0'),
  APP_ORIGIN: optionalUrl(['https', 'http'], 'https://partners.example.com').refine((value) => value === undefined || /^[a-z]+:\/\/[^/?#]+\/?$/i.test(value), {
    message: 'must be an origin only (scheme, host and port, no path), e.g. https://partners.example.com',
  }),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql'], 'postgres://user:pass@host:5432/db'),
  DATABASE_READ_URL: optionalUrl(['postgres', 'postgresql'], 'postgres://user:pass@replica:5432/db'),
  DATA_DIR: z.string().min(1, 'must be a directory path (leave it unset for ./.data)').default('./.data'),
  REDIS_URL: optionalUrl(['redis', 'rediss'], 'redis://host:6379'),
  MEILI_HOST: optionalUrl(['http', 'https'], 'http://host:7700'),
  MEILI_API_KEY: z.string().optional(),
  MEILI_SEARCH_KEY: z.string().optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be letters, digits, - or _ (a Meilisearch index uid)')
    .default('marketplace'),
  SMTP_URL: optionalUrl(['smtp', 'smtps'], 'smtp://user:pass@host:587'),
  MAIL_FROM: z.string().default('Partner Hub <no-reply@partners.local>'),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters (a long random string)').optional(),
  /**
   * Encrypts webhook signing secrets at rest (AES-256-GCM): 32 random bytes in base64. Required in
   * production; development, tests and the demo use a fixed development key (webhookSecretKey()).
   * Changing it makes the stored secrets unreadable: deliveries then fail with a message saying so.
   */
  WEBHOOK_SECRET_KEY: z
    .string()
    .trim()
    .refine((v) => decodeKey32(v) !== null, { message: 'must be 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_DAYS: positiveNumber('days').default(14),
  SESSION_ABSOLUTE_DAYS: positiveNumber('days').default(30),
  TRUST_PROXY: flag('false'),
  /**
   * DEMO=1: the offline demo. Keeps the mail log at /dev/mail on even in production mode, and sends
   * cookies without `Secure` so the demo also works over plain http on a LAN address.
   */
  DEMO: flag('false'),
  WORKERS: flag('true'),
  /** REQUEST_TIMING=1 prints one JSON line per request to stdout: phases and SQL statements (bench/pages reads it). */
  REQUEST_TIMING: flag('false'),
  /** A client must have sent all its request headers within this long (slow-header attacks). */
  HTTP_HEADERS_TIMEOUT_MS: wholeNumber('milliseconds', 100).default(20_000),
  /** A client must have sent its whole request, body included, within this long. */
  HTTP_REQUEST_TIMEOUT_MS: wholeNumber('milliseconds', 100).default(60_000),
  /** An idle keep-alive connection is closed after this long (keep it above a load balancer's idle timeout). */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: wholeNumber('milliseconds', 100).default(5_000),
  /** Connections (HTTP and socket.io) one app node holds at once; more are dropped as they arrive. */
  HTTP_MAX_CONNECTIONS: wholeNumber('connections', 1).default(2_000),
  /** Requests one API key may make per minute (/api/v1 with a key); more are answered 429. */
  API_RATE_LIMIT_PER_MINUTE: wholeNumber('requests', 1).default(1_200),
  /** Requests all API keys of one organization may make together per minute; more are answered 429. */
  API_ORG_RATE_LIMIT_PER_MINUTE: wholeNumber('requests', 1).default(1_200),
})

export type Env = z.infer<typeof EnvSchema>

const SECRETS = new Set(['SESSION_SECRET', 'MEILI_API_KEY', 'MEILI_SEARCH_KEY', 'WEBHOOK_SECRET_KEY'])

/** The offending value as it can be shown in a log: secrets hidden, passwords in URLs masked. */
function shown(name: string, value: string | undefined) {
  if (value === undefined) return 'not set'
  if (SECRETS.has(name)) return `${value.length} characters, hidden`
  return `got ${JSON.stringify(value.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, '$1***@'))}`
}

/** Parses the environment; throws one message listing every bad value and how to fix it. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.superRefine((value, ctx) => {
    if (value.NODE_ENV === 'production' && !value.SESSION_SECRET && !value.DEMO) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production (a random string of 16+ characters)' })
    }
    if (value.NODE_ENV === 'production' && !value.WEBHOOK_SECRET_KEY && !value.DEMO) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET_KEY'],
        message: 'is required in production: it encrypts webhook signing secrets at rest (32 random bytes in base64: openssl rand -base64 32)',
      })
    }
    if (value.HTTP_HEADERS_TIMEOUT_MS > value.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: `must be at most HTTP_REQUEST_TIMEOUT_MS (${value.HTTP_REQUEST_TIMEOUT_MS})` })
    }
    if (value.NODE_ENV === 'production' && !value.APP_ORIGIN && !value.DEMO) {
      ctx.addIssue({
        code: 'custom',
        path: ['APP_ORIGIN'],
        message: 'is required in production: the public origin that links in mail, canonical URLs and the Origin check use, e.g. https://partners.example.com',
      })
    }
    if (value.MEILI_HOST && value.MEILI_SEARCH_KEY && !value.MEILI_API_KEY && value.WORKERS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEILI_API_KEY'],
        message: 'is needed where the outbox workers run (WORKERS=true): the search indexer writes with it (an admin key). Web-only nodes (WORKERS=false) can run with MEILI_SEARCH_KEY alone',
      })
    }
    if (value.SESSION_ABSOLUTE_DAYS < value.SESSION_IDLE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_ABSOLUTE_DAYS'], message: `must be at least SESSION_IDLE_DAYS (${value.SESSION_IDLE_DAYS})` })
    }
  }).safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0])
      return `  ${name} ${issue.message} (${shown(name, source[name])})`
    })
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`)
  }
  return result.data
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv()
  return cached
}

export function resetEnvForTests() {
  cached = undefined
}

/** Signs flash cookies. The fallback is for development and the offline demo only. */
export function cookieSecret() {
  return env().SESSION_SECRET ?? 'partner-ecosystem-development-secret'
}

/**
 * The development key for webhook signing secrets: used wherever WEBHOOK_SECRET_KEY is unset,
 * which the environment check allows only outside production and in the offline demo. Public
 * (it is in the source), so it protects nothing: production sets its own key.
 */
export const DEVELOPMENT_WEBHOOK_SECRET_KEY = 'cGFydG5lci1lY29zeXN0ZW0tZGV2LXdlYmhvb2stdjE='

/** The key that encrypts webhook signing secrets at rest: WEBHOOK_SECRET_KEY, or the development key. */
export function webhookSecretKey(e: Env = env()): Buffer {
  return decodeKey32(e.WEBHOOK_SECRET_KEY ?? DEVELOPMENT_WEBHOOK_SECRET_KEY)!
}

/**
 * The site's public origin, e.g. `https://partners.example.com`: APP_ORIGIN, or outside strict
 * production (development, test, the demo) `http://localhost:<PORT>`. Links in mail, canonical
 * URLs, the sitemap, robots.txt and the Origin check are built from it, never from a request's
 * Host or X-Forwarded-* headers, which anyone can forge.
 */
export function appOrigin(e: Env = env()) {
  return e.APP_ORIGIN ? new URL(e.APP_ORIGIN).origin : `http://localhost:${e.PORT}`
}

/** The only values that reach the browser. */
export function publicEnv() {
  return { NODE_ENV: env().NODE_ENV }
}

/** Cookies are `Secure` in production, except in the demo, which is served over plain http. */
export const secureCookies = (e: Env = env()) => e.NODE_ENV === 'production' && !e.DEMO
