import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from '#app/utils/safe-redirect.ts'

const SITE = 'https://partners.example.com'

/** Where a browser would go from a page on SITE given this Location (what the URL parser does). */
function browserTarget(location: string) {
  return new URL(location, `${SITE}/login`).href
}

describe('safeRedirectPath', () => {
  it.each([
    // the site's own paths pass, normalized
    ['/', '/'],
    ['/referrals', '/referrals'],
    ['/search?q=cloud&type=listing#results', '/search?q=cloud&type=listing#results'],
    ['/listings/a%20b?x=%2F', '/listings/a%20b?x=%2F'],
    ['/a/./b/../c', '/a/c'],
    ['/notifications?page=2', '/notifications?page=2'],
    ['/%252f/evil.example', '/%252f/evil.example'], // a path on this site: %25 is a literal %
  ])('keeps %j → %j', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected)
    expect(browserTarget(safeRedirectPath(input)).startsWith(`${SITE}/`)).toBe(true)
  })

  it.each([
    // control characters a browser strips, turning the rest into //host
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    '/%09/evil.example', // decoded once by the query string, as /login?redirectTo=/%2509/… would be
    '/\u0000/evil.example',
    '/\u007f/evil.example',
    '/\u0085/evil.example',
    // backslashes, read as slashes
    '\\\\evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '/\\/evil.example',
    '/%5Cevil.example',
    // protocol-relative and absolute URLs
    '//evil.example',
    '///evil.example',
    '//evil.example/path',
    'https://evil.example',
    'http:evil.example',
    'https:/evil.example',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'evil.example',
    // leading spaces and other whitespace a browser strips
    ' //evil.example',
    '  /\t/evil.example',
    '\u00a0//evil.example',
    '/\u2028/evil.example',
    '/\ufeff/evil.example',
    // paths that resolve or decode to //host
    '/.//evil.example',
    '/%2e%2e//evil.example',
    '/a/..//evil.example',
    '/%2f/evil.example',
    '/%2F%2Fevil.example',
    '/%0a/evil.example',
    // broken escapes, empty and oversized values, non-strings
    '/%E0%A4%A',
    '',
    `/${'a'.repeat(2000)}`,
  ])('refuses %j (falls back to /)', (input) => {
    expect(safeRedirectPath(input)).toBe('/')
    expect(safeRedirectPath(input, '/notifications')).toBe('/notifications')
  })

  it('refuses values that are not strings', () => {
    expect(safeRedirectPath(null)).toBe('/')
    expect(safeRedirectPath(undefined)).toBe('/')
    expect(safeRedirectPath(new File(['x'], '/x'))).toBe('/')
  })

  it.each([
    '/／evil.example', // fullwidth solidus
    '/∕evil.example', // division slash
    '/⁄evil.example', // fraction slash
    '/＼evil.example', // fullwidth reverse solidus
    '/。evil.example',
  ])('keeps a look-alike slash %j on this site', (input) => {
    const out = safeRedirectPath(input)
    expect(out.startsWith('/') && !out.startsWith('//')).toBe(true)
    expect(new URL(browserTarget(out)).origin).toBe(SITE)
  })
})
