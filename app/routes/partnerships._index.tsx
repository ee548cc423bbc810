import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { listPartnerships } from '#app/features/partnerships/partnerships.server.ts'
import { StageBadge } from '#app/features/partnerships/ui.tsx'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Partnerships · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const page = Number(new URL(request.url).searchParams.get('page') ?? '1')
  const list = await orThrowResponse(listPartnerships(actor, page))
  return { ...list, isVendor: actor.orgKind === 'vendor' }
}

export default function Partnerships() {
  const { rows, total, page, pages, isVendor } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold text-slate-900">Partnerships</h1>
      <p className="mt-1 text-sm text-slate-600">
        {isVendor ? 'Every partnership in the ecosystem. ' : 'The partnerships your organization is part of: their stage, plan and reviews. '}
        {total} in all.
        {isVendor ? (
          <>
            {' '}
            <Link to="/admin/partnerships" className="link">
              Open the board
            </Link>
            .
          </>
        ) : null}
      </p>
      {rows.length > 0 ? (
        <p className="mt-2 text-sm">
          <Link to={isVendor ? '/admin/partnerships/portfolio' : '/partnerships/health'} className="link" data-testid="health-link">
            {isVendor ? 'Strategic partnerships ranked by health (the portfolio)' : 'How healthy are they? Commitments met, executive engagement, pipeline and warnings'}
          </Link>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="card mt-6 text-sm text-slate-600">No partnerships yet. The vendor's ecosystem team starts them; they appear here when your organization is part of one.</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <Link to={`/partnerships/${r.id}`} className="link font-medium">
                  {r.orgAName} + {r.orgBName}
                </Link>
                {r.strategic ? <span className="badge ml-2">Strategic</span> : null}
              </div>
              <StageBadge stage={r.stage} />
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pages} label="Partnership pages" />
    </main>
  )
}
