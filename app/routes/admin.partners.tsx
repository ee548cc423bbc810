import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Pager } from '#app/components/pager.tsx'
import { listPartnersForAdmin, reinstatePartner, suspendPartner } from '#app/features/orgs/suspension.server.ts'
import { formIdSchema, requireVendor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { replyErrors, replyFor, useFocusFirstError } from '#app/components/forms.tsx'
import { ReasonForm } from '#app/components/reason-form.tsx'
import { pageParam, pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Partners · Admin · Partner Hub' }]

const Query = z.object({
  status: z.enum(['active', 'suspended']).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: pageParam,
})
const ActionForm = z.object({ intent: z.enum(['suspend', 'reinstate']), orgId: formIdSchema('partner'), reason: z.string().max(5000).optional() })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  return { ...(await listPartnersForAdmin(actor, query)), query, canDecide: actor.role === 'vendor_admin' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const submission = parseSubmission(await readForm(request), ActionForm)
  // The reason's own limits are the domain's (it answers beside the field); intent and id are the form's.
  if (submission.status !== 'success') return invalidReply(submission, { schema: ActionForm, idFields: ['intent', 'orgId'] })
  const { intent, orgId, reason } = submission.value
  const back = new URL(request.url).pathname + new URL(request.url).search
  try {
    if (intent === 'suspend') {
      const { name } = await suspendPartner(actor, orgId, { reason }, requestMeta(request, context))
      return redirectWithToast(back, { type: 'success', title: `${name} suspended`, description: 'Its people can sign in and read but not act; its public pages and search entries are hidden.' })
    }
    const { name } = await reinstatePartner(actor, orgId, requestMeta(request, context))
    return redirectWithToast(back, { type: 'success', title: `${name} reinstated`, description: 'It is an active partner again, with its public pages and search entries back.' })
  } catch (error) {
    return domainReply(submission, error, { schema: ActionForm })
  }
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' })

export default function Partners() {
  const { rows, total, page, pageSize, query, canDecide } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  useFocusFirstError(lastResult)
  const busy = useNavigation().state !== 'idle'
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          ← Admin
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Partners</h1>
      <p className="mt-1 text-slate-600">
        Suspend a partner to take it out of the ecosystem for a while: its people can still sign in and read, but cannot change anything, and its profile, listings and search entries are hidden until
        you reinstate it. Every suspension and reinstatement is in the audit log.
      </p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="q" className="label">
            Name
          </label>
          <input id="q" name="q" className="input" defaultValue={query.q ?? ''} maxLength={200} />
        </div>
        <div>
          <label htmlFor="status" className="label">
            Status
          </label>
          <select id="status" name="status" className="input" defaultValue={query.status ?? ''}>
            <option value="">Active and suspended</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
          </select>
        </div>
        <button className="btn-secondary">Filter</button>
      </Form>
      {rows.length === 0 ? (
        <p className="card mt-6 text-center text-slate-600">No partners match.</p>
      ) : (
        <ul className="mt-6 space-y-3">
          {rows.map((p) => {
            // The answer to this row's form, if the last action was one: its reason and errors.
            const reply = replyFor(lastResult, { orgId: p.id })
            // A refused reinstatement shows on the row; a refused suspension inside its form.
            const rowErrors = p.status === 'suspended' ? replyErrors(reply) : []
            return (
              <li key={p.id} className="card" data-testid="partner-row">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">
                    {p.status === 'active' ? (
                      <Link to={`/partners/${p.slug}`} className="link">
                        {p.name}
                      </Link>
                    ) : (
                      p.name
                    )}
                  </span>
                  <span className={`badge ${p.status === 'suspended' ? 'bg-red-100 text-red-800' : 'bg-emerald-100 text-emerald-800'}`}>{p.status === 'suspended' ? 'Suspended' : 'Active'}</span>
                </div>
                {p.status === 'suspended' ? (
                  <p className="mt-1 text-sm text-slate-700">
                    Suspended{p.suspendedAt ? ` on ${dateFormat.format(new Date(p.suspendedAt))}` : ''}
                    {p.suspensionReason ? `: ${p.suspensionReason}` : ''}
                  </p>
                ) : null}
                {rowErrors.length ? (
                  <p className="mt-2 text-sm text-red-700" role="alert">
                    {rowErrors.join(' ')}
                  </p>
                ) : null}
                {canDecide ? (
                  p.status === 'suspended' ? (
                    <Form method="post" className="mt-3">
                      <input type="hidden" name="orgId" value={p.id} />
                      <button name="intent" value="reinstate" className="btn-secondary" disabled={busy}>
                        Reinstate
                      </button>
                    </Form>
                  ) : (
                    <ReasonForm rowId={p.id} idField="orgId" intent="suspend" reply={reply} summary="Suspend…" label="Reason (its admins see it)" button="Suspend" busy={busy} className="mt-3" />
                  )
                ) : null}
              </li>
            )
          })}
        </ul>
      )}
      <p className="mt-4 text-sm text-slate-600">
        {total} partner{total === 1 ? '' : 's'}
      </p>
      <Pager page={page} pageCount={pageCountOf(total, pageSize)} />
    </main>
  )
}
