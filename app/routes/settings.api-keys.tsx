import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { LocalTime } from '#app/components/local-time.tsx'
import { createApiKey, listApiKeys, revokeApiKey } from '#app/features/api/keys.server.ts'
import { API_RESOURCES, RESOURCE_LABELS, type ApiScope } from '#app/features/api/scopes.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { readForm } from '#app/utils/form.server.ts'
import { orThrowResponse, requireActor, toResponse } from '#app/utils/guards.server.ts'
import { requestMeta } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'API keys · Partner Hub' }]

const Intent = z.enum(['create', 'revoke'])
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

type ActionData = { created: { name: string; secret: string } } | { error: string; fieldErrors?: Record<string, string[]> }

/** The form has one "access" choice per resource (none, read, write); the key's scopes follow from it. */
function scopesOf(form: FormData): ApiScope[] {
  return API_RESOURCES.flatMap((resource) => {
    const access = form.get(`access.${resource}`)
    return access === 'read' || access === 'write' ? [`${resource}:${access}` as ApiScope] : []
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const form = await readForm(request)
  const intent = Intent.safeParse(form.get('intent'))
  if (!intent.success) throw new Response('Unknown action. Reload the page and try again.', { status: 400 })
  try {
    if (intent.data === 'create') {
      const { key, secret } = await createApiKey(actor, { name: form.get('name'), scopes: scopesOf(form), expiresInDays: form.get('expiresInDays') }, requestMeta(request, context))
      // The secret is in this one response only: it is never stored and never shown again.
      return data<ActionData>({ created: { name: key.name, secret } }, { headers: { 'Cache-Control': 'no-store' } })
    }
    const { name } = await revokeApiKey(actor, { keyId: form.get('keyId') }, requestMeta(request, context))
    return redirectWithToast('/settings/api-keys', { type: 'success', title: `The key "${name}" is revoked`, description: 'Requests with it are refused from now on.' })
  } catch (error) {
    if (isDomainError(error) && (error.code === 'invalid' || error.code === 'conflict' || error.code === 'not_found')) {
      return data<ActionData>({ error: error.message, fieldErrors: error.fieldErrors }, { status: error.status })
    }
    throw toResponse(error)
  }
}

const STATE_LABELS = { active: 'Active', revoked: 'Revoked', expired: 'Expired' } as const

export default function ApiKeys() {
  const { keys, orgName } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fieldErrors = result && 'fieldErrors' in result ? (result.fieldErrors ?? {}) : {}
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

      {result && 'created' in result ? (
        <section aria-labelledby="secret-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="new-key">
          <h2 id="secret-heading" className="font-semibold text-emerald-900">
            Copy the key &ldquo;{result.created.name}&rdquo; now
          </h2>
          <p className="mt-1 text-sm text-emerald-900">It is shown only this once: we keep only a fingerprint of it. If you lose it, revoke it and create another.</p>
          <label htmlFor="new-secret" className="sr-only">
            The new API key
          </label>
          <input id="new-secret" readOnly value={result.created.secret} className="input mt-3 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
        </section>
      ) : null}

      <section aria-labelledby="create-heading" className="card">
        <h2 id="create-heading" className="text-lg font-semibold">
          Create a key
        </h2>
        <Form method="post" className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="create" />
          {result && 'error' in result ? (
            <p role="alert" className="text-sm text-red-700">
              {result.error}
            </p>
          ) : null}
          <div>
            <label htmlFor="key-name" className="label">
              Name
            </label>
            <input id="key-name" name="name" required minLength={2} maxLength={80} className="input" placeholder="HubSpot sync" aria-describedby={fieldErrors.name ? 'key-name-error' : undefined} />
            {fieldErrors.name ? (
              <p id="key-name-error" className="mt-1 text-sm text-red-700">
                {fieldErrors.name[0]}
              </p>
            ) : null}
          </div>
          <fieldset>
            <legend className="label">Access</legend>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {API_RESOURCES.map((resource) => (
                <div key={resource} className="flex items-center justify-between gap-3 rounded border border-slate-200 px-3 py-2">
                  <label htmlFor={`access-${resource}`} className="text-sm font-medium text-slate-800">
                    {RESOURCE_LABELS[resource]}
                  </label>
                  <select id={`access-${resource}`} name={`access.${resource}`} defaultValue="none" className="input w-auto py-1">
                    <option value="none">No access</option>
                    <option value="read">Read</option>
                    <option value="write">Read and write</option>
                  </select>
                </div>
              ))}
            </div>
            {fieldErrors.scopes ? <p className="mt-1 text-sm text-red-700">{fieldErrors.scopes[0]}</p> : null}
          </fieldset>
          <div>
            <label htmlFor="key-expiry" className="label">
              Expires
            </label>
            <select id="key-expiry" name="expiresInDays" defaultValue="90" className="input w-auto">
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>
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
            <table className="table" data-testid="api-keys">
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
                      <div className="font-mono text-xs text-slate-500">ph_live_{k.id}_…</div>
                    </td>
                    <td className="text-sm text-slate-700">{k.scopes.join(', ')}</td>
                    <td>
                      <span className="badge">{STATE_LABELS[k.state]}</span>
                      {k.state === 'active' && k.expiresAt ? (
                        <div className="text-xs text-slate-500">
                          expires <LocalTime value={k.expiresAt} />
                        </div>
                      ) : null}
                    </td>
                    <td className="whitespace-nowrap text-sm text-slate-600">
                      {k.lastUsedAt ? (
                        <>
                          <LocalTime value={k.lastUsedAt} />
                          {k.lastUsedIp ? <div className="text-xs">from {k.lastUsedIp}</div> : null}
                        </>
                      ) : (
                        'Never'
                      )}
                    </td>
                    <td className="whitespace-nowrap text-sm text-slate-600">
                      <LocalTime value={k.createdAt} />
                      {k.createdByName ? <div className="text-xs">by {k.createdByName}</div> : null}
                    </td>
                    <td className="text-right">
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
