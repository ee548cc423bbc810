import { Fragment } from 'react'

/**
 * A description written for developers (the OpenAPI document, the webhook catalog) as text:
 * `code` spans as code, and a path of the site's documentation (/docs/…) as a link, instead of
 * their raw backticks and a path to copy.
 */
export function ReferenceText({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`\n]+`|\/docs\/[a-z0-9/-]*[a-z0-9])/).map((part, i) =>
        part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-900">
            {part.slice(1, -1)}
          </code>
        ) : part.startsWith('/docs/') ? (
          <a key={i} className="link" href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  )
}
