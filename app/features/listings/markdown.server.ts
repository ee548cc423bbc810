import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

const marked = new Marked({ gfm: true, breaks: false, async: false })

const ALLOWED_TAGS = [
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'del',
  's',
  'ul',
  'ol',
  'li',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sup',
  'sub',
  'kbd',
]

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  // No event handlers, no style, no classes: only what a link and a table cell need.
  allowedAttributes: { a: ['href', 'title', 'rel'], th: ['align'], td: ['align'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside <script>/<style>/<iframe> is dropped entirely, not shown as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  transformTags: {
    // A document title belongs to the page: demote Markdown h1 to h2.
    h1: 'h2',
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'nofollow noopener noreferrer ugc' },
    }),
  },
}

/** Markdown → HTML that is safe to put on a page: no scripts, no event handlers, only http/https/mailto links. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown ?? '') as string
  return sanitizeHtml(html, SANITIZE)
}

/** Plain text of a Markdown document (for meta descriptions and similarity checks). */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown ?? '') as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim()
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
export const headingSlug = (text: string) =>
  text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-')

/**
 * The project's own documents (docs/*.md), trusted text written in the repository: the same
 * renderer and sanitizer as listings, plus heading anchors, and relative links resolved by
 * `resolveHref` (a link it answers null for is kept as plain text).
 */
export function renderDocument(markdown: string, resolveHref: (href: string) => string | null): string {
  const doc = new Marked({ gfm: true, breaks: false, async: false })
  doc.use({
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens)
        return `<h${depth} id="${headingSlug(inner)}">${inner}</h${depth}>\n`
      },
      link({ href, title, tokens }) {
        const inner = this.parser.parseInline(tokens)
        const target = /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('/') ? href : resolveHref(href)
        if (target === null) return inner
        return `<a href="${target}"${title ? ` title="${title}"` : ''}>${inner}</a>`
      },
    },
  })
  const html = doc.parse(markdown ?? '') as string
  return sanitizeHtml(html, {
    ...SANITIZE,
    allowedAttributes: { ...SANITIZE.allowedAttributes, h2: ['id'], h3: ['id'], h4: ['id'] },
    transformTags: { h1: 'h2' },
  })
}
