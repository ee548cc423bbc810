import type { ReferralStatus } from '#db/schema/pipeline.ts'
import { linkify } from '#app/features/messaging/contract.ts'
import { STATUS_LABELS } from '#app/features/referrals/schemas.ts'

const STATUS_STYLES: Record<ReferralStatus, string> = {
  submitted: 'bg-amber-100 text-amber-800',
  accepted: 'bg-sky-100 text-sky-800',
  declined: 'bg-slate-200 text-slate-700',
  in_progress: 'bg-indigo-100 text-indigo-800',
  won: 'bg-emerald-100 text-emerald-800',
  lost: 'bg-rose-100 text-rose-800',
}

export function StatusBadge({ status }: { status: ReferralStatus }) {
  return (
    <span className={`badge ${STATUS_STYLES[status]}`} data-testid="referral-status">
      {STATUS_LABELS[status]}
    </span>
  )
}

/** Plain text with http(s) links made clickable; everything else is rendered as text by React. */
export function SafeText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.type === 'link' ? (
          <a key={i} href={part.value} className="link break-all" rel="nofollow noopener noreferrer ugc" target="_blank">
            {part.value}
          </a>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </>
  )
}

export function Stars({ average, count }: { average: number | null; count: number }) {
  if (!count || average == null) return <span className="text-sm text-slate-500">No endorsements yet</span>
  return (
    <span className="text-sm text-slate-700" data-testid="endorsement-summary">
      <span aria-hidden className="text-amber-500">
        {'★'.repeat(Math.round(average))}
        {'☆'.repeat(5 - Math.round(average))}
      </span>{' '}
      <span>
        {average.toFixed(1)} / 5 from {count} endorsement{count === 1 ? '' : 's'}
      </span>
    </span>
  )
}
