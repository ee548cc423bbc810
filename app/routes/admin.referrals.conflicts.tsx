import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Pager } from '#app/components/pager.tsx'
import { listFlaggedReferrals } from '#app/features/referrals/conflicts.server.ts'
import { StatusBadge } from '#app/features/referrals/ui/components.tsx'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Referral conflicts · Admin · Partner Hub' }]

const Query = z.object({ status: z.enum(['flagged', 'resolved']).catch('flagged'), page: z.coerce.number().int().min(1).max(10_000).catch(1) })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  return data({ ...(await orThrowResponse(listFlaggedReferrals(actor, query))), status: query.status })
}

export default function ConflictsQueue() {
  const { rows, total, page, pageSize, status } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          ← Admin
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Referral conflicts</h1>
      <nav aria-label="Conflict status" className="mt-4 flex gap-2">
        <Link to="?status=flagged" className={`badge ${status === 'flagged' ? 'bg-brand-600 text-white' : ''}`}>
          To review
        </Link>
        <Link to="?status=resolved" className={`badge ${status === 'resolved' ? 'bg-brand-600 text-white' : ''}`}>
          Resolved
        </Link>
      </nav>
      {rows.length === 0 ? (
        <p className="card mt-6 text-center text-slate-600">{status === 'flagged' ? 'No flagged referrals to review.' : 'No resolved conflicts yet.'}</p>
      ) : (
        <ul className="mt-6 space-y-3">
          {rows.map((r) => (
            <li key={r.id} className="card" data-testid="conflict-row">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link to={`/referrals/${r.id}`} className="link font-medium">
                  {r.accountName} ({r.accountDomain})
                </Link>
                <StatusBadge status={r.status} />
              </div>
              <p className="text-sm text-slate-600">
                {r.fromName} → {r.toName} · {new Date(r.createdAt).toISOString().slice(0, 10)}
              </p>
              <ul className="mt-2 list-disc pl-5 text-sm text-amber-900">
                {r.conflicts.map((c) => (
                  <li key={c.kind}>{c.explanation}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={Math.max(1, Math.ceil(total / pageSize))} />
    </main>
  )
}
