import { domainToASCII } from 'node:url'

/**
 * The key a customer's account is matched on: lower case, no scheme, credentials, `www.`, port,
 * path or trailing dot, internationalized names as punycode. Null when it is not a domain.
 */
export function normalizeDomain(input: string | null | undefined): string | null {
  if (input == null) return null
  let s = String(input).trim().toLowerCase()
  if (!s) return null
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\/\//, '')
  s = s.split(/[/?#\\]/, 1)[0]!
  const at = s.lastIndexOf('@')
  if (at >= 0) s = s.slice(at + 1)
  s = s.replace(/:\d*$/, '').replace(/\.+$/, '')
  if (s.startsWith('www.')) s = s.slice(4)
  if (!s || s.length > 253) return null
  const ascii = domainToASCII(s)
  if (!ascii) return null
  const labels = ascii.split('.')
  if (labels.length < 2) return null
  if (labels.some((l) => !l || l.length > 63 || !/^[a-z0-9-]+$/.test(l) || l.startsWith('-') || l.endsWith('-'))) return null
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null
  return ascii
}
