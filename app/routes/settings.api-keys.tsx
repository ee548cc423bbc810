import { getFormProps, getSelectProps, useForm, type FieldMetadata } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, FormErrors, SelectField, TextField } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { ApiKeyFormSchema, scopesOfAccess } from '#app/features/api/key-schemas.ts'
import { createApiKey, listApiKeys, revokeApiKey } from '#app/features/api/keys.server.ts'
import { API_RESOURCES, RESOURCE_LABELS } from '#app/features/api/scopes.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { readForm } from '#app/utils/form.server.ts'
import { formIdSchema, orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta, secretReply } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'API keys · Partner Hub' }]

/** The create form, and each active key's revoke button. */
const ApiKeysAction = z.discriminatedUnion('intent', [ApiKeyFormSchema.extend({ intent: z.literal('create') }), z.object({ intent: z.literal('revoke'), keyId: formIdSchema('key') })])

const EXPIRY_CHOICES = [
  { value: '', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const keys = await orThrowResponse(listApiKeys(actor))
  return { keys, orgName: actor.orgName }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), ApiKeysAction)
  // A revoke button is only hidden fields: a bad one is a stale or forged form (400).
  if (submission.status !== 'success') return invalidReply(submission, { schema: ApiKeysAction, idFields: ['intent', 'keyId'] })
  const input = submission.value
  try {
    if (input.intent === 'create') {
      const { key, secret } = await createApiKey(actor, { name: input.name, scopes: scopesOfAccess(input.access), expiresInDays: input.expiresInDays }, requestMeta(request, context))
      // The secret is in this one response only: it is never stored and never shown again.
      return secretReply({ created: { name: key.name, secret } })
    }
    const { name } = await revokeApiKey(actor, { keyId: input.keyId }, requestMeta(request, context))
    return redirectWithToast('/settings/api-keys', { type: 'success', title: `The key "${name}" is revoked`, description: 'Requests with it are refused from now on.' })
  } catch (error) {
    // A row's refusal (the key is gone) has no field to sit beside: it comes back as a toast.
    if (input.intent === 'revoke' && isDomainError(error) && (error.code === 'invalid' || error.code === 'conflict' || error.code === 'not_found')) {
      return redirectWithToast('/settings/api-keys', { type: 'error', title: error.message })
    }
    return domainReply(submission, error, { schema: ApiKeysAction })
  }
}

const STATE_LABELS = { active: 'Active', revoked: 'Revoked', expired: 'Expired' } as const

export default function ApiKeys() {
  const { keys, orgName } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const created = result && 'created' in result ? result.created : undefined
  const [form, fields] = useForm({
    id: 'create-key',
    lastResult: navigation.state === 'idle' && result && 'status' in result ? result : undefined,
    constraint: getZodConstraint(ApiKeyFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApiKeyFormSchema }),
    defaultValue: { access: Object.fromEntries(API_RESOURCES.map((r) => [r, 'none'])), expiresInDays: '90' },
  })
  const access = fields.access.getFieldset()
  // A bad choice for one resource (access.referrals) is shown with the whole list.
  const accessErrors = [...new Set(Object.values(fields.access.allErrors ?? {}).flat())]
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">API keys</h1>
        <p className="mt-1 text-slate-600">
          Keys let {orgName}&apos;s own systems (a CRM, a PRM, a script) use the{' '}
          <a className="link" href="/docs/api">
            Partner Hub API
          </a>{' '}
          as {orgName}, with the same permissions as your team&apos;s members and only the access you choose here.
        </p>
      </header>

      {created ? (
        <section aria-labelledby="secret-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="new-key">
          <h2 id="secret-heading" className="font-semibold text-emerald-900">
            Copy the key &ldquo;{created.name}&rdquo; now
          </h2>
          <p className="mt-1 text-sm text-emerald-900">It is shown only this once: we keep only a fingerprint of it. If you lose it, revoke it and create another.</p>
          <label htmlFor="new-secret" className="sr-only">
            The new API key
          </label>
          <input id="new-secret" readOnly value={created.secret} className="input mt-3 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
        </section>
      ) : null}

      <section aria-labelledby="create-heading" className="card">
        <h2 id="create-heading" className="text-lg font-semibold">
          Create a key
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="create" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label="Name" placeholder="HubSpot sync" autoComplete="off" />
          <fieldset aria-describedby={accessErrors.length ? fields.access.errorId : undefined} aria-invalid={accessErrors.length ? true : undefined}>
            <legend className="label">Access</legend>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {API_RESOURCES.map((resource) => {
                const field = access[resource]
                const props = getSelectProps(field)
                return (
                  <div key={resource} className="flex items-center justify-between gap-3 rounded border border-slate-200 px-3 py-2">
                    <label htmlFor={field.id} className="text-sm font-medium text-slate-800">
                      {RESOURCE_LABELS[resource]}
                    </label>
                    <select {...props} key={props.key} className="input w-auto py-1">
                      <option value="none">No access</option>
                      <option value="read">Read</option>
                      <option value="write">Read and write</option>
                    </select>
                  </div>
                )
              })}
            </div>
            <ErrorList id={fields.access.errorId} errors={accessErrors} />
          </fieldset>
          <SelectField field={fields.expiresInDays as FieldMetadata<string | undefined>} label="Expires" options={EXPIRY_CHOICES} className="w-fit" />
          <button type="submit" className="btn-primary" disabled={navigation.state === 'submitting'}>
            Create key
          </button>
        </Form>
      </section>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="text-lg font-semibold">
          Keys <span className="badge ml-1">{keys.length}</span>
        </h2>
        {keys.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No keys yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table table-stack" data-testid="api-keys">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Access</th>
                  <th scope="col">State</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((k) => (
                  <tr key={k.id}>
                    <td className="font-medium text-slate-900">
                      {k.name}
                      <div className="break-all font-mono text-xs text-slate-500">ph_live_{k.id}_…</div>
                    </td>
                    <td data-label="Access" className="text-sm text-slate-700">
                      {k.scopes.join(', ')}
                    </td>
                    <td data-label="State">
                      <span className="badge">{STATE_LABELS[k.state]}</span>
                      {k.state === 'active' && k.expiresAt ? (
                        <div className="text-xs text-slate-500">
                          expires <LocalTime value={k.expiresAt} />
                        </div>
                      ) : null}
                    </td>
                    <td data-label="Last used" className="whitespace-nowrap text-sm text-slate-600">
                      {k.lastUsedAt ? (
                        <>
                          <LocalTime value={k.lastUsedAt} />
                          {k.lastUsedIp ? <div className="text-xs">from {k.lastUsedIp}</div> : null}
                        </>
                      ) : (
                        'Never'
                      )}
                    </td>
                    <td data-label="Created" className="whitespace-nowrap text-sm text-slate-600">
                      <LocalTime value={k.createdAt} />
                      {k.createdByName ? <div className="text-xs">by {k.createdByName}</div> : null}
                    </td>
                    <td className="sm:text-right">
                      {k.state === 'active' ? (
                        <Form
                          method="post"
                          onSubmit={(event) => {
                            if (!window.confirm(`Revoke the key "${k.name}"? Systems using it stop working at once.`)) event.preventDefault()
                          }}
                        >
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="keyId" value={k.id} />
                          <button type="submit" className="btn-danger px-2 py-1">
                            Revoke<span className="sr-only"> {k.name}</span>
                          </button>
                        </Form>
                      ) : null}
                    </td>
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
