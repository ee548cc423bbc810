import { describe, expect, it } from 'vitest'
import { parseEnv } from '#app/env.server.ts'
import { isAllowedOrigin, trustedOrigins } from '#app/http/origin.server.ts'

describe('trusted origins (the Origin check and the socket.io handshake)', () => {
  it('are APP_ORIGIN alone when it is set', () => {
    const trusted = trustedOrigins(
      4321,
      parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(32), WEBHOOK_SECRET_KEY: 'cHJvZHVjdGlvbi13ZWJob29rLWtleS0zMi1ieXRlcyE=', APP_ORIGIN: 'https://partners.example.com/' }),
    )
    expect([...trusted]).toEqual(['https://partners.example.com'])
    expect(isAllowedOrigin('https://partners.example.com', trusted)).toBe(true)
    expect(isAllowedOrigin('https://PARTNERS.example.com:443', trusted)).toBe(true)
    for (const origin of ['http://partners.example.com', 'https://partners.example.com:8443', 'http://localhost:4321', 'http://attacker.example', 'null', '', undefined])
      expect(isAllowedOrigin(origin, trusted), String(origin)).toBe(false)
  })

  it('are localhost, 127.0.0.1 and [::1] on the listening port without APP_ORIGIN, whatever Host a request names', () => {
    const trusted = trustedOrigins(4321, parseEnv({ PORT: '3000' }))
    for (const origin of ['http://localhost:4321', 'http://127.0.0.1:4321', 'http://[::1]:4321']) expect(isAllowedOrigin(origin, trusted), origin).toBe(true)
    for (const origin of ['http://localhost:3000', 'https://localhost:4321', 'http://10.0.0.5:4321', 'http://attacker.example:4321']) expect(isAllowedOrigin(origin, trusted), origin).toBe(false)
    expect([...trustedOrigins(undefined, parseEnv({ PORT: '3100' }))]).toContain('http://localhost:3100')
  })
})
