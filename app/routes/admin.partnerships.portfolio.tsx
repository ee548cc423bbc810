import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { vendorPortfolio } from '#app/features/partnerships/portfolio.server.ts'
import { HealthDefinitions, HealthTable, healthTableRow } from '#app/features/partnerships/ui/health-table.tsx'
import { pageFromUrl } from '#app/utils/page-query.ts'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Partnership portfolio · Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const { rows, ...portfolio } = await orThrowResponse(vendorPortfolio(actor, { page: pageFromUrl(request) }))
  // Only what the page shows travels (to the HTML and again to the browser for hydration).
  return data({ ...portfolio, rows: rows.map(healthTableRow) })
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
      <p className="mt-4 text-sm text-slate-600" data-testid="asymmetry-setting">
        A partnership is flagged asymmetric when the sides&apos; on-time fulfilment differs by {Math.round(asymmetryWarning * 100)} points or more;{' '}
        <Link to="/admin/settings" className="link">
          change it in the program settings
        </Link>
        .
      </p>
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
