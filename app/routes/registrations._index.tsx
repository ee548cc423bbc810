import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { listRegistrations } from '#app/features/registrations/registrations.server.ts'
import { dayText, expiresIn, ListQuerySchema, REGISTRATION_STATUSES, STATUS_LABELS } from '#app/features/registrations/schemas.ts'
import { RegistrationStatusBadge } from '#app/features/registrations/ui.tsx'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Deal registrations · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const query = ListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const list = await orThrowResponse(listRegistrations(actor, query))
  return {
    ...list,
    status: query.status,
    pageCount: pageCountOf(list.total, list.pageSize),
    canRegister: actor.orgKind === 'partner' && actor.orgStatus === 'active',
    now: new Date().toISOString(),
  }
}

export default function Registrations() {
  const { rows, status, page, pageCount, canRegister, now } = useLoaderData<typeof loader>()
  const tabs = ['all', ...REGISTRATION_STATUSES] as const
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Deal registrations</h1>
          <p className="mt-1 text-slate-600">Register a deal you are working with the vendor. Once the vendor&apos;s team approves it, the customer is yours for the protection period.</p>
        </div>
        {canRegister ? (
          <Link to="/registrations/new" className="btn-primary">
            Register a deal
          </Link>
        ) : null}
      </div>
      <nav aria-label="Filter registrations" className="mt-4 flex flex-wrap gap-1">
        {tabs.map((t) => (
          <Link
            key={t}
            to={t === 'all' ? '/registrations' : `/registrations?status=${t}`}
            aria-current={status === t ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${status === t ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {t === 'all' ? 'All' : STATUS_LABELS[t]}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600" data-testid="registrations-empty">
          {status === 'all' ? 'No deal registrations yet. Register a deal to ask the vendor to protect it for you.' : `No registrations ${STATUS_LABELS[status].toLowerCase()}.`}
        </p>
      ) : (
        <table className="mt-6 w-full text-left text-sm" data-testid="registrations">
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Customer
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Value
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Status
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Protection ends
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100" data-testid="registration-row">
                <td className="py-2 pr-3">
                  <Link to={`/registrations/${r.id}`} className="link font-medium">
                    {r.accountName}
                  </Link>
                  {r.accountDomain ? <span className="block text-xs text-slate-600">{r.accountDomain}</span> : null}
                </td>
                <td className="py-2 pr-3">{formatMoney(r.amount, 'whole', r.currency)}</td>
                <td className="py-2 pr-3">
                  <RegistrationStatusBadge status={r.status} />
                </td>
                <td className="py-2 pr-3" data-testid="expires-in">
                  {r.status === 'approved' && r.protectedUntil
                    ? `${dayText(r.protectedUntil)} (${expiresIn(r.protectedUntil, new Date(now))})`
                    : r.status === 'expired' && r.protectedUntil
                      ? `Ended ${dayText(r.protectedUntil)}`
                      : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pageCount={pageCount} label="Registration pages" />
    </main>
  )
}
