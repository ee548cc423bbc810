import { describe, expect, it } from 'vitest'
import { normalizeDomain } from '#app/utils/domain.ts'

describe('normalizeDomain', () => {
  it.each([
    ['Example.com', 'example.com'],
    ['EXAMPLE.COM', 'example.com'],
    ['  EXAMPLE.NET  ', 'example.net'],
    ['\texample.net\n', 'example.net'],
    ['WWW.Example.com', 'example.com'],
    ['www.example.org.', 'example.org'],
    ['example.org...', 'example.org'],
    ['www.com', 'www.com'],
    ['https://www.Example.com/path?q=1#x', 'example.com'],
    ['HTTP://example.com', 'example.com'],
    ['example.com?utm=1', 'example.com'],
    ['example.com#top', 'example.com'],
    ['example.com/about', 'example.com'],
    ['example.com:8080', 'example.com'],
    ['example.com.:443/x', 'example.com'],
    ['http://user:pw@shop.example.co.uk:8080/', 'shop.example.co.uk'],
    ['//cdn.example.com/x', 'cdn.example.com'],
    ['someone@acme.io', 'acme.io'],
    ['mailto:someone@Acme.io', 'acme.io'],
    ['MAILTO:someone@acme.io?subject=hi', 'acme.io'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['WWW.BÜCHER.de:8080', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['https://www.münchen.de/stadt', 'xn--mnchen-3ya.de'],
    ['www。example。com', 'example.com'],
    ['ｅｘａｍｐｌｅ.com', 'example.com'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected)
  })

  it.each([
    '',
    '   ',
    'www.',
    'WWW.',
    'localhost',
    'http://localhost:3000',
    'not a domain',
    'someone@',
    'mailto:',
    'https://',
    '-bad.com',
    'bad-.com',
    'exa_mple.com',
    '192.168.1.1',
    'http://10.0.0.1:80/',
    '[::1]',
    'a..b.com',
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(130)}com`,
    null,
    undefined,
  ])('refuses %j', (input) => {
    expect(normalizeDomain(input as string)).toBeNull()
  })

  it('is idempotent: a normalized key normalizes to itself', () => {
    for (const key of ['example.com', 'xn--bcher-kva.de', 'shop.example.co.uk', 'www.com']) expect(normalizeDomain(key)).toBe(key)
  })
})
