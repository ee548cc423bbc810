import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

/** Tabs shared by the co-sell, connections and account-list pages. */
export function MappingTabs({ current, isPartner }: { current: 'cosell' | 'connections' | 'accounts'; isPartner: boolean }) {
  const tabs = [
    { key: 'cosell', to: '/cosell', label: 'Co-sell opportunities' },
    ...(isPartner
      ? [
          { key: 'connections', to: '/connections', label: 'Connections & overlap' },
          { key: 'accounts', to: '/accounts', label: 'Account list' },
        ]
      : []),
  ]
  return (
    <nav aria-label="Co-selling" className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((t) => (
        <Link
          key={t.key}
          to={t.to}
          aria-current={t.key === current ? 'page' : undefined}
          className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${t.key === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  )
}

export function Alert({ kind = 'error', children }: { kind?: 'error' | 'success' | 'info'; children: ReactNode }) {
  const cls = kind === 'error' ? 'border-red-200 bg-red-50 text-red-800' : kind === 'success' ? 'border-green-200 bg-green-50 text-green-800' : 'border-slate-200 bg-slate-50 text-slate-700'
  return (
    <div role={kind === 'error' ? 'alert' : 'status'} className={`rounded-md border px-3 py-2 text-sm ${cls}`}>
      {children}
    </div>
  )
}

export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <ul id={id} className="field-error" role="alert">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  )
}

export function Pager({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      <span className="text-slate-600">
        Page {page} of {pages.toLocaleString('en-US')} · {total.toLocaleString('en-US')} in all
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="btn-secondary" to={href(page - 1)} rel="prev">
            Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link className="btn-secondary" to={href(page + 1)} rel="next">
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  )
}
