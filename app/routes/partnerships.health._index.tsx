import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { isVendor } from '#app/features/auth/actor.ts'
import { ownPortfolio } from '#app/features/partnerships/portfolio.server.ts'
import { HealthDefinitions, HealthTable, healthTableRow } from '#app/features/partnerships/ui/health-table.tsx'
import { pageFromUrl } from '#app/utils/page-query.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Partnership health · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const portfolio = await orThrowResponse(ownPortfolio(actor, { page: pageFromUrl(request) }))
  return data({ ...portfolio, rows: portfolio.rows.map(healthTableRow), vendor: isVendor(actor), orgName: actor.orgName })
}

export default function OwnPartnershipHealth() {
  const { rows, page, pageCount, firstRank, asymmetryWarning, at, vendor, orgName } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Partnership health</h1>
      <p className="mt-1 text-slate-600">
        The health of {orgName}&apos;s partnerships as of {at.slice(0, 10)}, with the same figures the vendor&apos;s team sees, weakest first.
        {vendor ? (
          <>
            {' '}
            The whole strategic portfolio is on{' '}
            <Link to="/admin/partnerships/portfolio" className="link">
              the portfolio page
            </Link>
            .
          </>
        ) : null}
      </p>
      {rows.length === 0 ? (
        <p className="card mt-4 text-slate-600">Your organization has no partnerships yet. When the vendor&apos;s team starts one with you, its health shows here.</p>
      ) : (
        <HealthTable rows={rows} firstRank={firstRank} caption={`${orgName}'s partnerships ranked by health, weakest first`} detailHref={(id) => `/partnerships/health/${id}`} />
      )}
      <Pager page={page} pageCount={pageCount} label="Partnership pages" />
      <HealthDefinitions asymmetryWarning={asymmetryWarning} />
    </main>
  )
}
