import { domainToASCII } from 'node:url'

/**
 * Normalizes what a person typed as a company's web address to the key account lists are
 * matched on: lower case, no scheme, credentials, `www.`, port, path, query or trailing dot;
 * internationalized names as punycode. Returns null when it is not a plausible domain.
 */
export function normalizeDomain(input: string | null | undefined): string | null {
  if (input == null) return null
  let s = String(input).trim().toLowerCase()
  if (!s) return null
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '') // scheme
  s = s.replace(/^\/\//, '')
  s = s.split(/[/?#\\]/, 1)[0]! // path, query, fragment
  const at = s.lastIndexOf('@')
  if (at >= 0) s = s.slice(at + 1) // credentials or an e-mail address
  s = s.replace(/:\d*$/, '') // port
  s = s.replace(/\.+$/, '') // trailing dot
  if (s.startsWith('www.')) s = s.slice(4)
  if (!s || s.length > 253) return null
  const ascii = domainToASCII(s)
  if (!ascii) return null
  const labels = ascii.split('.')
  if (labels.length < 2) return null
  for (const label of labels) {
    if (label.length < 1 || label.length > 63) return null
    if (!/^[a-z0-9-]+$/.test(label) || label.startsWith('-') || label.endsWith('-')) return null
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null // an IP address, not a domain
  return ascii
}
