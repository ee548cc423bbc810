import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { referralExpiry } from '#app/features/referrals/expiry.ts'
import { getProgramSettings } from '#app/features/referrals/program-settings.server.ts'
import { listReferrals } from '#app/features/referrals/queries.server.ts'
import { ListQuerySchema, REFERRAL_STATUSES, STATUS_LABELS } from '#app/features/referrals/schemas.ts'
import { StatusBadge } from '#app/features/referrals/ui/components.tsx'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { LiveRefresh } from '#app/features/referrals/ui/live.tsx'
import { formatMoney } from '#app/utils/money.ts'
import { pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Referrals · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const query = ListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const result = await orThrowResponse(listReferrals(actor, query))
  const { expireAfterHours } = await getProgramSettings()
  const rows = result.rows.map((r) => ({ ...r, expiry: referralExpiry(r.status, r.createdAt, expireAfterHours) }))
  return data({ ...result, rows, query, isVendor: actor.orgKind === 'vendor', orgId: actor.orgId })
}

export default function ReferralsIndex() {
  const { rows, counts, total, page, pageSize, box, query, isVendor } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const tabs = isVendor ? (['all', 'inbox', 'outbox'] as const) : (['inbox', 'outbox'] as const)
  const tabHref = (b: string) => `/referrals?box=${b}`
  const statusHref = (s?: string) => {
    const next = new URLSearchParams(params)
    next.delete('page')
    if (s) next.set('status', s)
    else next.delete('status')
    next.set('box', box)
    return `/referrals?${next.toString()}`
  }
  const all = Object.values(counts).reduce((a, b) => a + b, 0)
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <LiveRefresh types={['referral.', 'message.posted', 'fee.']} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Referrals</h1>
        <div className="flex flex-wrap gap-2">
          <Link to="/referrals/ledger" className="btn-secondary">
            Fee ledger
          </Link>
          {isVendor ? (
            <Link to="/admin/conflicts" className="btn-secondary">
              Conflicts queue
            </Link>
          ) : null}
          <Link to="/referrals/new" className="btn-primary">
            Refer a customer
          </Link>
        </div>
      </div>
      <nav aria-label="Referral boxes" className="mt-6 flex gap-1 border-b border-slate-200">
        {tabs.map((b) => (
          <Link
            key={b}
            to={tabHref(b)}
            aria-current={box === b ? 'page' : undefined}
            data-testid={`tab-${b}`}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${box === b ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {b === 'inbox' ? 'Received' : b === 'outbox' ? 'Sent' : 'All referrals'}
          </Link>
        ))}
      </nav>
      <div className="mt-4 flex flex-wrap gap-2" aria-label="Filter by status">
        <Link to={statusHref()} className={`badge ${!query.status ? 'bg-brand-600 text-white' : ''}`} aria-current={!query.status ? 'true' : undefined}>
          All · {all}
        </Link>
        {REFERRAL_STATUSES.map((s) => (
          <Link key={s} to={statusHref(s)} className={`badge ${query.status === s ? 'bg-brand-600 text-white' : ''}`} data-testid={`count-${s}`} aria-current={query.status === s ? 'true' : undefined}>
            {STATUS_LABELS[s]} · {counts[s]}
          </Link>
        ))}
      </div>
      <Form method="get" className="mt-4 flex max-w-md gap-2" role="search">
        <input type="hidden" name="box" value={box} />
        {query.status ? <input type="hidden" name="status" value={query.status} /> : null}
        <label htmlFor="q" className="sr-only">
          Search by company or domain
        </label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ''} className="input" placeholder="Company or domain" />
        <button type="submit" className="btn-secondary">
          Search
        </button>
      </Form>
      {rows.length === 0 ? (
        <div className="card mt-6 text-center text-slate-600" data-testid="referrals-empty">
          <p>
            {box === 'outbox' ? 'You have not sent any referrals' : 'No referrals here yet'}
            {query.status ? ` with status ${STATUS_LABELS[query.status].toLowerCase()}` : ''}.
          </p>
          <p className="mt-2">
            Find a partner in the{' '}
            <Link to="/marketplace" className="link">
              marketplace
            </Link>{' '}
            and refer a customer to them.
          </p>
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table table-stack" data-testid="referrals-table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">{box === 'inbox' ? 'From' : box === 'outbox' ? 'To' : 'From → To'}</th>
                <th scope="col">Status</th>
                <th scope="col" className="text-right">
                  Value
                </th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} data-testid="referral-row">
                  <td>
                    <Link to={`/referrals/${r.id}`} className="link font-medium">
                      {r.accountName}
                    </Link>
                    <div className="text-xs text-slate-500">{r.accountDomain}</div>
                    {r.unread > 0 ? (
                      <span className="badge mt-1 bg-brand-100 text-brand-800" data-testid="unread-messages">
                        {r.unread} unread message{r.unread === 1 ? '' : 's'}
                      </span>
                    ) : null}
                    {r.conflictStatus === 'flagged' ? <span className="badge ml-1 mt-1 bg-amber-100 text-amber-800">Conflict flagged</span> : null}
                  </td>
                  <td data-label={box === 'inbox' ? 'From' : box === 'outbox' ? 'To' : 'From → To'}>{box === 'inbox' ? r.fromName : box === 'outbox' ? r.toName : `${r.fromName} → ${r.toName}`}</td>
                  <td data-label="Status">
                    <StatusBadge status={r.status} />
                    {r.expiry ? (
                      <div className="mt-1 whitespace-nowrap text-xs text-amber-800" data-testid="row-expiry">
                        <time dateTime={r.expiry.expiresAt}>{r.expiry.label}</time>
                      </div>
                    ) : null}
                  </td>
                  <td data-label="Value" className="text-right tabular-nums">
                    {r.status === 'won' ? formatMoney(r.wonAmount) : formatMoney(r.estimatedValue)}
                  </td>
                  <td data-label="Sent" className="whitespace-nowrap text-slate-600">
                    <time dateTime={r.createdAt as unknown as string}>{new Date(r.createdAt).toISOString().slice(0, 10)}</time>
                  </td>
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
