import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

const copy: Record<number, { title: string; next: string }> = {
  400: { title: 'That request could not be understood', next: 'Check what you entered and try again.' },
  401: { title: 'Please sign in', next: 'Sign in to continue.' },
  403: { title: 'You do not have access to this page', next: "If you think you should, ask an admin of your organization or the vendor's partner team." },
  404: { title: 'We could not find that page', next: 'It may have moved, been unpublished, or never existed. Try the marketplace or search.' },
  405: { title: 'That address does not take this kind of request', next: 'Open the page and use its form or buttons.' },
  413: { title: 'That was too large to accept', next: 'Send less at once, or smaller files.' },
  415: { title: 'That request was not a form submission', next: 'Submit the form from its page.' },
  429: { title: 'Too many attempts', next: 'Wait a little and try again.' },
  500: { title: 'Something went wrong on our side', next: 'Try again in a moment. If it keeps happening, contact support with the time it happened.' },
}

export function ErrorPage() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const detail = isRouteErrorResponse(error) && typeof error.data === 'string' && status < 500 ? error.data : null
  const text = copy[status] ?? (status < 500 ? copy[400]! : copy[500]!)
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">Error {status}</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{text.title}</h1>
      {detail ? <p className="mt-3 text-slate-700">{detail}</p> : null}
      <p className="mt-3 text-slate-600">{text.next}</p>
      <div className="mt-6 flex justify-center gap-3">
        <Link to="/" className="btn-primary">
          Go to the home page
        </Link>
        {status === 401 || status === 403 ? (
          <Link to="/login" className="btn-secondary">
            Sign in as someone else
          </Link>
        ) : (
          <Link to="/marketplace" className="btn-secondary">
            Browse the marketplace
          </Link>
        )}
      </div>
    </main>
  )
}
