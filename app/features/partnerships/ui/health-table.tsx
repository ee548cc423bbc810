import { Link } from '@remix-run/react'
import type { PortfolioRow } from '#app/features/partnerships/portfolio.server.ts'

/** Shared by the vendor's portfolio and a partner's own partnerships: the same figures, the same table. */

export const pct = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`)

const STAGE_LABELS: Record<string, string> = {
  identification: 'Identification & qualification',
  agreement_onboarding: 'Agreement & onboarding',
  active_collaboration: 'Active collaboration',
  performance_review: 'Performance review',
  relationship_development: 'Relationship development',
  concluded: 'Concluded',
}
export const stageLabel = (stage: string) => STAGE_LABELS[stage] ?? stage

/** Joint activity per quarter as a small bar chart; the numbers are in the accessible name and beside it. */
export function ActivitySparkline({ byQuarter, drifting }: { byQuarter: Record<string, number>; drifting: boolean }) {
  const entries = Object.entries(byQuarter)
  const max = Math.max(1, ...entries.map(([, n]) => n))
  const label = `Joint activity by quarter: ${entries.map(([q, n]) => `${q} ${n}`).join(', ')}${drifting ? '; drifting' : ''}`
  return (
    <span className="inline-flex items-end gap-2">
      <svg width={entries.length * 10} height="24" role="img" aria-label={label} className="shrink-0">
        {entries.map(([q, n], i) => {
          const h = Math.max(1, Math.round((n / max) * 22))
          return <rect key={q} x={i * 10} y={24 - h} width="7" height={h} className={drifting && i === entries.length - 1 ? 'fill-amber-600' : 'fill-brand-600'} />
        })}
      </svg>
      <span className="text-xs text-slate-600" aria-hidden="true">
        {entries.map(([, n]) => n).join(' · ')}
      </span>
    </span>
  )
}

export function HealthTable({ rows, firstRank, caption, detailHref }: { rows: PortfolioRow[]; firstRank: number; caption: string; detailHref: (id: string) => string }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full min-w-[960px] text-left text-sm" data-testid="health-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">
              Rank
            </th>
            <th scope="col" className="py-2 pr-3">
              Partnership
            </th>
            <th scope="col" className="py-2 pr-3">
              Commitments met on time
            </th>
            <th scope="col" className="py-2 pr-3">
              Executive engagement
            </th>
            <th scope="col" className="py-2 pr-3">
              Pipeline attainment
            </th>
            <th scope="col" className="py-2 pr-3">
              Activity (4 quarters)
            </th>
            <th scope="col" className="py-2 pr-3">
              Warnings
            </th>
            <th scope="col" className="py-2 pr-3">
              Needs action
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id} className="border-b border-slate-100 align-top" data-testid="health-row" data-partnership={r.health.partnership}>
              <td className="py-2 pr-3">{firstRank + i}</td>
              <th scope="row" className="py-2 pr-3 font-medium">
                <Link to={detailHref(r.id)} className="link">
                  {r.a.name} &amp; {r.b.name}
                </Link>
                <span className="block text-xs font-normal text-slate-600">
                  {stageLabel(r.stage)}
                  {r.strategic ? ' · strategic' : ''}
                </span>
              </th>
              <td className="py-2 pr-3">
                <span className="block">
                  {r.a.name}: {pct(r.health.fulfilment.A)}
                </span>
                <span className="block">
                  {r.b.name}: {pct(r.health.fulfilment.B)}
                </span>
                {r.health.fulfilment.asymmetry !== null ? <span className="block text-xs text-slate-600">gap {pct(r.health.fulfilment.asymmetry)}</span> : null}
              </td>
              <td className="py-2 pr-3">{pct(r.health.engagement.rate)}</td>
              <td className="py-2 pr-3">{pct(r.health.pipeline.attainment)}</td>
              <td className="py-2 pr-3">
                <ActivitySparkline byQuarter={r.health.activity.byQuarter} drifting={r.health.activity.drifting} />
              </td>
              <td className="py-2 pr-3">
                {r.warnings.length === 0 ? (
                  <span className="text-slate-600">None</span>
                ) : (
                  <ul className="space-y-1">
                    {r.warnings.map((w) => (
                      <li key={w.kind} className="text-amber-900" data-warning={w.kind}>
                        <span aria-hidden="true">⚠ </span>
                        {w.text}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="py-2 pr-3">
                {r.actions.length === 0 ? (
                  <span className="text-slate-600">Nothing</span>
                ) : (
                  <ul className="list-disc space-y-1 pl-4">
                    {r.actions.map((a, j) => (
                      <li key={`${a.kind}-${j}`} data-action={a.kind}>
                        {a.text}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** What each column means, in the words of docs/metrics.md. */
export function HealthDefinitions({ asymmetryWarning }: { asymmetryWarning: number }) {
  return (
    <details className="mt-6 text-sm text-slate-700">
      <summary className="cursor-pointer font-medium">How these figures are computed</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>Commitments met on time: of each side&apos;s commitments in signed plan versions due in the last 365 days (waived ones left out), the share met by their due date.</li>
        <li>A partnership is asymmetric when the two sides&apos; rates differ by {pct(asymmetryWarning)} or more.</li>
        <li>Executive engagement: of the reviews scheduled in the last 365 days, the share held with an executive sponsor of each side present.</li>
        <li>Pipeline attainment: joint pipeline created in the last complete quarter over that quarter&apos;s target in the plan version active now.</li>
        <li>Activity: referrals between the two, opportunities both worked on, reviews held and commitments met, per quarter; drifting when the last quarter fell below 70% of the one before.</li>
        <li>Strategic in name only: designated strategic with no active signed plan, or no review held in the last 100 days.</li>
      </ul>
      <p className="mt-2">
        The full definitions are in{' '}
        <Link to="/docs/metrics#partnership-health" className="link">
          the metric definitions
        </Link>
        .
      </p>
    </details>
  )
}
