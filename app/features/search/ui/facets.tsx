import { Link } from '@remix-run/react'
import { FACET_TITLES, labelFor } from '#search/labels.ts'
import type { Facet } from '#search/types.ts'

/**
 * One facet's values as links that toggle a filter (plain links: they work without JavaScript),
 * with the count of results each value has. The page decides where a toggle leads.
 */
export function FacetGroup({
  facet,
  selected,
  counts: countsByValue,
  categories,
  toggleHref,
}: {
  facet: Facet
  selected: readonly string[]
  counts: Record<string, number>
  categories: Record<string, string>
  toggleHref: (value: string) => string
}) {
  const counts = Object.entries(countsByValue).sort((a, b) => b[1] - a[1] || labelFor(facet, a[0], categories).localeCompare(labelFor(facet, b[0], categories)))
  if (counts.length === 0) return null
  return (
    <fieldset data-testid={`facet-${facet}`}>
      <legend className="text-sm font-semibold text-slate-900">{FACET_TITLES[facet]}</legend>
      <ul className="mt-2 space-y-1">
        {counts.map(([value, count]) => {
          const on = selected.includes(value)
          const label = labelFor(facet, value, categories)
          return (
            <li key={value}>
              <Link
                to={toggleHref(value)}
                preventScrollReset
                data-selected={on}
                data-testid={`facet-${facet}-${value}`}
                className={`flex items-center justify-between gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 ${on ? 'font-semibold text-brand-800' : 'text-slate-700'}`}
              >
                <span className="flex items-center gap-2">
                  <span aria-hidden className={`inline-block h-4 w-4 rounded border ${on ? 'border-brand-600 bg-brand-600' : 'border-slate-300 bg-white'}`} />
                  {label}
                </span>{' '}
                {/* The name spoken is the visible text and what it means: "Europe 12 results, selected: …". */}
                <span className="text-xs text-slate-500">
                  <span data-testid="facet-count">{count.toLocaleString('en')}</span>
                  <span className="sr-only">
                    {count === 1 ? ' result' : ' results'}
                    {on ? ', selected: select to remove this filter' : ''}
                  </span>
                </span>
              </Link>
            </li>
          )
        })}
      </ul>
    </fieldset>
  )
}
