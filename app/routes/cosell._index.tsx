import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { cosellPartnerOptions, listCosell } from '#app/features/cosell/cosell.server.ts'
import { OPPORTUNITY_STAGES, STAGE_LABELS } from '#app/features/cosell/schemas.ts'
import { MappingTabs } from '#app/features/accounts/ui.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { formatMoney } from '#app/utils/money.ts'

export const meta: MetaFunction = () => [{ title: 'Co-sell · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const result = await orThrowResponse(listCosell(actor, params))
  const partners = actor.orgKind === 'vendor' ? await cosellPartnerOptions(actor) : []
  return { ...result, partners, isVendor: actor.orgKind === 'vendor', orgId: actor.orgId, now: Date.now() }
}

const AGE_LABELS = { lt30: 'Under 30 days', '30to90': '30–90 days', gt90: 'Over 90 days' } as const

export default function CosellIndex() {
  const { opportunities, total, pageSize, filters, byStage, partners, isVendor, orgId, now } = useLoaderData<typeof loader>()
  /** `?stage=…&partner=…` with the filters in force and `extra`, or '' when there are none. */
  const query = (extra: Record<string, string | number | undefined>) => {
    const merged = { stage: filters.stage, partner: filters.partner, age: filters.age, ...extra } as Record<string, string | number | undefined>
    const search = new URLSearchParams(
      Object.entries(merged)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, String(v)]),
    ).toString()
    return search ? `?${search}` : ''
  }
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <MappingTabs current="cosell" isPartner={!isVendor} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{isVendor ? 'All co-sell opportunities' : 'Co-sell opportunities'}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isVendor ? 'Every opportunity partners work together, by stage, partner and age.' : 'Opportunities you work with other partners: the ones you opened and the ones you were invited to.'}
          </p>
        </div>
        <div className="flex gap-2">
          <a className="btn-secondary" href={`/cosell/export.csv${query({})}`}>
            Export CSV
          </a>
          <Link className="btn-primary" to="/cosell/new">
            Open a co-sell opportunity
          </Link>
        </div>
      </div>

      <nav aria-label="Stages" className="mt-6 flex flex-wrap gap-2">
        <Link to={`/cosell${query({ stage: undefined })}`} className={`badge ${!filters.stage ? 'bg-brand-100 text-brand-800' : ''}`}>
          All stages
        </Link>
        {OPPORTUNITY_STAGES.map((s) => (
          <Link key={s} to={`/cosell${query({ stage: s })}`} className={`badge ${filters.stage === s ? 'bg-brand-100 text-brand-800' : ''}`} data-testid={`stage-count-${s}`}>
            {STAGE_LABELS[s]} · {byStage[s]?.count ?? 0}
            {isVendor && byStage[s] ? ` · ${formatMoney(byStage[s]!.amount, 'whole')}` : ''}
          </Link>
        ))}
      </nav>

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-2">
        {filters.stage ? <input type="hidden" name="stage" value={filters.stage} /> : null}
        {isVendor ? (
          <div>
            <label htmlFor="partner" className="label">
              Partner
            </label>
            <select id="partner" name="partner" defaultValue={filters.partner ?? ''} className="input">
              <option value="">All partners</option>
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="age" className="label">
            Age
          </label>
          <select id="age" name="age" defaultValue={filters.age ?? ''} className="input">
            <option value="">Any age</option>
            {Object.entries(AGE_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Filter
        </button>
      </Form>

      {total === 0 ? (
        <p className="mt-6 rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">
          No co-sell opportunities{filters.stage || filters.partner || filters.age ? ' match these filters' : ' yet'}.{' '}
          {!isVendor ? (
            <>
              Open one, or start from a shared account on the{' '}
              <Link to="/connections" className="link">
                overlap page
              </Link>
              .
            </>
          ) : null}
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table table-stack" data-testid="cosell-list">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Stage</th>
                <th scope="col">Opened by</th>
                <th scope="col">Partners</th>
                <th scope="col" className="text-right">
                  Amount
                </th>
                <th scope="col">Age</th>
                <th scope="col">Expected close</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {opportunities.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/cosell/${o.id}`} className="link font-medium">
                      {o.accountName}
                    </Link>
                    {o.myStatus === 'invited' ? <span className="badge ml-2 bg-amber-100 text-amber-800">Invitation</span> : null}
                    {o.accountDomain ? <div className="text-xs text-slate-500">{o.accountDomain}</div> : null}
                  </td>
                  <td data-label="Stage">
                    <span className="badge whitespace-nowrap">{STAGE_LABELS[o.stage]}</span>
                  </td>
                  <td data-label="Opened by">{o.ownerOrgId === orgId ? 'You' : o.ownerName}</td>
                  <td data-label="Partners" className="max-w-xs text-xs text-slate-600">
                    {o.participants ?? '—'}
                  </td>
                  <td data-label="Amount" className="whitespace-nowrap text-right">
                    {formatMoney(o.amount, 'whole')}
                  </td>
                  <td data-label="Age" className="whitespace-nowrap">
                    {o.ageDays} d
                  </td>
                  <td data-label="Expected close" className="whitespace-nowrap">
                    {o.expectedCloseAt ? new Date(o.expectedCloseAt).toISOString().slice(0, 10) : '—'}
                    {o.expectedCloseAt && o.stage !== 'won' && o.stage !== 'lost' && new Date(o.expectedCloseAt).getTime() < now ? (
                      <span className="block text-xs font-medium text-red-700">overdue</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={filters.page} pageCount={pageCountOf(total, pageSize)} total={total} label="Pagination" href={(page) => `/cosell${query({ page })}`} />
    </main>
  )
}
