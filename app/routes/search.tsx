import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { parseSearchParams, Q_MAX, toggledFilters, toSearchParams, type SearchParams } from '#app/features/search/schemas.ts'
import { categoryNames, searchMarketplace, SearchUnavailableError } from '#app/features/search/search.server.ts'
import { FacetGroup } from '#app/features/search/ui/facets.tsx'
import { Highlighted } from '#app/features/search/ui/parts.tsx'
import { isDomainError } from '#app/utils/errors.ts'
import { FACET_TITLES, KIND_LABELS, labelFor, TIER_LABELS, TYPE_LABELS } from '#search/labels.ts'
import { FACETS, SORTS, type Facet, type SearchResult } from '#search/types.ts'
import { referHref } from '#app/utils/start-links.ts'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'

const EMPTY: SearchParams = { filters: {}, sort: 'relevance', page: 1, perPage: 20 }

/** A refused address keeps what the person typed in the box (when it is itself fine), so searching again drops only the bad part. */
function typedQuery(searchParams: URLSearchParams): string | undefined {
  const q = searchParams.getAll('q')
  return q.length === 1 && q[0]!.length <= Q_MAX ? q[0]!.trim() || undefined : undefined
}

export async function loader({ request }: LoaderFunctionArgs) {
  const searchParams = new URL(request.url).searchParams
  const parsed = parseSearchParams(searchParams)
  const categories = await categoryNames()
  if (!parsed.ok) return data({ params: { ...EMPTY, q: typedQuery(searchParams) } as SearchParams, result: null, errors: parsed.errors, categories }, { status: 400 })
  try {
    const result = await searchMarketplace(parsed.params)
    return data({ params: parsed.params, result, errors: [] as string[], categories })
  } catch (error) {
    if (isDomainError(error) && error.status === 400) return data({ params: { ...parsed.params, filters: {} } as SearchParams, result: null, errors: [error.message], categories }, { status: 400 })
    if (error instanceof SearchUnavailableError) {
      return data({ params: parsed.params, result: null, errors: [error.message], categories }, { status: 503, headers: { 'Retry-After': String(error.retryAfterSeconds) } })
    }
    throw error
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const q = data?.params.q
  return [{ title: q ? `“${q}” — Search — Partner Hub` : 'Search partners, listings and integrations — Partner Hub' }, { name: 'robots', content: 'noindex' }]
}

const SORT_LABELS: Record<(typeof SORTS)[number], string> = { relevance: 'Best match', newest: 'Newest', name: 'Name (A–Z)' }

function hrefFor(params: SearchParams, change: Partial<SearchParams>) {
  const next = { ...params, page: 1, ...change }
  const qs = toSearchParams(next).toString()
  return qs ? `/search?${qs}` : '/search'
}

function toggle(params: SearchParams, facet: Facet, value: string) {
  return hrefFor(params, { filters: toggledFilters(params.filters, facet, value) })
}

export default function SearchPage() {
  const loaded = useLoaderData<typeof loader>()
  const { result, errors, categories } = loaded
  const params = loaded.params as SearchParams
  const submit = useSubmit()
  const navigation = useNavigation()
  const location = useLocation()
  const formRef = useRef<HTMLFormElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/search'

  // Keep the box in step with the URL (back/forward, chips) unless the person is typing in it.
  useEffect(() => {
    if (inputRef.current && document.activeElement !== inputRef.current) inputRef.current.value = params.q ?? ''
  }, [params.q, location.key])
  useEffect(() => () => clearTimeout(timer.current), [])

  const liveSubmit = () => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      if (formRef.current) submit(formRef.current, { replace: true, preventScrollReset: true })
    }, 250)
  }

  const activeChips = FACETS.flatMap((facet) => (params.filters[facet] ?? []).map((value) => ({ facet, value })))
  const totalPages = result ? pageCountOf(result.total, result.perPage) : 1

  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Search</h1>
        <Link to="/find-partner" className="link text-sm">
          Not sure what to search for? Find a partner by need, region and industry →
        </Link>
      </div>

      <Form ref={formRef} method="get" action="/search" role="search" className="mt-4 flex flex-wrap gap-2" data-testid="search-form">
        <label htmlFor="search-q" className="sr-only">
          Search partners, listings and integrations
        </label>
        <input
          ref={inputRef}
          id="search-q"
          type="search"
          name="q"
          defaultValue={params.q ?? ''}
          maxLength={200}
          placeholder="Try “healthcare integrator”, “MSP in EMEA”, “CRM connector”"
          className="input min-w-0 flex-1"
          autoComplete="off"
          onChange={liveSubmit}
          aria-describedby="search-status"
        />
        {FACETS.flatMap((facet) => (params.filters[facet] ?? []).map((value) => <input key={`${facet}:${value}`} type="hidden" name={facet} value={value} />))}
        <label htmlFor="search-sort" className="sr-only">
          Sort by
        </label>
        <select
          id="search-sort"
          name="sort"
          defaultValue={params.sort}
          key={params.sort}
          className="input w-auto"
          onChange={(e) => submit(e.currentTarget.form, { replace: true, preventScrollReset: true })}
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
        <button type="submit" className="btn-primary">
          Search
        </button>
      </Form>

      {errors.length > 0 ? (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
          <p className="mt-1">
            <Link to="/search" className="link">
              Start a new search
            </Link>
          </p>
        </div>
      ) : null}

      {activeChips.length > 0 ? (
        <div className="mt-4 flex flex-wrap items-center gap-2" aria-label="Active filters" data-testid="chips">
          {activeChips.map(({ facet, value }) => (
            <Link
              key={`${facet}:${value}`}
              to={toggle(params, facet, value)}
              preventScrollReset
              className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-800 hover:bg-brand-100"
              aria-label={`Remove filter ${FACET_TITLES[facet]}: ${labelFor(facet, value, categories)}`}
            >
              {FACET_TITLES[facet]}: {labelFor(facet, value, categories)} <span aria-hidden>×</span>
            </Link>
          ))}
          <Link to={hrefFor(params, { filters: {} })} className="link text-sm">
            Clear all filters
          </Link>
        </div>
      ) : null}

      {result ? (
        <div className="mt-6 grid gap-8 md:grid-cols-[16rem_1fr]">
          {/* Keyboard users reach the results without tabbing through every filter. */}
          <a href="#results" className="sr-only rounded bg-white px-3 py-2 text-sm font-medium text-brand-800 shadow focus:not-sr-only focus:absolute focus:z-10" data-testid="skip-to-results">
            Skip to results
          </a>
          {/* On a phone the filters wait behind a "Filters" toggle (a checkbox, so it works without JavaScript). */}
          <div>
            <input type="checkbox" id="show-filters" className="peer sr-only md:hidden" />
            <label htmlFor="show-filters" className="btn-secondary w-full cursor-pointer peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 md:hidden" data-testid="filters-button">
              Filters{activeChips.length > 0 ? ` (${activeChips.length} on)` : ''}
            </label>
            <aside aria-label="Filters" className="mt-4 hidden space-y-6 peer-checked:block md:mt-0 md:block" data-testid="facets">
              {FACETS.map((facet) => (
                <FacetGroup
                  key={facet}
                  facet={facet}
                  selected={params.filters[facet] ?? []}
                  counts={result.facets[facet]}
                  categories={categories}
                  toggleHref={(value) => toggle(params, facet, value)}
                />
              ))}
            </aside>
          </div>

          <section id="results" tabIndex={-1} aria-labelledby="results-heading" aria-busy={searching} className="focus:outline-none">
            <h2 id="results-heading" className="sr-only">
              Results
            </h2>
            <p id="search-status" className="text-sm text-slate-600" aria-live="polite" data-testid="result-count">
              {result.total === 1 ? '1 result' : `${result.total.toLocaleString('en')} results`}
              {params.q ? ` for “${params.q}”` : ''}
              {searching ? ' · updating…' : ''}
            </p>
            {result.hits.length === 0 ? (
              <EmptyState params={params} result={result} />
            ) : (
              <ol className={`mt-3 space-y-3 ${searching ? 'opacity-60' : ''}`} data-testid="results">
                {result.hits.map(({ document: d, highlight }) => (
                  <li key={d.id} className="card" data-testid="hit">
                    <div className="flex flex-wrap items-center gap-2 text-xs">
                      <span className="badge">{KIND_LABELS[d.kind]?.replace(/s$/, '') ?? d.kind}</span>
                      {d.type ? <span className="badge">{TYPE_LABELS[d.type] ?? d.type}</span> : null}
                      {d.tier ? <span className="badge">{TIER_LABELS[d.tier] ?? d.tier}</span> : null}
                      {d.regions.map((r) => (
                        <span key={r} className="badge">
                          {r}
                        </span>
                      ))}
                    </div>
                    <h3 className="mt-2 text-lg font-semibold">
                      <Link to={d.url} className="link" data-testid="hit-title">
                        <Highlighted parts={highlight.title} />
                      </Link>
                    </h3>
                    {d.kind !== 'partner' ? <p className="text-sm text-slate-500">by {d.orgName}</p> : null}
                    {d.kind === 'partner' && d.url.startsWith('/partners/') ? (
                      <Link to={referHref({ to: d.url.slice('/partners/'.length) })} className="link text-sm" data-testid="hit-refer">
                        Refer a customer
                      </Link>
                    ) : null}
                    {d.summary ? (
                      <p className="mt-1 text-sm text-slate-700">
                        <Highlighted parts={highlight.summary} />
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
            <Pager page={params.page} pageCount={totalPages} label="Pagination" href={(page) => hrefFor(params, { page })} />
          </section>
        </div>
      ) : null}
    </main>
  )
}

function EmptyState({ params, result }: { params: SearchParams; result: SearchResult }) {
  const filtered = FACETS.some((f) => (params.filters[f]?.length ?? 0) > 0)
  const pastEnd = result.total > 0
  return (
    <div className="card mt-3 text-slate-700" data-testid="empty-state">
      {pastEnd ? (
        <>
          <p className="font-medium">There are no more results on this page.</p>
          <p className="mt-2">
            <Link to={hrefFor(params, { page: 1 })} className="link">
              Go to the first page
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="font-medium">{params.q ? `Nothing matches “${params.q}”${filtered ? ' with these filters' : ''}.` : 'Nothing matches these filters.'}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {filtered ? (
              <li>
                <Link to={hrefFor(params, { filters: {} })} className="link">
                  Search without filters
                </Link>{' '}
                — each filter narrows the results.
              </li>
            ) : null}
            {params.q ? <li>Check the spelling, use fewer words, or try a broader term (e.g. “integrator” instead of a product name).</li> : null}
            <li>
              <Link to="/find-partner" className="link">
                Describe what you need
              </Link>{' '}
              and we will suggest partners by region and industry.
            </li>
            <li>
              <Link to="/marketplace" className="link">
                Browse the marketplace by category
              </Link>
              .
            </li>
          </ul>
        </>
      )}
    </div>
  )
}
