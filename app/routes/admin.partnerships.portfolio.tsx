import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { vendorPortfolio } from '#app/features/partnerships/portfolio.server.ts'
import { HealthDefinitions, HealthTable } from '#app/features/partnerships/ui/health-table.tsx'
import { PortfolioQuery } from '#app/features/partnerships/ui/query.ts'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Partnership portfolio · Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const query = PortfolioQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
  return data(await orThrowResponse(vendorPortfolio(actor, { asymmetryWarning: query.asymmetry, page: query.page })))
}

export default function PartnershipPortfolio() {
  const { rows, total, page, pageCount, firstRank, asymmetryWarning, at } = useLoaderData<typeof loader>()
  const warned = rows.filter((r) => r.warnings.length > 0).length
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          Admin
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Partnership portfolio</h1>
      <p className="mt-1 text-slate-600">
        Every strategic partnership with its health as of {at.slice(0, 10)}, ranked weakest first: the most warnings first, then the lowest pipeline attainment (no active plan or no target counts as
        lowest), then the most open actions.
      </p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="asymmetry" className="label">
            Warn when the sides&apos; fulfilment differs by at least (%)
          </label>
          <input id="asymmetry" name="asymmetry" type="number" min={5} max={100} step={1} defaultValue={Math.round(asymmetryWarning * 100)} className="input w-28" />
        </div>
        <button type="submit" className="btn-secondary">
          Apply
        </button>
      </Form>
      <p className="mt-4 text-sm text-slate-600" data-testid="portfolio-summary">
        {total.toLocaleString('en')} strategic {total === 1 ? 'partnership' : 'partnerships'}
        {total ? `; ${warned} with warnings on this page` : ''}.
      </p>
      {rows.length === 0 ? (
        <p className="card mt-4 text-slate-600">No strategic partnerships yet. Once the team designates a partnership strategic, its health shows here.</p>
      ) : (
        <HealthTable rows={rows} firstRank={firstRank} caption="Strategic partnerships ranked by health, weakest first" detailHref={(id) => `/partnerships/health/${id}`} />
      )}
      <Pager page={page} pageCount={pageCount} label="Portfolio pages" />
      <HealthDefinitions asymmetryWarning={asymmetryWarning} />
    </main>
  )
}
