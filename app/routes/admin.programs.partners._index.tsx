import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { listStandings } from '#app/features/programs/programs.server.ts'
import { dateText } from '#app/features/programs/ui.tsx'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { pageFromUrl } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Partner standings · Partner program · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const page = pageFromUrl(request)
  const result = await orThrowResponse(listStandings(actor, { page }))
  return { ...result, page }
}

const PROPOSAL_LABELS = { none: '—', pending: 'Proposal waiting', approved: 'Approved', overridden: 'Set by the vendor' } as const

export default function Standings() {
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin/programs" className="link">
          Partner program
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold text-slate-900">Partner standings</h1>
      <p className="mt-1 text-slate-600">{total} partners in a track, as the last evaluation found them.</p>
      {rows.length === 0 ? (
        <p className="card mt-4 text-slate-600">No standings yet: define tracks and tiers, then evaluate the program.</p>
      ) : (
        <table className="table-stack mt-4 w-full text-left text-sm" data-testid="standings-table">
          <caption className="sr-only">Standings</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-2 pr-2 font-medium">
                Partner
              </th>
              <th scope="col" className="py-2 pr-2 font-medium">
                Track
              </th>
              <th scope="col" className="py-2 pr-2 font-medium">
                Tier
              </th>
              <th scope="col" className="py-2 pr-2 font-medium">
                Qualifies for
              </th>
              <th scope="col" className="py-2 font-medium">
                State
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.orgId} className="border-b border-slate-100">
                <td className="py-2 pr-2">
                  <Link to={`/admin/programs/partners/${r.orgId}`} className="link">
                    {r.orgName}
                  </Link>
                </td>
                <td className="py-2 pr-2" data-label="Track">
                  {r.trackName}
                </td>
                <td className="py-2 pr-2" data-label="Tier">
                  {r.currentTier ?? 'None'}
                </td>
                <td className="py-2 pr-2" data-label="Qualifies for">
                  {r.qualifiedTier ?? 'None'}
                </td>
                <td className="py-2" data-label="State">
                  {PROPOSAL_LABELS[r.proposalStatus]}
                  {r.graceUntil && r.proposalStatus !== 'pending' ? <span className="badge ml-1 bg-amber-100 text-amber-900">Grace until {dateText(r.graceUntil)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pageCount={pageCount} label="Standing pages" />
    </main>
  )
}
