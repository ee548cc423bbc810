import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { listProposals } from '#app/features/programs/programs.server.ts'
import { dateText } from '#app/features/programs/ui.tsx'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { pageFromUrl } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Tier proposals · Partner program · Partner Hub' }]

/** The queue of proposed tier changes, oldest first; each opens the partner's standing to decide. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const page = pageFromUrl(request)
  const result = await orThrowResponse(listProposals(actor, { page }))
  return { ...result, page }
}

export default function Proposals() {
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin/programs" className="link">
          Partner program
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold text-slate-900">Tier proposals</h1>
      <p className="mt-1 text-slate-600">{total} waiting for a decision. Open a partner to approve the proposal or set another tier with a reason.</p>
      {rows.length === 0 ? (
        <p className="card mt-4 text-slate-600">No proposals waiting. The nightly evaluation (or “Evaluate now”) proposes upgrades, and downgrades once a grace period has passed.</p>
      ) : (
        <table className="mt-4 w-full text-left text-sm">
          <caption className="sr-only">Proposals</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-2 pr-2 font-medium">
                Partner
              </th>
              <th scope="col" className="py-2 pr-2 font-medium">
                Track
              </th>
              <th scope="col" className="py-2 pr-2 font-medium">
                Change
              </th>
              <th scope="col" className="py-2 font-medium">
                Proposed
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
                <td className="py-2 pr-2">{r.trackName}</td>
                <td className="py-2 pr-2">
                  <span className={r.direction === 'upgrade' ? 'badge bg-green-100 text-green-800' : 'badge bg-amber-100 text-amber-900'}>{r.direction === 'upgrade' ? 'Upgrade' : 'Downgrade'}</span>{' '}
                  {r.from?.name ?? 'No tier'} → {r.to?.name ?? 'No tier'}
                </td>
                <td className="py-2">{dateText(r.proposedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pageCount={pageCount} label="Proposal pages" />
    </main>
  )
}
