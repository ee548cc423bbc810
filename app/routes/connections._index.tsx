import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { assertMappingPartner, listConnections, respondToConnection } from '#app/features/accounts/connections.server.ts'
import { SharingFields } from '#app/features/accounts/sharing-fields.tsx'
import { POPULATION_LABELS, POPULATIONS, RespondConnectionSchema, SHARING_LABELS } from '#app/features/accounts/schemas.ts'
import { Alert, MappingTabs } from '#app/features/accounts/ui.tsx'
import { isOrgAdmin } from '#app/features/auth/actor.ts'
import { formIdSchema, guard, requireActor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { replyErrors, useFocusFirstError } from '#app/components/forms.tsx'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Connections · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  if (actor.orgKind === 'vendor') throw redirect('/cosell')
  guard(() => assertMappingPartner(actor))
  const all = await listConnections(actor)
  return {
    isAdmin: isOrgAdmin(actor),
    incoming: all.filter((c) => c.status === 'requested' && c.side === 'recipient'),
    outgoing: all.filter((c) => c.status === 'requested' && c.side === 'requester'),
    accepted: all.filter((c) => c.status === 'accepted'),
    past: all.filter((c) => c.status === 'declined' || c.status === 'ended').slice(0, 20),
  }
}

const RespondForm = RespondConnectionSchema.extend({ connectionId: formIdSchema('connection request') })

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), RespondForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: RespondForm, idFields: ['connectionId'] })
  const { connectionId, ...answer } = submission.value
  try {
    const conn = await respondToConnection(actor, connectionId, answer)
    return conn.status === 'accepted'
      ? redirectWithToast(`/connections/${conn.id}`, { type: 'success', title: `Connected with ${conn.partner.name}` })
      : redirectWithToast('/connections', { type: 'info', title: `Declined ${conn.partner.name}’s request` })
  } catch (error) {
    return domainReply(submission, error, { schema: RespondForm })
  }
}

export default function ConnectionsPage() {
  const { isAdmin, incoming, outgoing, accepted, past } = useLoaderData<typeof loader>()
  // Each request's form has only choices and buttons: its errors show above the lists.
  const errors = replyErrors(useActionData<typeof action>())
  useFocusFirstError(errors.length ? errors : null)
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <MappingTabs current="connections" isPartner />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Connections</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">Connect with partners to see which accounts you share — only as much as both of you agree to.</p>
        </div>
        {isAdmin ? (
          <Link to="/connections/request" className="btn-primary">
            Request a connection
          </Link>
        ) : null}
      </div>
      {errors.length ? (
        <div className="mt-4">
          <Alert>{errors.join(' ')}</Alert>
        </div>
      ) : null}

      {incoming.length > 0 ? (
        <section className="mt-6" aria-labelledby="incoming-heading">
          <h2 id="incoming-heading" className="text-lg font-semibold">
            Requests waiting for you
          </h2>
          <ul className="mt-3 space-y-4">
            {incoming.map((c) => (
              <li key={c.id} className="card" data-testid="incoming-request">
                <p className="font-medium">{c.partner.name} wants to connect</p>
                {c.message ? <p className="mt-1 text-sm text-slate-600">“{c.message}”</p> : null}
                {isAdmin ? (
                  <Form method="post" className="mt-4 space-y-4">
                    <input type="hidden" name="connectionId" value={c.id} />
                    <SharingFields />
                    <div className="flex gap-2">
                      <button type="submit" name="decision" value="accept" className="btn-primary">
                        Accept
                      </button>
                      <button type="submit" name="decision" value="decline" className="btn-secondary">
                        Decline
                      </button>
                    </div>
                  </Form>
                ) : (
                  <p className="mt-2 text-sm text-slate-500">An admin of your organization can answer.</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="mt-8" aria-labelledby="accepted-heading">
        <h2 id="accepted-heading" className="text-lg font-semibold">
          Connected partners
        </h2>
        {accepted.length === 0 ? (
          <p className="mt-3 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">
            No connections yet. Request one from a partner’s page in the marketplace{isAdmin ? ' or with the button above' : ''}.
          </p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table">
              <caption className="px-4 pt-3 text-left text-sm text-slate-600">What both sides see of each list: the stricter of your two choices.</caption>
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  {POPULATIONS.map((p) => (
                    <th key={p} scope="col">
                      {POPULATION_LABELS[p]}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="sr-only">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {accepted.map((c) => (
                  <tr key={c.id}>
                    <td className="font-medium">{c.partner.name}</td>
                    {POPULATIONS.map((p) => (
                      <td key={p} className="text-slate-600">
                        {SHARING_LABELS[c.effective[p]]}
                      </td>
                    ))}
                    <td className="whitespace-nowrap">
                      <Link to={`/connections/${c.id}`} className="link" aria-label={`Overlap with ${c.partner.name}`}>
                        Overlap →
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {outgoing.length > 0 ? (
        <section className="mt-8" aria-labelledby="outgoing-heading">
          <h2 id="outgoing-heading" className="text-lg font-semibold">
            Requests you sent
          </h2>
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {outgoing.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-3 px-4 py-3 text-sm">
                <span>
                  {c.partner.name} · sent {new Date(c.createdAt).toISOString().slice(0, 10)}
                </span>
                <Link to={`/connections/${c.id}`} className="link">
                  Details
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {past.length > 0 ? (
        <section className="mt-8" aria-labelledby="past-heading">
          <h2 id="past-heading" className="text-lg font-semibold">
            Past
          </h2>
          <ul className="mt-3 text-sm text-slate-600">
            {past.map((c) => (
              <li key={c.id}>
                {c.partner.name} — {c.status}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  )
}
