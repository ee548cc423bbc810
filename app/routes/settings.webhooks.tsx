import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { FormErrors, TextField } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { EventTypePicker } from '#app/features/webhooks/ui/event-type-picker.tsx'
import { createEndpoint, listEndpoints } from '#app/features/webhooks/endpoints.server.ts'
import { CreateEndpointSchema } from '#app/features/webhooks/schemas.ts'
import { SecretNotice } from '#app/features/webhooks/ui/secret-notice.tsx'
import { readForm } from '#app/utils/form.server.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta, secretReply } from '#app/utils/submission.server.ts'

export const meta: MetaFunction = () => [{ title: 'Webhooks · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const endpoints = await orThrowResponse(listEndpoints(actor))
  return { endpoints, orgName: actor.orgName }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), CreateEndpointSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: CreateEndpointSchema })
  try {
    const { endpoint, secret } = await createEndpoint(actor, submission.value, requestMeta(request, context))
    // The secret is in this one response only.
    return secretReply({ created: { id: endpoint.id, url: endpoint.url, secret } })
  } catch (error) {
    return domainReply(submission, error, { schema: CreateEndpointSchema })
  }
}

export default function Webhooks() {
  const { endpoints, orgName } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const created = result && 'created' in result ? result.created : null
  const [form, fields] = useForm({
    id: 'new-webhook',
    lastResult: created ? undefined : (result as Exclude<typeof result, { created: unknown }>),
    constraint: getZodConstraint(CreateEndpointSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateEndpointSchema }),
  })
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Webhooks</h1>
        <p className="mt-1 text-slate-600">
          Send {orgName}&apos;s events (referrals, fees, co-sell, listings) to your own systems as they happen, signed per{' '}
          <a className="link" href="https://www.standardwebhooks.com/">
            Standard Webhooks
          </a>
          . Each event type and its payload is described in{' '}
          <a className="link" href="/docs/webhooks">
            the webhook reference
          </a>
          . You receive only what your organization can see on its own pages.
        </p>
      </header>

      {created ? (
        <SecretNotice title={`Endpoint added: copy its signing secret now`} secret={created.secret}>
          <p className="mt-1 text-sm text-emerald-900">
            <Link className="link" to={`/settings/webhooks/${created.id}`}>
              Open {created.url}
            </Link>
          </p>
        </SecretNotice>
      ) : null}

      <section aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading" className="text-lg font-semibold">
          Endpoints <span className="badge ml-1">{endpoints.length}</span>
        </h2>
        {endpoints.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No endpoints yet. Add one below to start receiving events.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table table-stack" data-testid="webhook-endpoints">
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Events</th>
                  <th scope="col">State</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {endpoints.map((e) => (
                  <tr key={e.id}>
                    <td className="max-w-xs break-all">
                      <Link className="link font-medium" to={`/settings/webhooks/${e.id}`}>
                        {e.url}
                      </Link>
                      {e.description ? <div className="text-xs text-slate-600">{e.description}</div> : null}
                    </td>
                    <td data-label="Events" className="text-sm text-slate-700">
                      {e.eventTypes.length === 1 ? e.eventTypes[0] : `${e.eventTypes.length} types`}
                    </td>
                    <td data-label="State">
                      <span className="badge">{e.disabledAt ? 'Disabled' : 'Enabled'}</span>
                    </td>
                    <td data-label="Waiting" className="text-sm text-slate-700">
                      {e.pending}
                    </td>
                    <td data-label="Created" className="whitespace-nowrap text-sm text-slate-600">
                      <LocalTime value={e.createdAt} />
                      {e.createdByName ? <div className="text-xs">by {e.createdByName}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="add-heading" className="card">
        <h2 id="add-heading" className="text-lg font-semibold">
          Add an endpoint
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.url} type="url" label="URL" placeholder="https://example.com/webhooks/partner-hub" hint="In production it must use https:// and reach the public internet." />
          <TextField field={fields.description} label="Description (optional)" placeholder="HubSpot sync" />
          <EventTypePicker field={fields.eventTypes} />
          <button type="submit" className="btn-primary">
            Add endpoint
          </button>
        </Form>
      </section>
    </main>
  )
}
