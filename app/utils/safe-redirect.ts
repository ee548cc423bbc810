/**
 * The one check for redirecting to a target a person supplied (`redirectTo` on /login, `to` on
 * /notifications, a page's own path sent back after a form): only a path on this site passes,
 * as a browser's URL parser would resolve it; anything else becomes `fallback`.
 *
 * A browser drops tabs and newlines anywhere in a URL, strips leading and trailing spaces and
 * control characters, and reads `\` as `/`: so `/\t/evil.example`, ` //evil.example` and
 * `/\evil.example` all mean `//evil.example`, another site. Rather than predict every such
 * rewrite, the target is refused when it holds any of those characters at all, and is otherwise
 * resolved with the WHATWG URL parser (the one browsers implement) against a placeholder origin;
 * it passes only if it stays on that origin and its path, decoded, neither starts with `//` nor
 * holds a control character or backslash either (some proxies decode `%2F`, `%5C`, `%09`). The normalized path, query and fragment are returned.
 */
const PLACEHOLDER = 'http://same-site.invalid'
/** C0 and C1 controls, DEL, backslash, and Unicode spaces and line or paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SUSPICIOUS = /[\u0000-\u001f\u007f-\u009f\\\s\u2028\u2029\ufeff]/u
const MAX_LENGTH = 2000

export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > MAX_LENGTH) return fallback
  if (!to.startsWith('/') || to.startsWith('//') || SUSPICIOUS.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, PLACEHOLDER)
  } catch {
    return fallback
  }
  // `/.//x` and `/%2e%2e//x` resolve to the path `//x`, which a browser would read as a host.
  if (url.origin !== PLACEHOLDER || !url.pathname.startsWith('/') || url.pathname.startsWith('//')) return fallback
  let decoded: string
  try {
    decoded = decodeURIComponent(url.pathname)
  } catch {
    return fallback
  }
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/^\/[/\\]/.test(decoded) || /[\u0000-\u001f\u007f\\]/.test(decoded)) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
