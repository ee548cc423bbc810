import { afterEach, describe, expect, it } from 'vitest'
import { resetEnvForTests } from '../../env.server.ts'
import { linkTo, mailLogEnabled } from './mail.server.ts'

const saved = { NODE_ENV: process.env.NODE_ENV, SMTP_URL: process.env.SMTP_URL, DEMO: process.env.DEMO, APP_ORIGIN: process.env.APP_ORIGIN, SESSION_SECRET: process.env.SESSION_SECRET }

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
    [{ NODE_ENV: 'production', SMTP_URL: undefined, DEMO: undefined, SESSION_SECRET: 'a-production-secret-value' }, false],
    [{ NODE_ENV: 'production', SMTP_URL: undefined, DEMO: '1' }, true],
    [{ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.com:587', DEMO: '1' }, true],
    [{ NODE_ENV: 'production', SMTP_URL: undefined, DEMO: '0', SESSION_SECRET: 'a-production-secret-value' }, false],
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
  it('prefers APP_ORIGIN, then the request origin', () => {
    withEnv({ APP_ORIGIN: 'https://partners.example.com' })
    expect(linkTo('/invite/abc', 'http://10.0.0.5:3000')).toBe('https://partners.example.com/invite/abc')
    withEnv({ APP_ORIGIN: undefined })
    expect(linkTo('/invite/abc', 'http://localhost:4000')).toBe('http://localhost:4000/invite/abc')
  })
})
