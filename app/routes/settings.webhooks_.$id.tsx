import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import { FormErrors, replyErrors, replyFor, TextField, useFocusFirstError } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { EventTypePicker } from '#app/features/webhooks/ui/event-type-picker.tsx'
import { deleteEndpoint, getEndpoint, redeliver, rotateSecret, setEndpointEnabled, updateEndpoint } from '#app/features/webhooks/endpoints.server.ts'
import { DeliveryIdSchema, UpdateEndpointSchema } from '#app/features/webhooks/schemas.ts'
import { SecretNotice, STATUS_LABELS } from '#app/features/webhooks/ui/secret-notice.tsx'
import { readForm } from '#app/utils/form.server.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta, secretReply } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { CursorPager } from '#app/components/pager.tsx'

export const meta: MetaFunction = () => [{ title: 'Webhook endpoint · Partner Hub' }]

const QuerySchema = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  delivery: z.coerce.number().int().positive().optional().catch(undefined),
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  return orThrowResponse(getEndpoint(actor, params.id, { before: query.before, deliveryId: query.delivery }))
}

const EndpointForm = z.discriminatedUnion('intent', [
  UpdateEndpointSchema.extend({ intent: z.literal('update') }),
  z.object({ intent: z.literal('rotate') }),
  z.object({ intent: z.literal('disable') }),
  z.object({ intent: z.literal('enable') }),
  z.object({ intent: z.literal('delete') }),
  DeliveryIdSchema.extend({ intent: z.literal('redeliver') }),
])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), EndpointForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: EndpointForm })
  const value = submission.value
  const meta = requestMeta(request, context)
  const here = `/settings/webhooks/${params.id}`
  try {
    switch (value.intent) {
      case 'update':
        await updateEndpoint(actor, params.id, { description: value.description, eventTypes: value.eventTypes }, meta)
        return redirectWithToast(here, { type: 'success', title: 'Endpoint saved' })
      case 'rotate': {
        const { secret, previousValidUntil } = await rotateSecret(actor, params.id, meta)
        return secretReply({ rotated: { secret, previousValidUntil: previousValidUntil.toISOString() } })
      }
      case 'disable':
      case 'enable':
        await setEndpointEnabled(actor, params.id, value.intent === 'enable', meta)
        return redirectWithToast(here, { type: 'success', title: value.intent === 'enable' ? 'Endpoint enabled: waiting events are sent now' : 'Endpoint disabled' })
      case 'delete': {
        const { url } = await deleteEndpoint(actor, params.id, meta)
        return redirectWithToast('/settings/webhooks', { type: 'info', title: `Endpoint ${url} deleted` })
      }
      case 'redeliver': {
        const sent = await redeliver(actor, params.id, { deliveryId: value.deliveryId }, meta)
        return redirectWithToast(`${here}?delivery=${value.deliveryId}`, {
          type: sent.ok ? 'success' : 'error',
          title: sent.ok ? `Redelivered: the endpoint answered ${sent.statusCode}` : `Redelivery failed: ${sent.error ?? 'no answer'}`,
        })
      }
    }
  } catch (error) {
    return domainReply(submission, error, { schema: EndpointForm })
  }
}

export default function WebhookEndpoint() {
  const { endpoint, deliveries, nextBefore, selected } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const rotated = result && 'rotated' in result ? result.rotated : null
  const reply = result && !('rotated' in result) ? result : undefined
  const updateReply = replyFor(reply, { intent: 'update' })
  const otherErrors = updateReply ? [] : replyErrors(reply)
  useFocusFirstError(otherErrors.length ? otherErrors : null)
  const [form, fields] = useForm({
    id: 'edit-webhook',
    lastResult: updateReply,
    constraint: getZodConstraint(UpdateEndpointSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateEndpointSchema.extend({ intent: z.literal('update') }) }),
    defaultValue: { description: endpoint.description, eventTypes: endpoint.eventTypes },
  })
  const base = `/settings/webhooks/${endpoint.id}`
  // On an older page of the log: a way back to the newest deliveries, and a delivery opened from here keeps the page.
  const [searchParams] = useSearchParams()
  const olderPage = searchParams.get('before')
  const deliveryHref = (id: number) => `${base}?${olderPage ? `before=${encodeURIComponent(olderPage)}&` : ''}delivery=${id}`
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <p className="text-sm">
        <Link to="/settings/webhooks" className="link">
          ← Webhooks
        </Link>
      </p>
      <header>
        <h1 className="break-all text-2xl font-bold tracking-tight text-slate-900">{endpoint.url}</h1>
        <p className="mt-1 text-slate-600">
          <span className="badge">{endpoint.disabledAt ? 'Disabled' : 'Enabled'}</span> {endpoint.pending} waiting · created <LocalTime value={endpoint.createdAt} />
          {endpoint.createdByName ? ` by ${endpoint.createdByName}` : ''}
        </p>
        {endpoint.disabledAt ? (
          <p role="status" className="mt-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            Disabled <LocalTime value={endpoint.disabledAt} />: {endpoint.disabledReason}
          </p>
        ) : null}
        {endpoint.rotating && endpoint.previousSecretExpiresAt ? (
          <p className="mt-2 text-sm text-slate-700">
            The previous secret also signs until <LocalTime value={endpoint.previousSecretExpiresAt} />.
          </p>
        ) : null}
      </header>

      {otherErrors.length ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {otherErrors.join(' ')}
        </div>
      ) : null}

      {rotated ? (
        <SecretNotice title="New signing secret: copy it now" secret={rotated.secret}>
          <p className="mt-1 text-sm text-emerald-900">
            The previous secret keeps signing too until <LocalTime value={rotated.previousValidUntil} />, so you can switch your receiver over.
          </p>
        </SecretNotice>
      ) : null}

      <section aria-labelledby="actions-heading" className="card">
        <h2 id="actions-heading" className="text-lg font-semibold">
          Manage
        </h2>
        <div className="mt-3 flex flex-wrap gap-2">
          <Form method="post">
            <input type="hidden" name="intent" value="rotate" />
            <button type="submit" className="btn-secondary">
              Rotate secret
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value={endpoint.disabledAt ? 'enable' : 'disable'} />
            <button type="submit" className="btn-secondary">
              {endpoint.disabledAt ? 'Enable' : 'Disable'}
            </button>
          </Form>
          <Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(`Delete the endpoint ${endpoint.url} and its delivery log?`)) event.preventDefault()
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="btn-danger">
              Delete
            </button>
          </Form>
        </div>
      </section>

      {selected ? (
        <section aria-labelledby="delivery-heading" className="card" data-testid="delivery-detail">
          <h2 id="delivery-heading" className="text-lg font-semibold">
            Delivery #{selected.delivery.id}: {selected.delivery.eventType}
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            {STATUS_LABELS[selected.delivery.status]} · {selected.delivery.attempts} automatic attempt(s) · <code>webhook-id: {selected.delivery.messageId}</code>
          </p>
          <h3 className="mt-4 font-semibold">Request body</h3>
          <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-100 p-3 text-xs text-slate-900">{JSON.stringify(selected.delivery.payload, null, 2)}</pre>
          <h3 className="mt-4 font-semibold">Attempts</h3>
          {selected.attempts.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">Not tried yet.</p>
          ) : (
            <ol className="mt-2 space-y-3">
              {selected.attempts.map((a) => (
                <li key={a.id} className="rounded border border-slate-200 p-3 text-sm">
                  <p className="font-medium text-slate-900">
                    {a.manual ? 'Manual redelivery' : `Attempt ${a.attempt}`} · <LocalTime value={a.createdAt} /> · {a.statusCode ?? 'no answer'} · {a.durationMs} ms
                  </p>
                  {a.error ? <p className="text-red-800">{a.error}</p> : null}
                  <details className="mt-1">
                    <summary className="cursor-pointer text-slate-700">Request headers and response</summary>
                    <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 text-xs text-slate-900">{JSON.stringify(a.requestHeaders, null, 2)}</pre>
                    {a.responseBody ? <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 text-xs text-slate-900">{a.responseBody}</pre> : null}
                  </details>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}

      <section aria-labelledby="log-heading">
        <h2 id="log-heading" className="text-lg font-semibold">
          Delivery log
        </h2>
        {endpoint.disabledAt && deliveries.length ? <p className="mt-1 text-sm text-slate-600">The endpoint is disabled: enable it (under Manage) to redeliver.</p> : null}
        {deliveries.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No deliveries yet. Events you subscribed to appear here as they happen.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table table-stack" data-testid="webhook-deliveries">
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Response</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Time</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link className="link" to={deliveryHref(d.id)}>
                        {d.eventType}
                      </Link>
                      <div className="text-xs text-slate-600">#{d.id}</div>
                    </td>
                    <td data-label="Status">
                      <span className="badge">{STATUS_LABELS[d.status]}</span>
                      {d.status === 'pending' && d.attempts > 0 ? (
                        <div className="text-xs text-slate-600">
                          next try <LocalTime value={d.nextAttemptAt} />
                        </div>
                      ) : null}
                    </td>
                    <td data-label="Response" className="text-sm text-slate-700">
                      {d.lastStatusCode ?? (d.lastError ? 'no answer' : '—')}
                      {d.lastDurationMs !== null ? <div className="text-xs text-slate-600">{d.lastDurationMs} ms</div> : null}
                    </td>
                    <td data-label="Attempts" className="text-sm text-slate-700">
                      {d.attempts}
                    </td>
                    <td data-label="Time" className="whitespace-nowrap text-sm text-slate-600">
                      <LocalTime value={d.eventCreatedAt} />
                    </td>
                    <td className="sm:text-right">
                      <Form method="post">
                        <input type="hidden" name="intent" value="redeliver" />
                        <input type="hidden" name="deliveryId" value={d.id} />
                        <button type="submit" className="btn-secondary px-2 py-1" disabled={Boolean(endpoint.disabledAt)}>
                          Redeliver<span className="sr-only"> delivery {d.id}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <CursorPager label="Delivery log pages" noun="deliveries" newest={olderPage ? base : null} newer={null} older={nextBefore ? `${base}?before=${nextBefore}` : null} />
      </section>
      <section aria-labelledby="edit-heading" className="card">
        <h2 id="edit-heading" className="text-lg font-semibold">
          Events and description
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="update" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.description} label="Description (optional)" />
          <EventTypePicker field={fields.eventTypes} />
          <button type="submit" className="btn-primary">
            Save
          </button>
        </Form>
      </section>
    </main>
  )
}
