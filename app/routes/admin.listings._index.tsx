import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { reviewQueue } from '#app/features/listings/listings.server.ts'
import { KIND_LABELS } from '#app/features/listings/schemas.ts'
import { formatAge } from '#app/features/listings/ui/components.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { pageFromUrl } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Listing review · Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const page = pageFromUrl(request)
  const order = z.enum(['oldest', 'newest']).catch('oldest').parse(params.order)
  return orThrowResponse(reviewQueue(actor, { page, order }))
}

export default function ReviewQueue() {
  const { rows, total, page, perPage, order } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          ← Admin
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Listing review</h1>
        <Link to="/admin/categories" className="btn-secondary">
          Categories
        </Link>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <p className="text-slate-600">
          {total} waiting, {order === 'oldest' ? 'oldest' : 'newest'} first.
        </p>
        <Form method="get" className="flex items-center gap-2 text-sm">
          <label htmlFor="order">Order</label>
          <select id="order" name="order" defaultValue={order} className="input w-auto py-1">
            <option value="oldest">Oldest first</option>
            <option value="newest">Newest first</option>
          </select>
          <button type="submit" className="btn-secondary py-1">
            Apply
          </button>
        </Form>
      </div>
      {rows.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">The queue is empty. New and changed listings appear here when partners submit them.</p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table" data-testid="review-queue">
            <thead>
              <tr>
                <th scope="col">Listing</th>
                <th scope="col">Partner</th>
                <th scope="col">Kind</th>
                <th scope="col">Change</th>
                <th scope="col">Waiting</th>
                <th scope="col">Flags</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.versionId} data-testid="queue-item">
                  <td>
                    <Link to={`/admin/listings/${r.listingId}`} className="link font-medium">
                      {r.title}
                    </Link>
                  </td>
                  <td>{r.orgName}</td>
                  <td>{KIND_LABELS[r.kind]}</td>
                  <td>{r.isUpdate ? `Update (v${r.number})` : 'New'}</td>
                  <td className={`whitespace-nowrap ${r.ageHours > 48 ? 'font-semibold text-red-700' : ''}`}>{formatAge(r.ageHours)}</td>
                  <td className="space-x-1">
                    {r.flags.keywordStuffing ? <span className="badge bg-amber-100 text-amber-800">Keyword stuffing?</span> : null}
                    {r.flags.nearDuplicates?.length ? <span className="badge bg-red-100 text-red-800">Near-duplicate</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCountOf(total, perPage)} total={total} label="Pagination" />
    </main>
  )
}
