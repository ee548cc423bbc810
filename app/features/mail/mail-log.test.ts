import { afterEach, describe, expect, it } from 'vitest'
import { resetEnvForTests } from '#app/env.server.ts'
import { linkTo, mailLogEnabled } from '#app/features/mail/mail.server.ts'

const saved = {
  NODE_ENV: process.env.NODE_ENV,
  SMTP_URL: process.env.SMTP_URL,
  DEMO: process.env.DEMO,
  APP_ORIGIN: process.env.APP_ORIGIN,
  SESSION_SECRET: process.env.SESSION_SECRET,
  WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY,
  PORT: process.env.PORT,
}

function withEnv(values: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  resetEnvForTests()
}

afterEach(() => withEnv(saved))

describe('mailLogEnabled (/dev/mail)', () => {
  it.each([
    [{ NODE_ENV: 'development', SMTP_URL: undefined, DEMO: undefined }, true],
    [{ NODE_ENV: 'test', SMTP_URL: undefined, DEMO: undefined }, true],
    [{ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example.com:587', DEMO: undefined }, false],
    [
      {
        NODE_ENV: 'production',
        SMTP_URL: undefined,
        DEMO: undefined,
        SESSION_SECRET: 'a-production-secret-value',
        WEBHOOK_SECRET_KEY: 'cHJvZHVjdGlvbi13ZWJob29rLWtleS0zMi1ieXRlcyE=',
        APP_ORIGIN: 'https://partners.example.com',
      },
      false,
    ],
    [{ NODE_ENV: 'production', SMTP_URL: undefined, DEMO: '1' }, true],
    [{ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.com:587', DEMO: '1' }, true],
    [
      {
        NODE_ENV: 'production',
        SMTP_URL: undefined,
        DEMO: '0',
        SESSION_SECRET: 'a-production-secret-value',
        WEBHOOK_SECRET_KEY: 'cHJvZHVjdGlvbi13ZWJob29rLWtleS0zMi1ieXRlcyE=',
        APP_ORIGIN: 'https://partners.example.com',
      },
      false,
    ],
  ])('%o → %s', (values, expected) => {
    withEnv(values)
    expect(mailLogEnabled()).toBe(expected)
  })

  it('refuses a DEMO value it does not understand, naming it', () => {
    withEnv({ DEMO: 'yes please' })
    expect(() => mailLogEnabled()).toThrow(/DEMO/)
  })
})

describe('linkTo', () => {
  it('builds links on APP_ORIGIN, or on localhost and the configured PORT, never anything else', () => {
    withEnv({ APP_ORIGIN: 'https://partners.example.com/' })
    expect(linkTo('/invite/abc')).toBe('https://partners.example.com/invite/abc')
    withEnv({ APP_ORIGIN: undefined, PORT: '4000' })
    expect(linkTo('/reset-password/t0k3n')).toBe('http://localhost:4000/reset-password/t0k3n')
  })

  it.each(['//attacker.example/reset', 'https://attacker.example/', 'reset-password/x', '/\\attacker.example'])('refuses %s, which is not a path on this site', (path) => {
    withEnv({ APP_ORIGIN: 'https://partners.example.com' })
    expect(() => linkTo(path)).toThrow(/path on this site/)
  })
})
