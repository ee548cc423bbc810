import { describe, expect, it } from 'vitest'
import { markdownToText, renderMarkdown } from '#app/features/listings/markdown.server.ts'

describe('renderMarkdown', () => {
  it('drops scripts, event handlers and javascript: links, and marks links nofollow', () => {
    const html = renderMarkdown(
      [
        '# Title',
        '<script>alert(document.cookie)</script>',
        '<img src=x onerror="alert(1)">',
        '<p onclick="steal()">Click</p>',
        '[bad](javascript:alert(1)) [bad2](JAVASCRIPT:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)',
        '<a href="javascript:alert(1)" rel="opener">raw</a>',
        '[good](https://example.com) [mail](mailto:hi@example.com)',
        '<iframe src="https://evil.example"></iframe>',
        '<style>body{display:none}</style>',
      ].join('\n\n'),
    )
    expect(html).not.toMatch(/<script|alert\(document|onerror|onclick|javascript:|<iframe|<style|<img|data:text/i)
    expect(html).toContain('<h2>Title</h2>')
    expect(html).toContain('<a href="https://example.com" rel="nofollow noopener noreferrer ugc">good</a>')
    expect(html).toContain('href="mailto:hi@example.com"')
    expect(html).not.toContain('rel="opener"')
  })

  it('renders tables and code and gives plain text', () => {
    expect(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<td>1</td>')
    expect(renderMarkdown('`x < y`')).toContain('<code>x &lt; y</code>')
    expect(markdownToText('## Hi\n\n**there** <script>x()</script>')).toBe('Hi there')
  })
})
