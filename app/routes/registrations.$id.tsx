import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import { FormErrors, replyFor, TextareaField, TextField } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { decideRegistration, extendRegistration, getRegistration, revokeRegistration } from '#app/features/registrations/registrations.server.ts'
import { dayText, expiresIn, ExtendSchema, REPORTING_CURRENCY, RevokeSchema } from '#app/features/registrations/schemas.ts'
import { ConflictNotice, RegistrationStatusBadge } from '#app/features/registrations/ui.tsx'
import { readForm } from '#app/utils/form.server.ts'
import { orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.registration.accountName ?? 'Deal registration'} · Deal registrations · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that deal registration')
  const detail = await orThrowResponse(getRegistration(actor, id))
  return { ...detail, isVendor: actor.orgKind === 'vendor', now: new Date().toISOString() }
}

const ApproveForm = z.object({ intent: z.literal('approve'), reason: z.string().trim().max(1000, 'Keep the note under 1,000 characters.').optional() })
const RejectForm = z.object({
  intent: z.literal('reject'),
  reason: z.string({ required_error: 'Give a reason (at least 3 characters).' }).trim().min(3, 'Give a reason (at least 3 characters).').max(1000, 'Keep the reason under 1,000 characters.'),
})
const ExtendForm = ExtendSchema.extend({ intent: z.literal('extend') })
const RevokeForm = RevokeSchema.extend({ intent: z.literal('revoke') })
const RegistrationForm = z.discriminatedUnion('intent', [ApproveForm, RejectForm, ExtendForm, RevokeForm])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that deal registration')
  const submission = parseSubmission(await readForm(request), RegistrationForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: RegistrationForm })
  const value = submission.value
  const back = (title: string) => redirectWithToast(`/registrations/${id}`, { type: 'success', title })
  try {
    switch (value.intent) {
      case 'approve':
        await decideRegistration(actor, id, { decision: 'approve', reason: value.reason })
        return back('Registration approved: the partner is protected')
      case 'reject':
        await decideRegistration(actor, id, { decision: 'reject', reason: value.reason })
        return back('Registration rejected')
      case 'extend':
        await extendRegistration(actor, id, value)
        return back(`Protection extended by ${value.days} days`)
      case 'revoke':
        await revokeRegistration(actor, id, value)
        return back('Approval revoked: its opportunity is closed lost and no longer partner-sourced')
    }
  } catch (error) {
    return domainReply(submission, error, { schema: RegistrationForm })
  }
}

function useIntentForm(id: string, intent: string, schema: z.ZodTypeAny, lastResult: SubmissionResult<string[]> | undefined) {
  return useForm<Record<string, string>>({
    id,
    lastResult: replyFor(lastResult, { intent }),
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    // Once a field shows an error, it clears as it is fixed, not on leaving it: the message going
    // away on blur moved the submit button from under the pointer and the click was lost.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}

export default function RegistrationPage() {
  const { registration: r, orgName, conflict, can, isVendor, now } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [approveForm, approveFields] = useIntentForm('approve', 'approve', ApproveForm, lastResult)
  const [rejectForm, rejectFields] = useIntentForm('reject', 'reject', RejectForm, lastResult)
  const [extendForm, extendFields] = useIntentForm('extend', 'extend', ExtendForm, lastResult)
  const [revokeForm, revokeFields] = useIntentForm('revoke', 'revoke', RevokeForm, lastResult)
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link to={isVendor ? '/admin/registrations' : '/registrations'} className="link">
          ← {isVendor ? 'Registration queue' : 'Deal registrations'}
        </Link>
      </p>
      <header className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900" data-testid="registration-title">
            {r.accountName}
          </h1>
          <p className="text-slate-600">
            Registered by {orgName} · <LocalTime value={r.createdAt} />
          </p>
        </div>
        <RegistrationStatusBadge status={r.status} />
      </header>
      {isVendor ? null : <ConflictNotice notice={conflict} />}
      {isVendor && conflict ? (
        <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="vendor-conflict">
          This registration is {conflict.status === 'open' ? 'in' : 'resolved in'} the{' '}
          <Link to="/admin/conflicts" className="link">
            conflict queue
          </Link>
          : {conflict.visible.join(' ')}
        </p>
      ) : null}
      <section className="card mt-6" aria-labelledby="deal-heading">
        <h2 id="deal-heading" className="text-lg font-semibold text-slate-900">
          The deal
        </h2>
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Customer’s domain</dt>
            <dd>{r.accountDomain ?? '—'}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Value</dt>
            <dd data-testid="registration-value">
              {formatMoney(r.amount, 'cents', r.currency)} {r.currency}
              {r.currency !== REPORTING_CURRENCY ? (
                <span className="text-slate-600">
                  {' '}
                  ({formatMoney(r.amountReporting)} {REPORTING_CURRENCY} at {r.exchangeRate})
                </span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Products</dt>
            <dd>{r.products.join(', ')}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Expected close</dt>
            <dd>{dayText(r.expectedCloseAt)}</dd>
          </div>
          {r.status === 'approved' || r.status === 'expired' ? (
            <div>
              <dt className="text-slate-600">Protection ends</dt>
              <dd data-testid="protected-until">
                {dayText(r.protectedUntil)} ({expiresIn(r.protectedUntil, new Date(now))}){r.extensions ? ` · extended ${r.extensions}×` : ''}
              </dd>
            </div>
          ) : null}
          {r.decisionReason ? (
            <div className="sm:col-span-2">
              <dt className="text-slate-600">{r.status === 'rejected' ? 'Reason for rejection' : r.status === 'revoked' ? 'Why the approval was revoked' : 'Vendor’s note'}</dt>
              <dd data-testid="decision-reason">{r.decisionReason}</dd>
            </div>
          ) : null}
          {r.notes ? (
            <div className="sm:col-span-2">
              <dt className="text-slate-600">Notes</dt>
              <dd className="whitespace-pre-line">{r.notes}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      {can.decide ? (
        <section className="card mt-6" aria-labelledby="decide-heading">
          <h2 id="decide-heading" className="text-lg font-semibold text-slate-900">
            Decide
          </h2>
          <div className="mt-3 grid gap-6 sm:grid-cols-2">
            <Form method="post" {...getFormProps(approveForm)} className="space-y-3">
              <input type="hidden" name="intent" value="approve" />
              <FormErrors id={approveForm.errorId} errors={approveForm.errors} />
              <TextareaField field={approveFields.reason} label="Note to the partner (optional)" rows={2} />
              <button type="submit" className="btn-primary">
                Approve
              </button>
            </Form>
            <Form method="post" {...getFormProps(rejectForm)} className="space-y-3">
              <input type="hidden" name="intent" value="reject" />
              <FormErrors id={rejectForm.errorId} errors={rejectForm.errors} />
              <TextareaField field={rejectFields.reason} label="Reason for rejecting" rows={2} />
              <button type="submit" className="btn-secondary">
                Reject
              </button>
            </Form>
          </div>
        </section>
      ) : null}
      {can.extend ? (
        <section className="card mt-6" aria-labelledby="extend-heading">
          <h2 id="extend-heading" className="text-lg font-semibold text-slate-900">
            Extend the protection
          </h2>
          <Form method="post" {...getFormProps(extendForm)} className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="extend" />
            <FormErrors id={extendForm.errorId} errors={extendForm.errors} />
            <div className="grid gap-3 sm:grid-cols-3">
              <TextField field={extendFields.days} label="Days" type="number" />
              <TextField field={extendFields.reason} label="Reason" className="sm:col-span-2" />
            </div>
            <button type="submit" className="btn-secondary">
              Extend
            </button>
          </Form>
        </section>
      ) : null}
      {can.revoke ? (
        <section className="card mt-6" aria-labelledby="revoke-heading">
          <h2 id="revoke-heading" className="text-lg font-semibold text-slate-900">
            Revoke the approval
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            The registration is rejected after all: the partner is no longer protected, and the opportunity the approval created is closed lost and no longer counts as partner-sourced pipeline.
          </p>
          <Form method="post" {...getFormProps(revokeForm)} className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="revoke" />
            <FormErrors id={revokeForm.errorId} errors={revokeForm.errors} />
            <TextareaField field={revokeFields.reason} label="Reason (the partner sees it)" rows={2} />
            <button type="submit" className="btn-secondary">
              Revoke approval
            </button>
          </Form>
        </section>
      ) : null}
    </main>
  )
}
