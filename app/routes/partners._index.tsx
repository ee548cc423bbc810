import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { parseSearchParams, toggledFilters, toSearchParams, type SearchParams } from '#app/features/search/schemas.ts'
import { searchMarketplace, SearchUnavailableError } from '#app/features/search/search.server.ts'
import { FacetGroup } from '#app/features/search/ui/facets.tsx'
import { isDomainError } from '#app/utils/errors.ts'
import { referHref } from '#app/utils/start-links.ts'
import { labelFor, REGION_LABELS, TIER_LABELS, TYPE_LABELS } from '#search/labels.ts'
import type { Facet, SearchResult } from '#search/types.ts'

/** The directory filters partners by what a customer or another partner looks for first. */
const DIRECTORY_FACETS = ['type', 'tier', 'region', 'industry'] as const satisfies readonly Facet[]
const PER_PAGE = 24

type DirectoryState = { params: SearchParams; result: SearchResult | null; errors: string[] }

/**
 * The partner directory: every approved, active partner, A–Z unless a search term ranks them,
 * filtered by type, tier, region and industry. It reads the search index (the same public
 * documents as /search), so a suspended or unapproved partner is never listed.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const parsed = parseSearchParams(url.searchParams)
  if (!parsed.ok) return data<DirectoryState>({ params: { filters: {}, sort: 'name', page: 1, perPage: PER_PAGE }, result: null, errors: parsed.errors }, { status: 400 })
  const { q, filters, page } = parsed.params
  const params: SearchParams = {
    q,
    filters: Object.fromEntries(DIRECTORY_FACETS.filter((f) => filters[f]?.length).map((f) => [f, filters[f]!])),
    sort: defaultSort(q) === 'name' && parsed.params.sort === 'relevance' ? 'name' : parsed.params.sort,
    page,
    perPage: PER_PAGE,
  }
  try {
    const result = await searchMarketplace({ ...params, filters: { ...params.filters, kind: ['partner'] } })
    return data<DirectoryState>({ params, result, errors: [] })
  } catch (error) {
    if (isDomainError(error) && error.status === 400) return data<DirectoryState>({ params: { ...params, filters: {} }, result: null, errors: [error.message] }, { status: 400 })
    if (error instanceof SearchUnavailableError) {
      return data<DirectoryState>({ params, result: null, errors: [error.message] }, { status: 503, headers: { 'Retry-After': String(error.retryAfterSeconds) } })
    }
    throw error
  }
}

export const meta: MetaFunction = () => [
  { title: 'Partner directory — Partner Hub' },
  { name: 'description', content: 'Every approved partner: resellers, technology partners, systems integrators, MSPs and more, by type, tier, region and industry.' },
]

/** A–Z unless a search term ranks the partners; the default is left out of the links. */
const defaultSort = (q: string | undefined) => (q ? 'relevance' : 'name')

function directoryHref(params: SearchParams, change: Partial<SearchParams>) {
  const next = { ...params, page: 1, ...change }
  const query = toSearchParams({ ...next, sort: 'relevance' })
  if (next.sort !== defaultSort(next.q)) query.set('sort', next.sort)
  query.delete('perPage')
  const qs = query.toString()
  return qs ? `/partners?${qs}` : '/partners'
}

function toggled(params: SearchParams, facet: Facet, value: string) {
  return directoryHref(params, { filters: toggledFilters(params.filters, facet, value) })
}

export default function PartnerDirectory() {
  const { params, result, errors } = useLoaderData<typeof loader>() as DirectoryState
  const filtered = DIRECTORY_FACETS.some((f) => (params.filters[f]?.length ?? 0) > 0)
  const pageCount = result ? pageCountOf(result.total, PER_PAGE) : 1
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Partner directory</h1>
          <p className="mt-2 max-w-2xl text-slate-600">Every approved partner in the ecosystem. Filter by what you need, or describe it and we will suggest partners.</p>
        </div>
        <Link to="/find-partner" className="btn-secondary">
          Find a partner for a need
        </Link>
      </div>

      <Form method="get" action="/partners" role="search" className="mt-6 flex max-w-xl gap-2">
        <label htmlFor="directory-q" className="sr-only">
          Search partners by name, skill or industry
        </label>
        <input id="directory-q" name="q" type="search" defaultValue={params.q ?? ''} placeholder="Name, skill or industry" className="input" maxLength={200} />
        {DIRECTORY_FACETS.flatMap((facet) => (params.filters[facet] ?? []).map((value) => <input key={`${facet}:${value}`} type="hidden" name={facet} value={value} />))}
        <button type="submit" className="btn-primary">
          Search
        </button>
      </Form>

      {errors.length > 0 ? (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="directory-errors">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
          <p className="mt-1">
            <Link to="/partners" className="link">
              Show all partners
            </Link>
          </p>
        </div>
      ) : null}

      {result ? (
        <div className="mt-6 grid gap-8 md:grid-cols-[16rem_1fr]">
          <div>
            <input type="checkbox" id="show-directory-filters" className="peer sr-only md:hidden" />
            <label htmlFor="show-directory-filters" className="btn-secondary w-full cursor-pointer peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 md:hidden">
              Filters
            </label>
            <aside aria-label="Filters" className="mt-4 hidden space-y-6 peer-checked:block md:mt-0 md:block" data-testid="directory-facets">
              {DIRECTORY_FACETS.map((facet) => (
                <FacetGroup key={facet} facet={facet} selected={params.filters[facet] ?? []} counts={result.facets[facet]} categories={{}} toggleHref={(value) => toggled(params, facet, value)} />
              ))}
              {filtered ? (
                <Link to={directoryHref(params, { filters: {} })} className="link block text-sm">
                  Clear all filters
                </Link>
              ) : null}
            </aside>
          </div>

          <section aria-labelledby="directory-results">
            <h2 id="directory-results" className="text-sm font-normal text-slate-600" aria-live="polite" data-testid="directory-count">
              {result.total === 1 ? '1 partner' : `${result.total.toLocaleString('en')} partners`}
              {params.q ? ` matching “${params.q}”` : ''}
            </h2>
            {result.hits.length === 0 ? (
              <div className="card mt-3 text-slate-700" data-testid="directory-empty">
                <p className="font-medium">{result.total > 0 ? 'There are no more partners on this page.' : 'No partner matches these filters.'}</p>
                <p className="mt-2 text-sm">
                  <Link to="/partners" className="link">
                    Show all partners
                  </Link>{' '}
                  or{' '}
                  <Link to="/find-partner" className="link">
                    describe what you need
                  </Link>
                  .
                </p>
              </div>
            ) : (
              <ul className="mt-3 grid grid-cols-1 gap-4 lg:grid-cols-2" data-testid="directory-list">
                {result.hits.map(({ document: d }) => (
                  <li key={d.id} className="card flex flex-col" data-testid="directory-partner">
                    <h3 className="text-lg font-semibold">
                      <Link to={d.url} className="link">
                        {d.title}
                      </Link>
                    </h3>
                    <p className="mt-1 flex flex-wrap gap-2 text-xs">
                      {d.type ? <span className="badge">{TYPE_LABELS[d.type] ?? d.type}</span> : null}
                      {d.tier ? <span className="badge">{TIER_LABELS[d.tier] ?? d.tier}</span> : null}
                      {d.regions.map((r) => (
                        <span key={r} className="badge">
                          {REGION_LABELS[r] ?? r}
                        </span>
                      ))}
                    </p>
                    {d.summary ? <p className="mt-2 text-sm text-slate-700">{d.summary}</p> : null}
                    {d.industries.length ? <p className="mt-1 text-xs text-slate-500">Industries: {d.industries.map((i) => labelFor('industry', i)).join(', ')}</p> : null}
                    <p className="mt-auto flex flex-wrap gap-4 pt-3 text-sm">
                      <Link to={d.url} className="link">
                        View profile
                      </Link>
                      <Link to={referHref({ to: d.url.slice('/partners/'.length) })} className="link">
                        Refer a customer
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <Pager page={params.page} pageCount={pageCount} label="Directory pages" />
          </section>
        </div>
      ) : null}
    </main>
  )
}
