import { Link, useLocation } from '@remix-run/react'

/** Previous/next links that keep the other query parameters; plain links, so it works without JS. */
export function Pager({ page, pageCount, param = 'page', label = 'Pages' }: { page: number; pageCount: number; param?: string; label?: string }) {
  const location = useLocation()
  if (pageCount <= 1) return null
  const href = (p: number) => {
    const search = new URLSearchParams(location.search)
    if (p <= 1) search.delete(param)
    else search.set(param, String(p))
    const qs = search.toString()
    return `${location.pathname}${qs ? `?${qs}` : ''}`
  }
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-3 text-sm">
      {page > 1 ? (
        <Link to={href(page - 1)} className="btn-secondary" rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link to={href(page + 1)} className="btn-secondary" rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
