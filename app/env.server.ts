import { z } from 'zod'

const optionalUrl = (what: string) =>
  z
    .string()
    .trim()
    .url({ message: `must be a URL (${what})` })
    .optional()
    .or(z.literal('').transform(() => undefined))

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  APP_ORIGIN: optionalUrl('the public origin of the site, e.g. https://partners.example.com'),
  DATABASE_URL: optionalUrl('postgres://user:pass@host:5432/db'),
  DATABASE_READ_URL: optionalUrl('a read replica, postgres://…'),
  DATA_DIR: z.string().min(1).default('./.data'),
  REDIS_URL: optionalUrl('redis://host:6379'),
  MEILI_HOST: optionalUrl('http://host:7700'),
  MEILI_API_KEY: z.string().optional(),
  SMTP_URL: optionalUrl('smtp://user:pass@host:587'),
  MAIL_FROM: z.string().default('Partner Hub <no-reply@partners.local>'),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_DAYS: z.coerce.number().positive().default(14),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().default(30),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** DEMO=1: the offline demo. Keeps the mail log at /dev/mail on even in production mode. */
  DEMO: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  WORKERS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v === 'true' || v === '1' || v === ''),
})

export type Env = z.infer<typeof EnvSchema>

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.superRefine((value, ctx) => {
    if (value.NODE_ENV === 'production' && !value.SESSION_SECRET && source.DEMO !== '1') {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production (a random string of 16+ characters)' })
    }
  }).safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(source[issue.path[0] as string])})`,
    )
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

/** The only values that reach the browser. */
export function publicEnv() {
  return { NODE_ENV: env().NODE_ENV }
}
