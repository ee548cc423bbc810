import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { assertMappingPartner, requestConnection } from '../features/accounts/connections.server.ts'
import { actionError, formObject, type ActionResult } from '../features/accounts/http.server.ts'
import { SharingFields } from '../features/accounts/sharing-fields.tsx'
import { Alert, FieldErrors, MappingTabs } from '../features/accounts/ui.tsx'
import { assertOrgAdmin } from '../features/auth/actor.ts'
import { guard, requireActor } from '../utils/guards.server.ts'
import { redirectWithToast } from '../utils/toast.server.ts'
import { readForm } from '../utils/form.server.ts'
import { useFocusFirstError } from '../components/forms.tsx'

export const meta: MetaFunction = () => [{ title: 'Request a connection · Partner Hub' }]

/** GET /connections/request?partner=<slug> — the partner page's "Request connection" button lands here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  if (actor.orgKind === 'vendor') throw redirect('/cosell')
  guard(() => assertMappingPartner(actor))
  guard(() => assertOrgAdmin(actor, 'Only an admin of your organization can connect it with a partner.'))
  const partner = z.string().trim().max(200).catch('').parse(new URL(request.url).searchParams.get('partner') ?? '')
  return { partner }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  try {
    const conn = await requestConnection(actor, formObject(await readForm(request)))
    return redirectWithToast('/connections', { type: 'success', title: `Connection requested`, description: `${conn.partner.name} will be asked to accept.` })
  } catch (error) {
    return actionError(error, 'request')
  }
}

export default function RequestConnection() {
  const { partner } = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  useFocusFirstError(result?.error ? result : null)
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <MappingTabs current="connections" isPartner />
      <h1 className="text-2xl font-bold text-slate-900">Request a connection</h1>
      {result?.error ? <div className="mt-4"><Alert>{result.error}</Alert></div> : null}
      <Form method="post" className="card mt-6 space-y-5">
        <div>
          <label htmlFor="partner" className="label">Partner (its marketplace address, e.g. bluepeak-cloud)</label>
          <input id="partner" name="partner" defaultValue={partner} required className="input" aria-describedby="partner-error" />
          <FieldErrors id="partner-error" errors={result?.fieldErrors?.partner} />
        </div>
        <div>
          <label htmlFor="message" className="label">Message (optional)</label>
          <textarea id="message" name="message" rows={3} maxLength={1000} className="input" />
          <FieldErrors errors={result?.fieldErrors?.message} />
        </div>
        <SharingFields />
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">Send request</button>
          <Link to="/connections" className="btn-secondary">Cancel</Link>
        </div>
      </Form>
    </main>
  )
}
