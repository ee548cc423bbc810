import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { decideIntegration, listIntegrationRequests, listOwnIntegrations } from '#app/features/listings/integrations.server.ts'
import { IntegrationDecisionSchema } from '#app/features/listings/schemas.ts'
import { StatusBadge } from '#app/features/listings/ui/components.tsx'
import { replyErrors, useFocusFirstError } from '#app/components/forms.tsx'
import { requireActor } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'

export const meta: MetaFunction = () => [{ title: 'Integrations · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const [requests, own] = await Promise.all([listIntegrationRequests(actor), listOwnIntegrations(actor)])
  return { requests, own, isAdmin: actor.role === 'partner_admin' || actor.role === 'vendor_admin' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), IntegrationDecisionSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: IntegrationDecisionSchema, idFields: ['integrationId'] })
  try {
    const { status } = await decideIntegration(actor, submission.value)
    return redirectWithToast('/manage/integrations', { type: 'success', title: `Integration ${status}` })
  } catch (error) {
    return domainReply(submission, error, { schema: IntegrationDecisionSchema })
  }
}

export default function ManageIntegrations() {
  const { requests, own, isAdmin } = useLoaderData<typeof loader>()
  // One form per request row: a refusal shows above the list.
  const errors = replyErrors(useActionData<typeof action>())
  useFocusFirstError(errors.length ? errors : null)
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold text-slate-900">Integrations</h1>
      {errors.length ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {errors.join(' ')}
        </p>
      ) : null}
      <section aria-labelledby="requests" className="mt-6">
        <h2 id="requests" className="text-lg font-semibold text-slate-900">
          Integrations with your product
        </h2>
        <p className="text-sm text-slate-600">Other companies list these integrations with your product. Confirm the real ones; only confirmed integrations appear on profiles and in the directory.</p>
        {requests.length === 0 ? (
          <p className="mt-4 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">No integration requests.</p>
        ) : (
          <ul className="mt-4 space-y-3">
            {requests.map((r) => (
              <li key={r.id} className="card" data-testid="integration-request">
                <div className="flex flex-wrap items-center gap-2">
                  <Link to={`/listings/${r.listingSlug}`} className="link font-medium">
                    {r.title ?? r.listingSlug}
                  </Link>
                  <span className="text-sm text-slate-500">
                    by{' '}
                    <Link to={`/partners/${r.ownerSlug}`} className="hover:underline">
                      {r.ownerName}
                    </Link>
                  </span>
                  <StatusBadge status={r.status} />
                </div>
                {r.summary ? <p className="mt-1 text-sm text-slate-600">{r.summary}</p> : null}
                {isAdmin ? (
                  <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
                    <input type="hidden" name="integrationId" value={r.id} />
                    <div className="min-w-[16rem] flex-1">
                      <label htmlFor={`note-${r.id}`} className="label">
                        Note (optional)
                      </label>
                      <input id={`note-${r.id}`} name="note" maxLength={500} className="input" />
                    </div>
                    {r.status !== 'confirmed' ? (
                      <button type="submit" name="decision" value="confirm" className="btn-primary">
                        Confirm
                      </button>
                    ) : null}
                    {r.status !== 'declined' ? (
                      <button type="submit" name="decision" value="decline" className="btn-secondary">
                        Decline
                      </button>
                    ) : null}
                  </Form>
                ) : (
                  <p className="mt-2 text-xs text-slate-500">An admin of your organization confirms or declines.</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="own" className="mt-10">
        <h2 id="own" className="text-lg font-semibold text-slate-900">
          Your integrations with others
        </h2>
        {own.length === 0 ? (
          <p className="mt-4 text-slate-600">None yet. Create a listing of kind “Integration” to list one.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {own.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center gap-2 px-4 py-3 text-sm">
                <Link to={`/manage/listings/${o.listingId}`} className="link font-medium">
                  {o.title ?? o.listingSlug}
                </Link>
                <span className="text-slate-500">with {o.counterpartName}</span>
                <StatusBadge status={o.status} />
                {o.note ? <span className="text-slate-500">“{o.note}”</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
