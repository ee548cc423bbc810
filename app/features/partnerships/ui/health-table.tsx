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

/** Where each kind of "needs action" item is dealt with: the plan's commitments or draft, or the partnership's reviews. */
export function actionHref(kind: PortfolioRow['actions'][number]['kind'], partnershipId: string) {
  switch (kind) {
    case 'overdue_commitments':
      return `/partnerships/${partnershipId}/plan#commitments-heading`
    case 'unsigned_draft':
      return `/partnerships/${partnershipId}/plan#draft-heading`
    case 'review_overdue':
    case 'review_due':
    case 'no_review':
      return `/partnerships/${partnershipId}#reviews-heading`
  }
}

/**
 * Joint activity per quarter as a small bar chart; the numbers are in the accessible name and beside
 * it. The bars are one path (and one for a drifting last quarter): two elements instead of one per
 * quarter, which matters on a page of many rows.
 */
export function ActivitySparkline({ byQuarter, drifting }: { byQuarter: Record<string, number>; drifting: boolean }) {
  const entries = Object.entries(byQuarter)
  const max = Math.max(1, ...entries.map(([, n]) => n))
  const label = `Joint activity by quarter: ${entries.map(([q, n]) => `${q} ${n}`).join(', ')}${drifting ? '; drifting' : ''}`
  const bar = (n: number, i: number) => {
    const h = Math.max(1, Math.round((n / max) * 22))
    return `M${i * 10} ${24 - h}h7v${h}h-7z`
  }
  const last = entries.length - 1
  const bars = entries.map(([, n], i) => (drifting && i === last ? '' : bar(n, i))).join('')
  return (
    <span className="inline-flex items-end gap-2">
      <svg width={entries.length * 10} height="24" role="img" aria-label={label} className="shrink-0">
        <path d={bars} className="fill-brand-600" />
        {drifting && last >= 0 ? <path d={bar(entries[last]![1], last)} className="fill-amber-600" /> : null}
      </svg>
      <span className="text-xs text-slate-600" aria-hidden="true">
        {entries.map(([, n]) => n).join(' · ')}
      </span>
    </span>
  )
}

/**
 * One table row's figures: what the table shows and nothing more (the page's data travels to the
 * browser once more for hydration, so every field left out is saved twice).
 */
export type HealthTableRow = {
  id: string
  key: string
  title: string
  subtitle: string
  fulfilment: [string, string, string | null]
  engagement: string
  attainment: string
  activity: { byQuarter: Record<string, number>; drifting: boolean }
  warnings: PortfolioRow['warnings']
  actions: PortfolioRow['actions']
}

/** The view of a ranked row, computed on the server. */
export function healthTableRow(r: PortfolioRow): HealthTableRow {
  const f = r.health.fulfilment
  return {
    id: r.id,
    key: r.health.partnership,
    title: `${r.a.name} & ${r.b.name}`,
    subtitle: `${stageLabel(r.stage)}${r.strategic ? ' · strategic' : ''}`,
    fulfilment: [`${r.a.name}: ${pct(f.A)}`, `${r.b.name}: ${pct(f.B)}`, f.asymmetry === null ? null : `gap ${pct(f.asymmetry)}`],
    engagement: pct(r.health.engagement.rate),
    attainment: pct(r.health.pipeline.attainment),
    activity: r.health.activity,
    warnings: r.warnings,
    actions: r.actions,
  }
}

/**
 * Padding and row borders come from the table, a warning's colour from its list (their classes
 * would repeat on every cell, row or item), and
 * each cell's text is one string: the least markup for React to render on a page of many rows.
 */
export function HealthTable({ rows, firstRank, caption, detailHref }: { rows: HealthTableRow[]; firstRank: number; caption: string; detailHref: (id: string) => string }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table
        className="w-full min-w-[960px] text-left text-sm [&_tbody_tr]:border-b [&_tbody_tr]:border-slate-100 [&_tbody_tr]:align-top [&_td]:py-2 [&_td]:pr-3 [&_th]:py-2 [&_th]:pr-3"
        data-testid="health-table"
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Partnership</th>
            <th scope="col">Commitments met on time</th>
            <th scope="col">Executive engagement</th>
            <th scope="col">Pipeline attainment</th>
            <th scope="col">Activity (4 quarters)</th>
            <th scope="col">Warnings</th>
            <th scope="col">Needs action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id} data-testid="health-row" data-partnership={r.key}>
              <td>{firstRank + i}</td>
              <th scope="row" className="font-medium">
                <Link to={detailHref(r.id)} className="link">
                  {r.title}
                </Link>
                <span className="block text-xs font-normal text-slate-600">{r.subtitle}</span>
              </th>
              <td>
                <span className="block">{r.fulfilment[0]}</span>
                <span className="block">{r.fulfilment[1]}</span>
                {r.fulfilment[2] !== null ? <span className="block text-xs text-slate-600">{r.fulfilment[2]}</span> : null}
              </td>
              <td>{r.engagement}</td>
              <td>{r.attainment}</td>
              <td>
                <ActivitySparkline byQuarter={r.activity.byQuarter} drifting={r.activity.drifting} />
              </td>
              <td>
                {r.warnings.length === 0 ? (
                  <span className="text-slate-600">None</span>
                ) : (
                  <ul className="space-y-1 text-amber-900">
                    {r.warnings.map((w) => (
                      <li key={w.kind} data-warning={w.kind}>
                        <span aria-hidden="true">⚠ </span>
                        {w.text}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {r.actions.length === 0 ? (
                  <span className="text-slate-600">Nothing</span>
                ) : (
                  <ul className="list-disc space-y-1 pl-4">
                    {r.actions.map((a, j) => (
                      <li key={`${a.kind}-${j}`} data-action={a.kind}>
                        <Link to={actionHref(a.kind, r.id)} className="link">
                          {a.text}
                        </Link>
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
