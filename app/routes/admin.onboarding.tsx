import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Pager } from '#app/components/pager.tsx'
import { listOnboarding } from '#app/features/onboarding/onboarding.server.ts'
import { ONBOARDING_SORTS, STEP_DEFS } from '#app/features/onboarding/steps.ts'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Partner onboarding · Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  return orThrowResponse(listOnboarding(actor, Object.fromEntries(new URL(request.url).searchParams)))
}

const SORT_LABELS: Record<(typeof ONBOARDING_SORTS)[number], string> = {
  progress: 'Least progress first',
  approved: 'Most recently approved',
  activity: 'Longest without activity',
  name: 'Name',
}
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' })
const showDate = (d: Date | string | null) => (d ? dateFormat.format(new Date(d)) : '—')

export default function AdminOnboarding() {
  const { partners, steps, total, page, pageCount, sort, q } = useLoaderData<typeof loader>()
  const stuck = partners.filter((p) => p.stuck).length
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          Admin
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Partner onboarding</h1>
      <p className="mt-1 text-slate-600">
        How far each approved partner got with its first-run checklist ({steps.map((s) => STEP_DEFS[s].title.toLowerCase()).join('; ') || 'no steps are on'}). A partner is <strong>stuck</strong> when
        it was approved over two weeks ago, has not finished, and nothing happened in its organization for a week. The steps are chosen in{' '}
        <Link to="/admin/settings" className="link">
          program settings
        </Link>
        .
      </p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="q" className="label">
            Partner name
          </label>
          <input id="q" name="q" defaultValue={q} className="input" />
        </div>
        <div>
          <label htmlFor="sort" className="label">
            Sort
          </label>
          <select id="sort" name="sort" defaultValue={sort} className="input">
            {ONBOARDING_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Show
        </button>
      </Form>
      <p className="mt-4 text-sm text-slate-600" data-testid="onboarding-summary">
        {total.toLocaleString('en')} active {total === 1 ? 'partner' : 'partners'}
        {stuck ? `; ${stuck} stuck on this page` : ''}.
      </p>
      {partners.length === 0 ? (
        <p className="card mt-4 text-slate-600">No active partner matches.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[720px] text-left text-sm" data-testid="onboarding-table">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3">
                  Partner
                </th>
                <th scope="col" className="py-2 pr-3">
                  Steps done
                </th>
                {steps.map((s) => (
                  <th key={s} scope="col" className="py-2 pr-3 font-normal">
                    {STEP_DEFS[s].short}
                  </th>
                ))}
                <th scope="col" className="py-2 pr-3">
                  Approved
                </th>
                <th scope="col" className="py-2 pr-3">
                  Last activity
                </th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.orgId} className="border-b border-slate-100" data-testid="onboarding-row">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    <Link to={`/partners/${p.slug}`} className="link">
                      {p.name}
                    </Link>
                    {p.stuck ? <span className="badge ml-2 bg-amber-100 text-amber-900">Stuck</span> : null}
                  </th>
                  <td className="py-2 pr-3">
                    {p.done} of {p.total}
                  </td>
                  {p.steps.map((s) => (
                    <td key={s.key} className="py-2 pr-3">
                      {s.done ? <span className="text-emerald-700">✓ done</span> : <span className="text-slate-600">not yet</span>}
                    </td>
                  ))}
                  <td className="py-2 pr-3">{showDate(p.approvedAt)}</td>
                  <td className="py-2 pr-3">{showDate(p.lastActivityAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} label="Partner pages" />
    </main>
  )
}
