import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pager } from '#app/components/pager.tsx'
import { listRegistrations } from '#app/features/registrations/registrations.server.ts'
import { expiresIn, REGISTRATION_STATUSES, STATUS_LABELS } from '#app/features/registrations/schemas.ts'
import { RegistrationStatusBadge } from '#app/features/registrations/ui.tsx'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { pageParam, pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Deal registrations · Admin · Partner Hub' }]

const Query = z.object({ status: z.enum([...REGISTRATION_STATUSES, 'all']).catch('pending'), page: pageParam })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  const list = await orThrowResponse(listRegistrations(actor, query))
  return { ...list, status: query.status, pageCount: pageCountOf(list.total, list.pageSize), now: new Date().toISOString() }
}

export default function RegistrationQueue() {
  const { rows, status, page, pageCount, now } = useLoaderData<typeof loader>()
  const tabs = [...REGISTRATION_STATUSES, 'all'] as const
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          Admin
        </Link>{' '}
        /
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">Deal registrations</h1>
      <p className="mt-1 text-slate-600">
        Partners&apos; registered deals, oldest waiting first. Open one to approve it (the partner is protected for the period set in{' '}
        <Link to="/admin/settings" className="link">
          program settings
        </Link>
        ) or reject it with a reason. Registrations that match other deals are also in the{' '}
        <Link to="/admin/conflicts" className="link">
          conflict queue
        </Link>
        .
      </p>
      <nav aria-label="Filter registrations" className="mt-4 flex flex-wrap gap-1">
        {tabs.map((t) => (
          <Link
            key={t}
            to={`/admin/registrations?status=${t}`}
            aria-current={status === t ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${status === t ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {t === 'all' ? 'All' : STATUS_LABELS[t]}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="card mt-6 text-center text-slate-600" data-testid="registrations-empty">
          {status === 'pending' ? 'No registrations waiting for a decision.' : 'No registrations here.'}
        </p>
      ) : (
        <ul className="mt-6 space-y-3" data-testid="registration-queue">
          {rows.map((r) => (
            <li key={r.id} className="card flex flex-wrap items-start justify-between gap-3" data-testid="registration-row">
              <div>
                <h2 className="font-semibold text-slate-900">
                  <Link to={`/registrations/${r.id}`} className="link">
                    {r.accountName}
                  </Link>{' '}
                  <span className="font-normal text-slate-600">· {r.orgName}</span>
                </h2>
                <p className="text-sm text-slate-600">
                  {r.accountDomain ?? 'no domain'} · {formatMoney(r.amount, 'whole', r.currency)} · {r.products.join(', ')} · registered <LocalTime value={r.createdAt} />
                  {r.status === 'approved' && r.protectedUntil ? ` · protection ends ${expiresIn(r.protectedUntil, new Date(now))}` : ''}
                </p>
              </div>
              <span className="flex items-center gap-2">
                {r.flagged ? <span className="badge bg-amber-100 text-amber-900">Possible conflict</span> : null}
                <RegistrationStatusBadge status={r.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} label="Registration pages" />
    </main>
  )
}
