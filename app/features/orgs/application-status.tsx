import { Link } from '@remix-run/react'

export type ApplicationStatusData = {
  status: 'applicant' | 'active' | 'suspended' | 'rejected'
  orgName: string
  rejectionReason: string | null
  createdAt: string | Date
  queuePosition: number | null
  isAdmin: boolean
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long' })

/** What an applicant (or a rejected or suspended partner) sees on the home page: where things stand and what to do. */
export function ApplicationStatus({ data }: { data: ApplicationStatusData }) {
  if (data.status === 'applicant') {
    return (
      <section className="card mt-10 border-amber-200 bg-amber-50" data-testid="application-status" aria-labelledby="application-status-heading">
        <h2 id="application-status-heading" className="text-lg font-semibold text-amber-900">
          {data.orgName}&apos;s application is waiting for review
        </h2>
        <p className="mt-2 text-amber-900">
          You applied on {dateFormat.format(new Date(data.createdAt))}
          {data.queuePosition ? ` and are number ${data.queuePosition} in the queue` : ''}. The partner team reviews applications oldest first; you&apos;ll get an email and a notification when there
          is a decision.
        </p>
        <p className="mt-2 text-sm text-amber-900">
          Meanwhile you can browse the{' '}
          <Link to="/marketplace" className="link">
            marketplace
          </Link>
          {data.isAdmin ? (
            <>
              {' '}
              and{' '}
              <Link to="/settings/team" className="link">
                invite your colleagues
              </Link>
            </>
          ) : null}
          . Referrals, co-selling and listings open once you&apos;re approved.
        </p>
      </section>
    )
  }
  if (data.status === 'rejected') {
    return (
      <section className="card mt-10 border-red-200 bg-red-50" data-testid="application-status" aria-labelledby="application-status-heading">
        <h2 id="application-status-heading" className="text-lg font-semibold text-red-900">
          {data.orgName}&apos;s application was not approved
        </h2>
        {data.rejectionReason ? <blockquote className="mt-2 border-l-4 border-red-300 pl-3 text-red-900">{data.rejectionReason}</blockquote> : null}
        <p className="mt-2 text-sm text-red-900">If your circumstances change, reply to the email you received to ask the partner team to look again.</p>
      </section>
    )
  }
  if (data.status === 'suspended') {
    return (
      <section className="card mt-10 border-red-200 bg-red-50" data-testid="application-status">
        <h2 className="text-lg font-semibold text-red-900">{data.orgName} is suspended</h2>
        <p className="mt-2 text-sm text-red-900">
          Your team can still sign in and read, but your organization cannot refer, co-sell, publish or change anything until the partner team lifts the suspension. Contact them for details.
        </p>
      </section>
    )
  }
  return null
}
