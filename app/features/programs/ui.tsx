import { formatMoney } from '#app/utils/money.ts'
import { COSELL_PRIORITY_LABELS, MDF_PERIOD_LABELS, MONEY_METRICS, PROGRAM_METRIC_LABELS, type CosellPriority, type MdfPeriod, type ProgramMetric } from '#app/features/programs/vocab.ts'

/** Shared pieces of the program pages (vendor and partner). Values arrive serialized from loaders. */

export function metricValue(metric: ProgramMetric, v: number) {
  return MONEY_METRICS.includes(metric) ? formatMoney(v, 'whole') : v.toLocaleString('en-US')
}

export type RequirementRow = { requirementId: string; metric: ProgramMetric; threshold: number; windowDays: number | null; value: number; met: boolean; gap: number }

/** Each requirement: measured value against its threshold, met or the gap, and its window. */
export function RequirementTable({ caption, rows, showGap = true }: { caption: string; rows: RequirementRow[]; showGap?: boolean }) {
  if (!rows.length) return <p className="text-sm text-slate-600">No requirements.</p>
  return (
    <table className="table-stack mt-2 w-full text-left text-sm" data-testid="requirements-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          <th scope="col" className="py-1 pr-2 font-medium">
            Requirement
          </th>
          <th scope="col" className="py-1 pr-2 font-medium">
            Measured
          </th>
          <th scope="col" className="py-1 pr-2 font-medium">
            Threshold
          </th>
          <th scope="col" className="py-1 font-medium">
            {showGap ? 'Status / gap' : 'Status'}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.requirementId} className="border-b border-slate-100">
            <th scope="row" className="py-1 pr-2 font-normal text-slate-800">
              {PROGRAM_METRIC_LABELS[r.metric]}
              <span className="block text-xs text-slate-600">{r.windowDays ? `last ${r.windowDays} days` : 'now'}</span>
            </th>
            <td className="py-1 pr-2" data-label="Measured">
              {metricValue(r.metric, r.value)}
            </td>
            <td className="py-1 pr-2" data-label="Threshold">
              {metricValue(r.metric, r.threshold)}
            </td>
            <td className="py-1" data-label={showGap ? 'Status / gap' : 'Status'}>
              {r.met ? (
                <span className="badge bg-green-100 text-green-800">Met</span>
              ) : (
                <span className="badge bg-amber-100 text-amber-900">{showGap ? `${metricValue(r.metric, r.gap)} to go` : 'Not met'}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export type BenefitsRow = {
  feeType: 'none' | 'percent' | 'fixed'
  feePercentBps: number | null
  feeFixedAmount: number | null
  feeCapAmount: number | null
  discountBps: number
  mdfAmount: number
  mdfCurrency: string
  mdfPeriod: MdfPeriod
  placementBoost: number
  cosellPriority: CosellPriority
}

const feeTerms = (b: BenefitsRow) => {
  if (b.feeType === 'none') return 'No default fee'
  const base = b.feeType === 'percent' ? `${(b.feePercentBps ?? 0) / 100}% of the won amount` : `${formatMoney(b.feeFixedAmount)} per won referral`
  return b.feeCapAmount ? `${base}, capped at ${formatMoney(b.feeCapAmount)}` : base
}

export function mdfText(b: Pick<BenefitsRow, 'mdfAmount' | 'mdfCurrency' | 'mdfPeriod'>) {
  const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: b.mdfCurrency, maximumFractionDigits: 0 }).format(b.mdfAmount / 100)
  return `${amount} ${MDF_PERIOD_LABELS[b.mdfPeriod]}`
}

export function Benefits({ b }: { b: BenefitsRow }) {
  return (
    <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
      <dt className="text-slate-600">Default referral fee</dt>
      <dd className="text-slate-900">{feeTerms(b)}</dd>
      <dt className="text-slate-600">Discount</dt>
      <dd className="text-slate-900">{b.discountBps / 100}%</dd>
      <dt className="text-slate-600">MDF budget</dt>
      <dd className="text-slate-900">{mdfText(b)}</dd>
      <dt className="text-slate-600">Marketplace placement boost</dt>
      <dd className="text-slate-900">+{b.placementBoost}</dd>
      <dt className="text-slate-600">Co-sell priority</dt>
      <dd className="text-slate-900">{COSELL_PRIORITY_LABELS[b.cosellPriority]}</dd>
    </dl>
  )
}

export type HistoryRow = { id: string; fromTierName: string | null; toTierName: string | null; kind: 'approved' | 'override'; reason: string | null; createdAt: string | Date }

export function TierHistory({ rows }: { rows: HistoryRow[] }) {
  if (!rows.length) return <p className="mt-2 text-sm text-slate-600">No tier decisions yet.</p>
  return (
    <ol className="mt-2 space-y-2 text-sm">
      {rows.map((h) => (
        <li key={h.id} className="border-l-2 border-slate-200 pl-3">
          <p className="text-slate-900">
            {h.fromTierName ?? 'No tier'} → <strong>{h.toTierName ?? 'No tier'}</strong> <span className="text-slate-600">({h.kind === 'approved' ? 'proposal approved' : 'set by the vendor'})</span>
          </p>
          <p className="text-xs text-slate-600">
            {new Date(h.createdAt).toISOString().slice(0, 10)}
            {h.reason ? ` · ${h.reason}` : ''}
          </p>
        </li>
      ))}
    </ol>
  )
}

export const dateText = (d: string | Date | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : '—')

type TierViewRow = { id: string; name: string; rank: number; benefits: BenefitsRow; requirements: RequirementRow[]; allMet: boolean }
export type StandingData = {
  standing: { evaluatedAt: string | Date | null; graceUntil: string | Date | null; proposalStatus: string } | null
  track: { name: string } | null
  tiers: TierViewRow[]
  current: TierViewRow | null
  qualified: TierViewRow | null
  proposed: { tier: TierViewRow | null } | null
  next: TierViewRow | null
  history: HistoryRow[]
}

/** A standing as both sides see it: tier, proposal, grace, each requirement, path to next tier, benefits, history. */
export function StandingSections({ data, audience }: { data: StandingData; audience: 'partner' | 'vendor' }) {
  const { standing, track, tiers, current, qualified, proposed, next, history } = data
  // No tier above: either the tier held is the top one, or the partner qualifies for the top tier while holding a lower one.
  const holdsTop = !qualified || (current !== null && current.rank >= qualified.rank)
  if (!standing || !track) {
    return (
      <p className="card mt-4 text-slate-600">
        {audience === 'partner'
          ? 'Your organization has not been evaluated in a program track yet. The program is evaluated every night.'
          : 'Not evaluated yet: this partner belongs to no track, or the program has not been evaluated since it joined.'}
      </p>
    )
  }
  return (
    <>
      <section className="card mt-4" aria-labelledby="standing-heading">
        <h2 id="standing-heading" className="text-lg font-semibold text-slate-900">
          {track.name}: {current ? current.name : 'no tier yet'}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Last evaluated {dateText(standing.evaluatedAt)}. Qualifies for: {qualified ? qualified.name : 'no tier'}.
        </p>
        {proposed ? (
          <p className="mt-2 text-sm text-slate-800">
            <span className="badge bg-brand-100 text-brand-800">Proposal waiting</span> {current?.name ?? 'No tier'} → {proposed.tier?.name ?? 'No tier'}, for the vendor’s team to decide.
          </p>
        ) : null}
        {standing.graceUntil && !proposed ? (
          <p className="mt-2 text-sm text-amber-900">
            <span className="badge bg-amber-100 text-amber-900">Grace period</span> Below the requirements of {current?.name ?? 'its tier'}: the tier is kept until {dateText(standing.graceUntil)}; a
            downgrade is proposed then if the requirements are still not met.
          </p>
        ) : null}
      </section>
      <section className="card mt-4" aria-labelledby="next-heading">
        <h2 id="next-heading" className="text-lg font-semibold text-slate-900">
          {next ? `Path to ${next.name}` : holdsTop ? 'Top tier' : `Qualifies for the top tier, ${qualified?.name ?? ''}`}
        </h2>
        {next ? (
          <RequirementTable caption={`Requirements of ${next.name}`} rows={next.requirements} />
        ) : holdsTop ? (
          <p className="mt-1 text-sm text-slate-600">The highest tier of this track is reached.</p>
        ) : (
          <p className="mt-1 text-sm text-slate-600" data-testid="qualifies-top">
            {audience === 'partner' ? 'Your organization meets' : 'This partner meets'} every requirement of {qualified?.name}, the highest tier of {track.name}, and holds{' '}
            {current ? current.name : 'no tier yet'}: {proposed ? 'the change waits for the vendor’s team to decide.' : 'the change is proposed at the next evaluation.'}
          </p>
        )}
      </section>
      {current ? (
        <section className="card mt-4" aria-labelledby="benefits-heading">
          <h2 id="benefits-heading" className="text-lg font-semibold text-slate-900">
            Benefits of {current.name}
          </h2>
          <Benefits b={current.benefits} />
        </section>
      ) : null}
      <section className="card mt-4" aria-labelledby="tiers-heading">
        <h2 id="tiers-heading" className="text-lg font-semibold text-slate-900">
          Every tier of {track.name}
        </h2>
        {tiers.map((t) => (
          <div key={t.id} className="mt-3">
            <h3 className="font-medium text-slate-900">
              {t.rank}. {t.name} {t.allMet ? <span className="badge bg-green-100 text-green-800">All met</span> : null}
            </h3>
            <RequirementTable caption={`Requirements of ${t.name}`} rows={t.requirements} />
          </div>
        ))}
      </section>
      <section className="card mt-4" aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold text-slate-900">
          Tier history
        </h2>
        <TierHistory rows={history} />
      </section>
    </>
  )
}
