import { Link } from '@remix-run/react'

export type Tab<K extends string> = { key: K; to: string; label: string }

/** A row of tabs as links (the current one marked `aria-current="page"`), named for screen readers by `label`. */
export function TabNav<K extends string>({ label, tabs, current }: { label: string; tabs: Tab<K>[]; current: K }) {
  return (
    <nav aria-label={label} className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
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
