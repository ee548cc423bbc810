import { describe, expect, it } from 'vitest'
import { appOrigin, DEVELOPMENT_WEBHOOK_SECRET_KEY, parseEnv, secureCookies, webhookSecretKey } from '#app/env.server.ts'

function problems(source: Record<string, string>) {
  try {
    parseEnv(source)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the configuration to be refused')
}

describe('environment parsing', () => {
  it('runs with nothing set: the embedded defaults', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, HOST: '0.0.0.0', DATA_DIR: './.data', LOG_LEVEL: 'info', WORKERS: true, TRUST_PROXY: false, DEMO: false })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.REDIS_URL).toBeUndefined()
    expect(env.MEILI_HOST).toBeUndefined()
  })

  it('reads a full production configuration', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      PORT: '8080',
      SESSION_SECRET: 'a'.repeat(32),
      WEBHOOK_SECRET_KEY: 'cHJvZHVjdGlvbi13ZWJob29rLWtleS0zMi1ieXRlcyE=',
      DATABASE_URL: 'postgres://app:pw@db:5432/partners',
      DATABASE_READ_URL: 'postgresql://app:pw@replica:5432/partners',
      REDIS_URL: 'rediss://cache:6380',
      MEILI_HOST: 'https://search.internal',
      SMTP_URL: 'smtp://mailer:pw@smtp.example.com:587',
      APP_ORIGIN: 'https://partners.example.com',
      TRUST_PROXY: '1',
      WORKERS: 'false',
      SESSION_IDLE_DAYS: '7',
      SESSION_ABSOLUTE_DAYS: '30',
      HTTP_REQUEST_TIMEOUT_MS: '120000',
      HTTP_MAX_CONNECTIONS: '500',
    })
    expect(env).toMatchObject({ NODE_ENV: 'production', PORT: 8080, TRUST_PROXY: true, WORKERS: false, SESSION_IDLE_DAYS: 7, REDIS_URL: 'rediss://cache:6380' })
    expect(env).toMatchObject({ HTTP_REQUEST_TIMEOUT_MS: 120_000, HTTP_MAX_CONNECTIONS: 500, HTTP_HEADERS_TIMEOUT_MS: 20_000, HTTP_KEEP_ALIVE_TIMEOUT_MS: 5_000 })
  })

  it('treats empty values as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', REDIS_URL: '', WORKERS: '', TRUST_PROXY: '' })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.REDIS_URL).toBeUndefined()
    expect(env.WORKERS).toBe(true)
    expect(env.TRUST_PROXY).toBe(false)
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 1 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 1 to 65535 (got "70000")'],
    [{ PORT: '80.5' }, 'PORT must be a whole number from 1 to 65535 (got "80.5")'],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV must be one of: development, production, test (got "prod")'],
    [{ DATABASE_URL: 'localhost:5432' }, 'DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@host:5432/db (got "localhost:5432")'],
    [{ DATABASE_READ_URL: 'mysql://db/x' }, 'DATABASE_READ_URL must be a postgres:// or postgresql:// URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://host:6379 (got "not a url")'],
    [{ MEILI_HOST: 'search:7700' }, 'MEILI_HOST must be a http:// or https:// URL'],
    [{ MEILI_HOST: 'http://search:7700', MEILI_SEARCH_KEY: 'search-only-key' }, 'MEILI_API_KEY is needed where the outbox workers run (WORKERS=true)'],
    [{ MEILI_INDEX: 'market place' }, 'MEILI_INDEX must be letters, digits, - or _'],
    [{ SMTP_URL: 'mail.example.com' }, 'SMTP_URL must be a smtp:// or smtps:// URL'],
    [{ APP_ORIGIN: 'partners.example.com' }, 'APP_ORIGIN must be a https:// or http:// URL'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of: fatal, error, warn, info, debug, trace, silent (got "verbose")'],
    [{ SESSION_IDLE_DAYS: '-1' }, 'SESSION_IDLE_DAYS must be a positive number of days (got "-1")'],
    [{ SESSION_IDLE_DAYS: 'two weeks' }, 'SESSION_IDLE_DAYS must be a number of days (got "two weeks")'],
    [{ SESSION_IDLE_DAYS: '30', SESSION_ABSOLUTE_DAYS: '7' }, 'SESSION_ABSOLUTE_DAYS must be at least SESSION_IDLE_DAYS (30)'],
    [{ HTTP_REQUEST_TIMEOUT_MS: 'a minute' }, 'HTTP_REQUEST_TIMEOUT_MS must be a whole number of milliseconds (got "a minute")'],
    [{ HTTP_MAX_CONNECTIONS: '0' }, 'HTTP_MAX_CONNECTIONS must be a whole number of connections, at least 1 (got "0")'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '90000', HTTP_REQUEST_TIMEOUT_MS: '60000' }, 'HTTP_HEADERS_TIMEOUT_MS must be at most HTTP_REQUEST_TIMEOUT_MS (60000)'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY must be true or false (or 1 or 0) (got "yes")'],
    [{ WORKERS: 'off' }, 'WORKERS must be true or false (or 1 or 0) (got "off")'],
    [{ DATA_DIR: '' }, 'DATA_DIR must be a directory path'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET is required in production (a random string of 16+ characters) (not set)'],
    [
      { NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(32), APP_ORIGIN: 'https://partners.example.com' },
      'WEBHOOK_SECRET_KEY is required in production: it encrypts webhook signing secrets at rest (32 random bytes in base64: openssl rand -base64 32) (not set)',
    ],
    [{ WEBHOOK_SECRET_KEY: 'c2hvcnQ=' }, 'WEBHOOK_SECRET_KEY must be 32 random bytes in base64, e.g. the output of `openssl rand -base64 32` (8 characters, hidden)'],
    [{ WEBHOOK_SECRET_KEY: 'not base64 at all, but long enough to be 32 bytes!' }, 'WEBHOOK_SECRET_KEY must be 32 random bytes in base64'],
    [
      { NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(32) },
      'APP_ORIGIN is required in production: the public origin that links in mail, canonical URLs and the Origin check use, e.g. https://partners.example.com (not set)',
    ],
    [{ APP_ORIGIN: 'https://partners.example.com/app' }, 'APP_ORIGIN must be an origin only (scheme, host and port, no path), e.g. https://partners.example.com'],
    [{ APP_ORIGIN: 'https://partners.example.com?x=1' }, 'APP_ORIGIN must be an origin only'],
  ])('refuses %o with a clear message', (source, message) => {
    const text = problems(source)
    expect(text).toMatch(/^Invalid environment configuration:\n/)
    expect(text).toContain(message)
  })

  it('accepts a search-only Meilisearch key on a web-only node', () => {
    const env = parseEnv({ MEILI_HOST: 'http://search:7700', MEILI_SEARCH_KEY: 'search-only-key', WORKERS: 'false' })
    expect(env.MEILI_SEARCH_KEY).toBe('search-only-key')
    expect(env.MEILI_INDEX).toBe('marketplace')
  })

  it('lists every bad value at once', () => {
    const text = problems({ PORT: '0', LOG_LEVEL: 'loud', REDIS_URL: 'cache' })
    expect(text.split('\n').slice(1)).toHaveLength(3)
    expect(text).toContain('PORT')
    expect(text).toContain('LOG_LEVEL')
    expect(text).toContain('REDIS_URL')
  })

  it('never prints secrets: short secrets are hidden, URL passwords masked', () => {
    const text = problems({ SESSION_SECRET: 'hunter2', DATABASE_URL: 'mysql://app:s3cr3t-pw@db/x', SMTP_URL: 'smtp://u:pa55word@:bad' })
    expect(text).toContain('SESSION_SECRET must be at least 16 characters (a long random string) (7 characters, hidden)')
    expect(text).toContain('"mysql://app:***@db/x"')
    expect(text).not.toContain('hunter2')
    expect(text).not.toContain('s3cr3t-pw')
    expect(text).not.toContain('pa55word')
  })

  it('lets the offline demo run in production mode without a session secret, a webhook secret key or APP_ORIGIN', () => {
    expect(parseEnv({ NODE_ENV: 'production', DEMO: '1' })).toMatchObject({ NODE_ENV: 'production', DEMO: true })
  })

  it('reads the webhook secret key: WEBHOOK_SECRET_KEY, else (development, tests, the demo) the development key', () => {
    const key = Buffer.alloc(32, 7)
    expect(webhookSecretKey(parseEnv({ WEBHOOK_SECRET_KEY: key.toString('base64') }))).toEqual(key)
    expect(webhookSecretKey(parseEnv({}))).toEqual(Buffer.from(DEVELOPMENT_WEBHOOK_SECRET_KEY, 'base64'))
    expect(webhookSecretKey(parseEnv({})).length).toBe(32)
    expect(problems({ WEBHOOK_SECRET_KEY: 'c2hvcnQ=' })).not.toContain('c2hvcnQ=')
  })

  it('builds the public origin from APP_ORIGIN, else from localhost and PORT (never from a request)', () => {
    expect(appOrigin(parseEnv({ APP_ORIGIN: 'https://Partners.Example.com:443/' }))).toBe('https://partners.example.com')
    expect(appOrigin(parseEnv({ APP_ORIGIN: 'http://10.0.0.5:8080' }))).toBe('http://10.0.0.5:8080')
    expect(appOrigin(parseEnv({ PORT: '4000' }))).toBe('http://localhost:4000')
    expect(appOrigin(parseEnv({ NODE_ENV: 'production', DEMO: '1', PORT: '3100' }))).toBe('http://localhost:3100')
  })

  it('sends Secure cookies in production, but not in the demo (plain http, also over a LAN address) or in development', () => {
    expect(
      secureCookies(
        parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(32), WEBHOOK_SECRET_KEY: 'cHJvZHVjdGlvbi13ZWJob29rLWtleS0zMi1ieXRlcyE=', APP_ORIGIN: 'https://partners.example.com' }),
      ),
    ).toBe(true)
    expect(secureCookies(parseEnv({ NODE_ENV: 'production', DEMO: '1' }))).toBe(false)
    expect(secureCookies(parseEnv({}))).toBe(false)
  })
})
