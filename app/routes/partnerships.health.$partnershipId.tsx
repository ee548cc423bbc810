import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { partnershipHealthPage } from '#app/features/partnerships/portfolio.server.ts'
import { actionHref, ActivitySparkline, HealthDefinitions, pct, stageLabel } from '#app/features/partnerships/ui/health-table.tsx'
import { orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.row.a.name} & ${d.row.b.name} · Partnership health · Partner Hub` : 'Partnership health · Partner Hub' }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.partnershipId, 'that partnership')
  return data(await orThrowResponse(partnershipHealthPage(actor, id)))
}

export default function PartnershipHealthDetail() {
  const { row, overdue, at, asymmetryWarning } = useLoaderData<typeof loader>()
  const h = row.health
  const figures: [string, string][] = [
    [`${row.a.name}: commitments met on time`, pct(h.fulfilment.A)],
    [`${row.b.name}: commitments met on time`, pct(h.fulfilment.B)],
    ['Gap between the sides', pct(h.fulfilment.asymmetry)],
    ['Executive engagement', pct(h.engagement.rate)],
    ['Pipeline attainment (last complete quarter)', pct(h.pipeline.attainment)],
  ]
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link to="/partnerships/health" className="link">
          Partnership health
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">
        {row.a.name} &amp; {row.b.name}
      </h1>
      <p className="mt-1 text-slate-600">
        {stageLabel(row.stage)}
        {row.strategic ? ' · strategic' : ''} · health as of {at.slice(0, 10)}
      </p>
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="health-ways-on">
        <Link to={`/partnerships/${row.id}`} className="link">
          The partnership: stages, fit and reviews
        </Link>
        <Link to={`/partnerships/${row.id}/plan`} className="link">
          The joint business plan and its commitments
        </Link>
      </p>
      <h2 className="mt-6 text-lg font-semibold">Figures</h2>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2" data-testid="health-figures">
        {figures.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-3 border-b border-slate-100 py-1">
            <dt className="text-slate-700">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mt-6 text-lg font-semibold">Joint activity</h2>
      <table className="mt-2 text-sm">
        <caption className="sr-only">Joint activity by quarter</caption>
        <thead>
          <tr>
            {Object.keys(h.activity.byQuarter).map((q) => (
              <th key={q} scope="col" className="pr-4 text-left font-medium">
                {q}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {Object.entries(h.activity.byQuarter).map(([q, n]) => (
              <td key={q} className="pr-4">
                {n}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="mt-2">
        <ActivitySparkline byQuarter={h.activity.byQuarter} drifting={h.activity.drifting} />
      </p>
      <h2 className="mt-6 text-lg font-semibold">Warnings</h2>
      {row.warnings.length === 0 ? (
        <p className="text-slate-600">No warnings.</p>
      ) : (
        <ul className="mt-2 space-y-1" data-testid="health-warnings">
          {row.warnings.map((w) => (
            <li key={w.kind} className="text-amber-900" data-warning={w.kind}>
              <span aria-hidden="true">⚠ </span>
              {w.text}
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-6 text-lg font-semibold">Needs action</h2>
      {row.actions.length === 0 ? (
        <p className="text-slate-600">Nothing needs action.</p>
      ) : (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {row.actions.map((a, i) => (
            <li key={`${a.kind}-${i}`} data-action={a.kind}>
              <Link to={actionHref(a.kind, row.id)} className="link">
                {a.text}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {overdue.length ? (
        <>
          <h3 className="mt-4 font-semibold">Overdue commitments</h3>
          <ul className="mt-2 space-y-1 text-sm" data-testid="overdue-commitments">
            {overdue.map((c) => (
              <li key={c.id}>
                {c.title} — {c.owner}, due {c.dueAt.slice(0, 10)} (plan version {c.version})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <HealthDefinitions asymmetryWarning={asymmetryWarning} />
    </main>
  )
}
