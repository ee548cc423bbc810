import type http from 'node:http'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, createNonce } from '#app/http/csp.server.ts'
import { applySecurityHeaders, isHttps } from '#app/http/security-headers.server.ts'

function request(headers: Record<string, string | string[]>, encrypted = false) {
  return { headers, socket: { encrypted } } as unknown as http.IncomingMessage
}

function headersOf(https: boolean) {
  const set = new Map<string, string>()
  applySecurityHeaders({ setHeader: (name: string, value: string) => set.set(name.toLowerCase(), value) } as unknown as http.ServerResponse, https)
  return set
}

describe('HSTS only over https', () => {
  it('reads https from the socket, or from X-Forwarded-Proto only behind a trusted proxy', () => {
    expect(isHttps(request({}, true), false)).toBe(true)
    expect(isHttps(request({ 'x-forwarded-proto': 'https' }), false)).toBe(false)
    expect(isHttps(request({ 'x-forwarded-proto': 'https' }), true)).toBe(true)
    expect(isHttps(request({ 'x-forwarded-proto': 'HTTPS, http' }), true)).toBe(true)
    expect(isHttps(request({ 'x-forwarded-proto': 'http, https' }), true)).toBe(false)
    expect(isHttps(request({}), true)).toBe(false)
  })

  it('sends Strict-Transport-Security with the other headers on https, and leaves it out on http', () => {
    expect(headersOf(true).get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    const plain = headersOf(false)
    expect(plain.has('strict-transport-security')).toBe(false)
    expect(plain.get('x-frame-options')).toBe('DENY')
    expect(plain.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('Content-Security-Policy', () => {
  it('allows inline scripts only with the response nonce, a new one each time', () => {
    const a = createNonce()
    expect(a).not.toBe(createNonce())
    expect(Buffer.from(a, 'base64')).toHaveLength(16)
    const policy = contentSecurityPolicy(a)
    expect(policy).toContain(`script-src 'self' 'nonce-${a}'`)
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/)
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("base-uri 'self'")
    // Development: Vite's HMR websocket (another port) and eval.
    expect(contentSecurityPolicy(a, { development: true })).toMatch(/connect-src 'self' ws: wss:.*/)
  })
})
