import { Link, useLocation } from '@remix-run/react'
import type { ReactNode } from 'react'

export type PagerLink = { to: string; label: ReactNode }

/** A link's text with its arrow hidden from screen readers, so the link is named by its words alone. */
const arrowed = (text: string, arrow: '←' | '→' | '⇤') =>
  arrow === '→' ? (
    <>
      {text} <span aria-hidden="true">{arrow}</span>
    </>
  ) : (
    <>
      <span aria-hidden="true">{arrow}</span> {text}
    </>
  )

/**
 * The one pager of the app: a `<nav>` named by `label`, the previous and next pages as plain
 * links with `rel="prev"`/`rel="next"` (so it works without JavaScript, and assistive technology
 * and crawlers know the sequence), an optional link back to the start, and a status between
 * them. Nothing is shown when there is neither a previous nor a next page.
 */
export function PagerNav({ label, prev, next, start, status }: { label: string; prev?: PagerLink | null; next?: PagerLink | null; start?: PagerLink | null; status?: ReactNode }) {
  if (!prev && !next) return null
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-3 text-sm">
      <span className="flex gap-2">
        {start ? (
          <Link to={start.to} className="btn-secondary">
            {start.label}
          </Link>
        ) : null}
        {prev ? (
          <Link to={prev.to} className="btn-secondary" rel="prev">
            {prev.label}
          </Link>
        ) : null}
      </span>
      {status ? <span className="text-slate-600">{status}</span> : null}
      <span className="flex gap-2">
        {next ? (
          <Link to={next.to} className="btn-secondary" rel="next">
            {next.label}
          </Link>
        ) : null}
      </span>
    </nav>
  )
}

/** The current address with some query parameters set (or, given null, removed), the others kept. */
export function useHrefWith() {
  const location = useLocation()
  return (changes: Record<string, string | null>) => {
    const search = new URLSearchParams(location.search)
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) search.delete(key)
      else search.set(key, value)
    }
    const qs = search.toString()
    return `${location.pathname}${qs ? `?${qs}` : ''}`
  }
}

/**
 * Numbered pages: "← Previous", "Page 2 of 9" (and "· 412 in all" given the total), "Next →".
 * The links keep the other query parameters and set `param` (left out for the first page), unless
 * the caller builds them with `href`.
 */
export function Pager({
  page,
  pageCount,
  total,
  param = 'page',
  label = 'Pages',
  href,
}: {
  page: number
  pageCount: number
  total?: number
  param?: string
  label?: string
  href?: (page: number) => string
}) {
  const hrefWith = useHrefWith()
  const to = href ?? ((p: number) => hrefWith({ [param]: p <= 1 ? null : String(p) }))
  return (
    <PagerNav
      label={label}
      prev={page > 1 ? { to: to(page - 1), label: arrowed('Previous', '←') } : null}
      next={page < pageCount ? { to: to(page + 1), label: arrowed('Next', '→') } : null}
      status={
        <>
          Page {page} of {pageCount.toLocaleString('en-US')}
          {total === undefined ? null : ` · ${total.toLocaleString('en-US')} in all`}
        </>
      }
    />
  )
}

/**
 * Pages by position (keyset): "⇤ Newest" and "← Newer {noun}" to go back up, "Older {noun} →" to
 * go on; each given as the address it leads to, or null where there is nothing that way.
 */
export function CursorPager({ label, noun, newest = null, newer, older }: { label: string; noun: string; newest?: string | null; newer: string | null; older: string | null }) {
  return (
    <PagerNav
      label={label}
      start={newest ? { to: newest, label: arrowed('Newest', '⇤') } : null}
      prev={newer ? { to: newer, label: arrowed(`Newer ${noun}`, '←') } : null}
      next={older ? { to: older, label: arrowed(`Older ${noun}`, '→') } : null}
    />
  )
}
