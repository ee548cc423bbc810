import { domainToASCII } from 'node:url'

/**
 * The one key a customer's account is matched on, everywhere: account lists, referral conflict
 * detection, account overlap, co-sell and analytics opportunities. Takes what a person typed as a
 * company's web address (or an e-mail address) and returns lower case, punycode for
 * internationalized names, without scheme, `mailto:`, credentials or mailbox, port, path, query,
 * fragment, trailing dot or a leading `www.`. Returns null when it is not a plausible domain
 * (empty, a single label like `localhost`, an IP address, spaces or other characters a host name
 * cannot hold); callers turn null into a message for the person.
 */
export function normalizeDomain(input: string | null | undefined): string | null {
  if (input == null) return null
  let s = String(input).trim().toLowerCase()
  if (!s) return null
  s = s.replace(/^mailto:/, '')
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '') // scheme
  s = s.replace(/^\/\//, '') // protocol-relative
  s = s.split(/[/?#\\]/, 1)[0]! // path, query, fragment
  const at = s.lastIndexOf('@')
  if (at >= 0) s = s.slice(at + 1) // credentials or an e-mail address
  s = s.replace(/:\d*$/, '') // port
  if (!s || s.length > 253) return null
  // To ASCII first, so full-width letters and ideographic dots are mapped before the checks below.
  let ascii = domainToASCII(s)
  if (!ascii) return null
  ascii = ascii.replace(/\.+$/, '') // trailing dot (a fully qualified name)
  // `www.` is a host in front of the company's domain, unless it is the whole name (www.com).
  if (ascii.startsWith('www.') && ascii.indexOf('.', 4) > 0) ascii = ascii.slice(4)
  const labels = ascii.split('.')
  if (labels.length < 2) return null
  for (const label of labels) {
    if (label.length < 1 || label.length > 63) return null
    if (!/^[a-z0-9-]+$/.test(label) || label.startsWith('-') || label.endsWith('-')) return null
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null // an IP address, not a domain
  return ascii
}
