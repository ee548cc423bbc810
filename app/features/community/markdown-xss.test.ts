import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { quoteMarkdown } from '#app/features/community/post-schemas.ts'

/**
 * Community posts (topics, replies, quotes, revisions) are rendered by `renderMarkdown`. None of
 * these vectors may survive it: no script, no event handler, no style, no embedded document, no
 * link or source other than http, https, mailto or a relative address.
 */
const VECTORS = [
  // Script tags, in every spelling.
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<script/xss src="//evil.example/x.js"></script>',
  '"><script>alert(1)</script>',
  '<<script>alert(1);//<</script>',
  // Event handler attributes.
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)" />',
  '<p onmouseover="alert(1)">hover</p>',
  '<a href="https://example.com" onclick="alert(1)">click</a>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  // javascript: and other schemes in HTML links.
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="//evil.example">protocol-relative</a>',
  // SVG and MathML.
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  // data: URLs and embedded documents.
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  // HTML entity tricks.
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
  // Markdown link and image tricks.
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](  javascript:alert(1)  )',
  '[click](javascript&#58;alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click](<javascript:alert(1)>)',
  '[click][ref]\n\n[ref]: javascript:alert(1)',
  '![img](javascript:alert(1))',
  '![img](x" onerror="alert(1))',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
  '<javascript:alert(1)>',
  '[a](https://example.com)<img src=x onerror=alert(1)>',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '> <script>alert(1)</script>\n> [q](javascript:alert(1))',
  '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
]

/** Decodes the character references a browser would decode in an attribute value. */
const decode = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&amp;/gi, '&')

const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'align', 'start'])
const FORBIDDEN_TAGS = /<\s*\/?\s*(script|img|svg|math|iframe|object|embed|form|input|button|meta|base|link|style|body|video|audio|source|details|animate|textarea|select|frame|frameset|applet)\b/i

function problems(html: string) {
  const found: string[] = []
  if (FORBIDDEN_TAGS.test(html)) found.push(`forbidden tag in ${html}`)
  for (const tag of html.matchAll(/<([a-z0-9]+)((?:\s+[^\s=>]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/gi)) {
    for (const attr of tag[2]!.matchAll(/([^\s=>]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const name = attr[1]!.toLowerCase()
      const value = decode((attr[2] ?? '').replace(/^["']|["']$/g, ''))
      if (!ALLOWED_ATTRIBUTES.has(name)) found.push(`attribute ${name} on <${tag[1]}>`)
      if (name === 'href') {
        // Browsers drop tabs and newlines inside a URL and ignore leading spaces.
        const href = value.replace(/[\t\n\r]/g, '').trim()
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase()
        if (scheme && !['http', 'https', 'mailto'].includes(scheme)) found.push(`href scheme ${scheme}`)
        if (href.startsWith('//')) found.push('protocol-relative href')
      }
    }
  }
  return found
}

describe('the Markdown renderer of community posts against XSS vectors', () => {
  it.each(VECTORS)('nothing survives: %s', (vector) => {
    for (const markdown of [vector, `Some text ${vector} more text`, quoteMarkdown('Mallory <img src=x onerror=alert(1)>', '"><script>alert(1)</script>', vector)]) {
      const html = renderMarkdown(markdown)
      expect(problems(html), html).toEqual([])
      // Inside any tag (text shows as &lt;…&gt; and is harmless): no event handler, no style.
      // (A quoted attribute value is data, e.g. a title containing the text "onmouseover=".)
      const tags = [...html.matchAll(/<[^>]*>/g)].map((m) => m[0].replace(/"[^"]*"|'[^']*'/g, '""')).join('')
      expect(tags).not.toMatch(/\son[a-z]+\s*=|\sstyle\s*=|\ssrc\s*=/i)
    }
  })

  it('keeps what posts need: emphasis, code, quotes, tables and safe links', () => {
    const html = renderMarkdown('**bold** `code` [docs](https://example.com/docs) <mailto:a@example.com>\n\n> quoted\n\n| a |\n|---|\n| b |')
    expect(html).toContain('<strong>bold</strong>')
    expect(html).toContain('<code>code</code>')
    expect(html).toContain('<a href="https://example.com/docs" rel="nofollow noopener noreferrer ugc">docs</a>')
    expect(html).toContain('<blockquote>')
    expect(html).toContain('<table>')
    expect(problems(html)).toEqual([])
  })
})
