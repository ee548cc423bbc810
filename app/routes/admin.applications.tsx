import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Pager } from '#app/components/pager.tsx'
import { INDUSTRY_OPTIONS, labelOf, PARTNER_TYPE_OPTIONS, REGION_OPTIONS } from '#app/features/orgs/constants.ts'
import { approveApplication, listApplications, recentDecisions, rejectApplication } from '#app/features/orgs/applications.server.ts'
import { formIdSchema, requireVendor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { safeRedirectPath } from '#app/utils/safe-redirect.ts'
import { replyErrors, replyFor, useFocusFirstError } from '#app/components/forms.tsx'
import { ReasonForm } from '#app/components/reason-form.tsx'
import { pageFromUrl } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Partner applications · Admin · Partner Hub' }]

const DecisionForm = z.object({ intent: z.enum(['approve', 'reject']), orgId: formIdSchema('application'), reason: z.string().max(5000).optional() })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const page = pageFromUrl(request)
  const [queue, decided] = await Promise.all([listApplications(actor, { page }), recentDecisions(actor)])
  return { queue, decided }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const submission = parseSubmission(await readForm(request), DecisionForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: DecisionForm, idFields: ['intent', 'orgId'] })
  const { intent, orgId, reason } = submission.value
  const url = new URL(request.url)
  const back = safeRedirectPath(url.pathname + url.search)
  try {
    if (intent === 'approve') {
      const { name } = await approveApplication(actor, orgId, requestMeta(request, context))
      return redirectWithToast(back, { type: 'success', title: `${name} approved`, description: 'Its admins were told by email and in the app.' })
    }
    const { name } = await rejectApplication(actor, orgId, { reason }, requestMeta(request, context))
    return redirectWithToast(back, { type: 'success', title: `${name} rejected`, description: 'Its admins received your reason.' })
  } catch (error) {
    return domainReply(submission, error, { schema: DecisionForm })
  }
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' })
const age = (days: number) => (days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`)

export default function Applications() {
  const { queue, decided } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  useFocusFirstError(lastResult)
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <header>
        <p className="text-sm">
          <Link to="/admin" className="link">
            Admin
          </Link>{' '}
          /
        </p>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Partner applications</h1>
        <p className="mt-1 text-slate-600">
          {queue.total === 0 ? 'Nobody is waiting.' : `${queue.total} waiting, oldest first.`} {queue.canDecide ? null : 'Only vendor admins can approve or reject.'}
        </p>
      </header>

      {queue.items.length === 0 ? (
        <div className="card text-center text-slate-600">
          <p className="font-medium text-slate-800">The queue is empty</p>
          <p className="mt-1 text-sm">New applications from /apply show up here, and the vendor admins are notified of each one.</p>
        </div>
      ) : (
        <ol className="space-y-4" data-testid="applications">
          {queue.items.map((app) => (
            <li key={app.id} className="card" data-testid="application" data-org-id={app.id}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h2 className="text-lg font-semibold text-slate-900">{app.name}</h2>
                  <p className="text-sm text-slate-600">
                    {labelOf(PARTNER_TYPE_OPTIONS, app.partnerType)} ·{' '}
                    {app.website ? (
                      <a href={app.website} className="link" rel="noopener noreferrer nofollow" target="_blank">
                        {app.website.replace(/^https?:\/\//, '')}
                      </a>
                    ) : (
                      'no website'
                    )}
                  </p>
                </div>
                <span className={`badge ${app.ageDays >= 3 ? 'bg-amber-100 text-amber-900' : ''}`} title={dateFormat.format(new Date(app.createdAt))}>
                  applied {age(app.ageDays)}
                </span>
              </div>
              <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-3">
                <div>
                  <dt className="font-medium text-slate-700">Regions</dt>
                  <dd className="text-slate-600">{app.regions.map((r) => labelOf(REGION_OPTIONS, r)).join(', ')}</dd>
                </div>
                <div>
                  <dt className="font-medium text-slate-700">Industries</dt>
                  <dd className="text-slate-600">{app.industries.map((i) => labelOf(INDUSTRY_OPTIONS, i)).join(', ')}</dd>
                </div>
                <div>
                  <dt className="font-medium text-slate-700">Admin</dt>
                  <dd className="text-slate-600">{app.admins.map((a) => `${a.name} <${a.email}>`).join(', ') || '—'}</dd>
                </div>
              </dl>
              {queue.canDecide ? (
                <div className="mt-4 flex flex-wrap items-start gap-3">
                  {replyErrors(replyFor(lastResult, { orgId: app.id, intent: 'approve' })).map((message) => (
                    <p key={message} className="w-full text-sm text-red-700" role="alert">
                      {message}
                    </p>
                  ))}
                  <Form method="post">
                    <input type="hidden" name="orgId" value={app.id} />
                    <button type="submit" name="intent" value="approve" className="btn-primary" disabled={busy}>
                      Approve<span className="sr-only"> {app.name}</span>
                    </button>
                  </Form>
                  <ReasonForm
                    rowId={app.id}
                    idField="orgId"
                    intent="reject"
                    reply={replyFor(lastResult, { orgId: app.id, intent: 'reject' })}
                    summary="Reject…"
                    label="Reason (sent to the applicant)"
                    button="Reject"
                    buttonContext={app.name}
                    busy={busy}
                    className="flex-1"
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pager page={queue.page} pageCount={queue.pageCount} label="Application pages" />

      <section aria-labelledby="decided-heading">
        <h2 id="decided-heading" className="text-lg font-semibold">
          Recently decided
        </h2>
        {decided.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No decisions yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Company</th>
                  <th scope="col">Decision</th>
                  <th scope="col">By</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {decided.map((d) => (
                  <tr key={d.id}>
                    <td className="font-medium">{d.name}</td>
                    <td>
                      {d.status === 'rejected' ? (
                        <span className="badge bg-red-100 text-red-800" title={d.rejectionReason ?? undefined}>
                          rejected
                        </span>
                      ) : (
                        <span className="badge bg-emerald-100 text-emerald-800">{d.status === 'active' ? 'approved' : d.status}</span>
                      )}
                    </td>
                    <td className="text-slate-600">{d.decidedBy ?? '—'}</td>
                    <td className="whitespace-nowrap text-slate-600">{dateFormat.format(new Date(d.decidedAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  )
}
