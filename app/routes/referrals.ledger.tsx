import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { listLedger } from '#app/features/referrals/fees.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { LiveRefresh } from '#app/features/referrals/ui/live.tsx'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { pageFromUrl, pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Fee ledger · Referrals · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const page = pageFromUrl(request)
  return data(await orThrowResponse(listLedger(actor, { page })))
}

const STATUS_TEXT = { owed: 'Owed', paid: 'Paid, waiting for confirmation', confirmed: 'Paid and confirmed' } as const

export default function Ledger() {
  const { rows, totals, total, page, pageSize } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <LiveRefresh types={['fee.', 'referral.won']} />
      <p className="text-sm">
        <Link to="/referrals" className="link">
          ← Referrals
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Referral fee ledger</h1>
      <div className="mt-6 grid gap-4 sm:grid-cols-2">
        <div className="card" data-testid="ledger-owed">
          <p className="text-sm text-slate-600">Owed to you</p>
          <p className="text-2xl font-semibold tabular-nums">{formatMoney(totals.owed)}</p>
          <p className="text-xs text-slate-500">{formatMoney(totals.owedOpen)} not yet confirmed as paid</p>
        </div>
        <div className="card" data-testid="ledger-owes">
          <p className="text-sm text-slate-600">You owe</p>
          <p className="text-2xl font-semibold tabular-nums">{formatMoney(totals.owes)}</p>
          <p className="text-xs text-slate-500">{formatMoney(totals.owesOpen)} not yet confirmed as paid</p>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="card mt-6 text-center text-slate-600" data-testid="ledger-empty">
          No fees yet. A fee is recorded here when a referral with fee terms is won.
        </p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table" data-testid="ledger-table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Direction</th>
                <th scope="col" className="text-right">
                  Fee
                </th>
                <th scope="col">How</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((f) => (
                <tr key={f.id} data-testid="ledger-row">
                  <td>
                    <Link to={`/referrals/${f.referralId}`} className="link">
                      {f.accountName}
                    </Link>
                  </td>
                  <td>{f.direction === 'owes' ? `You owe ${f.payeeName}` : `${f.payerName} owes you`}</td>
                  <td className="text-right tabular-nums" data-testid="ledger-amount">
                    {formatMoney(f.amount)}
                  </td>
                  <td className="text-xs text-slate-600">{f.basis}</td>
                  <td data-testid="ledger-status">{STATUS_TEXT[f.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCountOf(total, pageSize)} />
    </main>
  )
}
