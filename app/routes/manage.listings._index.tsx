import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listOwnListings } from '#app/features/listings/listings.server.ts'
import { KIND_LABELS } from '#app/features/listings/schemas.ts'
import { StatusBadge } from '#app/features/listings/ui/components.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { requireActor } from '#app/utils/guards.server.ts'
import { listingActivity } from '#app/features/leads/views.server.ts'
import { ACTIVITY_DAYS } from '#app/features/leads/schemas.ts'
import { pageFromUrl } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Your listings · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const page = pageFromUrl(request)
  const listings = await listOwnListings(actor, { page })
  const activity = await listingActivity(
    actor,
    listings.rows.map((r) => r.id),
  )
  return { ...listings, activity, orgActive: actor.orgStatus === 'active' }
}

export default function ManageListings() {
  const { rows, total, page, perPage, orgActive, activity } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Your listings</h1>
        <div className="flex gap-2">
          <Link to="/manage/integrations" className="btn-secondary">
            Integration requests
          </Link>
          {orgActive ? (
            <Link to="/manage/listings/new" className="btn-primary">
              New listing
            </Link>
          ) : null}
        </div>
      </div>
      {!orgActive ? <p className="mt-4 text-slate-600">Your organization must be approved before it can publish listings.</p> : null}
      {rows.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          No listings yet. Create one for each service, solution, app or integration you offer; our partner team reviews it before it goes live.
        </p>
      ) : (
        <>
          <p className="mt-4 text-sm text-slate-600">
            Views count visits to a published listing’s page over the last {ACTIVITY_DAYS} days (not robots, not your own team); leads are the messages sent from it.
          </p>
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Listing</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Pending change</th>
                  <th scope="col" className="text-right">
                    Views <span className="font-normal">({ACTIVITY_DAYS} days)</span>
                  </th>
                  <th scope="col" className="text-right">
                    Leads <span className="font-normal">({ACTIVITY_DAYS} days)</span>
                  </th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/manage/listings/${r.id}`} className="link font-medium">
                        {r.publishedTitle ?? r.draftTitle ?? r.slug}
                      </Link>
                    </td>
                    <td>{KIND_LABELS[r.kind]}</td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td>{r.status === 'published' && r.draftStatus ? <StatusBadge status={r.draftStatus} /> : <span className="text-slate-500">—</span>}</td>
                    <td className="text-right tabular-nums" data-testid="listing-views">
                      {r.status === 'published' ? (activity[r.id]?.views ?? 0).toLocaleString('en-US') : <span className="text-slate-500">—</span>}
                    </td>
                    <td className="text-right tabular-nums" data-testid="listing-leads">
                      {activity[r.id]?.leads ? (
                        <Link to={`/manage/leads?listing=${r.id}`} className="link" aria-label={`${activity[r.id]!.leads} leads from ${r.publishedTitle ?? r.draftTitle ?? r.slug}`}>
                          {activity[r.id]!.leads}
                        </Link>
                      ) : (
                        0
                      )}
                    </td>
                    <td className="whitespace-nowrap text-slate-600">{new Date(r.updatedAt).toISOString().slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pager page={page} pageCount={pageCountOf(total, perPage)} total={total} label="Pagination" />
    </main>
  )
}
