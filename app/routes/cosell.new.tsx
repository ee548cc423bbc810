import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { actionError, formObject, type ActionResult } from '../features/accounts/http.server.ts'
import { Alert, FieldErrors, MappingTabs } from '../features/accounts/ui.tsx'
import { openCosell } from '../features/cosell/cosell.server.ts'
import { OPEN_STAGES, PARTICIPANT_ROLES, ROLE_LABELS, STAGE_LABELS } from '../features/cosell/schemas.ts'
import { requireActor } from '../utils/guards.server.ts'
import { CosellPrefillSchema, prefillFrom } from '../utils/start-links.ts'
import { redirectWithToast } from '../utils/toast.server.ts'
import { readForm } from '../utils/form.server.ts'
import { useFocusFirstError } from '../components/forms.tsx'

export const meta: MetaFunction = () => [{ title: 'Open a co-sell opportunity · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  return { prefill: prefillFrom(CosellPrefillSchema, request.url), isVendor: actor.orgKind === 'vendor' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const form = formObject(await readForm(request))
  const invite = (form.invite ?? {}) as Record<string, string>
  const input = { ...form, invites: invite.partner ? [{ partner: invite.partner, role: invite.role, message: invite.message }] : [] }
  try {
    const opp = await openCosell(actor, input)
    return redirectWithToast(`/cosell/${opp.id}`, { type: 'success', title: 'Co-sell opportunity opened', description: invite.partner ? 'The partner has been invited.' : undefined })
  } catch (error) {
    return actionError(error, 'open')
  }
}

export default function NewCosell() {
  const { prefill, isVendor } = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  useFocusFirstError(result?.error ? result : null)
  const fe = result?.fieldErrors ?? {}
  const inviteErrors = Object.entries(fe).filter(([k]) => k.startsWith('invites') || k === 'partner').flatMap(([, v]) => v)
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <MappingTabs current="cosell" isPartner={!isVendor} />
      <h1 className="text-2xl font-bold text-slate-900">Open a co-sell opportunity</h1>
      {result?.error ? <div className="mt-4"><Alert>{result.error}</Alert></div> : null}
      <Form method="post" className="card mt-6 space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="accountName" className="label">Account</label>
            <input id="accountName" name="accountName" defaultValue={prefill.accountName} required maxLength={200} className="input" aria-describedby="accountName-error" />
            <FieldErrors id="accountName-error" errors={fe.accountName} />
          </div>
          <div>
            <label htmlFor="accountDomain" className="label">Web domain (optional)</label>
            <input id="accountDomain" name="accountDomain" defaultValue={prefill.accountDomain} className="input" placeholder="example.com" />
            <FieldErrors errors={fe.accountDomain} />
          </div>
          <div>
            <label htmlFor="amount" className="label">Amount, USD</label>
            <input id="amount" name="amount" inputMode="decimal" className="input" placeholder="50000" />
            <FieldErrors errors={fe.amount} />
          </div>
          <div>
            <label htmlFor="stage" className="label">Stage</label>
            <select id="stage" name="stage" defaultValue="prospect" className="input">
              {OPEN_STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
            </select>
            <FieldErrors errors={fe.stage} />
          </div>
          <div>
            <label htmlFor="expectedCloseAt" className="label">Expected close</label>
            <input id="expectedCloseAt" name="expectedCloseAt" type="date" className="input" />
            <FieldErrors errors={fe.expectedCloseAt} />
          </div>
        </div>
        <div>
          <label htmlFor="nextSteps" className="label">Next steps (optional)</label>
          <textarea id="nextSteps" name="nextSteps" rows={2} className="input" />
        </div>
        <fieldset className="rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-700">Invite a partner (optional — you can invite more later)</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="invite-partner" className="label">Partner (marketplace address)</label>
              <input id="invite-partner" name="invite.partner" defaultValue={prefill.invite} className="input" placeholder="bluepeak-cloud" />
            </div>
            <div>
              <label htmlFor="invite-role" className="label">Role</label>
              <select id="invite-role" name="invite.role" defaultValue="implementation" className="input">
                {PARTICIPANT_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
              </select>
            </div>
          </div>
          <div className="mt-3">
            <label htmlFor="invite-message" className="label">Message</label>
            <textarea id="invite-message" name="invite.message" rows={2} maxLength={2000} className="input" defaultValue={prefill.message} />
          </div>
          <FieldErrors errors={inviteErrors} />
        </fieldset>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">Open opportunity</button>
          <Link to="/cosell" className="btn-secondary">Cancel</Link>
        </div>
      </Form>
    </main>
  )
}
