import type { RegistrationStatusValue } from '#app/features/registrations/schemas.ts'
import { STATUS_LABELS } from '#app/features/registrations/schemas.ts'

const STATUS_STYLES: Record<RegistrationStatusValue, string> = {
  pending: 'bg-amber-100 text-amber-900',
  approved: 'bg-green-100 text-green-800',
  rejected: 'bg-red-100 text-red-800',
  expired: 'bg-slate-200 text-slate-800',
  revoked: 'bg-red-100 text-red-800',
}

export function RegistrationStatusBadge({ status }: { status: RegistrationStatusValue }) {
  return (
    <span className={`badge ${STATUS_STYLES[status]}`} data-testid="registration-status">
      {STATUS_LABELS[status]}
    </span>
  )
}

/** The conflict notice a deal's own organization reads: its own deals in full, the neutral message otherwise. */
export function ConflictNotice({ notice }: { notice: { visible: string[]; review: string | null; status: string } | null }) {
  if (!notice || (!notice.visible.length && !notice.review)) return null
  return (
    <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="conflict-notice" role="status">
      {notice.review ? <p className="font-medium">{notice.review}</p> : null}
      {notice.visible.length ? (
        <>
          <p className={notice.review ? 'mt-2' : 'font-medium'}>Other deals for this customer:</p>
          <ul className="mt-1 list-disc pl-5">
            {notice.visible.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        </>
      ) : null}
      {notice.status === 'resolved' ? <p className="mt-2">The vendor&apos;s team has reviewed it.</p> : null}
    </div>
  )
}
