import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { ErrorList, FormErrors, replyErrors, replyFor } from '#app/components/forms.tsx'
import { recentMessages, postMessage } from '#app/features/messaging/threads.server.ts'
import { Thread } from '#app/features/messaging/ui/thread.tsx'
import { acceptReferral, declineReferral, loseReferral, startReferral, winReferral } from '#app/features/referrals/lifecycle.server.ts'
import { confirmFeePaid, markFeePaid } from '#app/features/referrals/fees.server.ts'
import { endorseReferral } from '#app/features/referrals/endorsements.server.ts'
import { getProgramSettings } from '#app/features/referrals/program-settings.server.ts'
import { getReferral, inviteVendorToReferralThread } from '#app/features/referrals/queries.server.ts'
import { resolveConflict } from '#app/features/referrals/conflicts.server.ts'
import { referralExpiry } from '#app/features/referrals/expiry.ts'
import { DeclineSchema, EndorseSchema, LostSchema, MarkPaidSchema, ResolveConflictSchema, STATUS_LABELS, WonSchema } from '#app/features/referrals/schemas.ts'
import { StatusBadge } from '#app/features/referrals/ui/components.tsx'
import { LiveRefresh } from '#app/features/referrals/ui/live.tsx'
import { isDomainError } from '#app/utils/errors.ts'
import { formIdSchema, orThrowResponse, requireActor, requireParamId, toResponse } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { formatMoney } from '#app/utils/money.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.referral.accountName ?? 'Referral'} · Referrals · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that referral')
  const detail = await orThrowResponse(getReferral(actor, id))
  const thread = detail.thread ? await orThrowResponse(recentMessages(actor, detail.thread.id, 100)) : null
  const expiry = referralExpiry(detail.referral.status, detail.referral.createdAt, (await getProgramSettings()).expireAfterHours)
  return data({ ...detail, expiry, messages: thread?.messages ?? [], lastSeq: thread?.lastSeq ?? 0, meId: actor.userId })
}

const FeeId = formIdSchema('fee')

/**
 * What each form on the page checks before it is sent (in the browser, and again here). The won
 * amount is read by the domain (money is parsed once, from what was typed), so the server passes
 * it on as text and the domain's refusal comes back beside the field.
 */
const FORM_SCHEMAS = {
  accept: z.object({ acceptTerms: z.string().max(10).optional() }),
  decline: DeclineSchema,
  start: z.object({}),
  win: WonSchema,
  lose: LostSchema,
  markPaid: MarkPaidSchema,
  confirmPaid: z.object({}),
  endorse: EndorseSchema,
  inviteVendor: z.object({}),
  resolveConflict: ResolveConflictSchema,
} satisfies Record<string, z.ZodTypeAny>
type Intent = keyof typeof FORM_SCHEMAS | 'message'

/** Every form of the page, told apart by its intent. */
const ReferralAction = z.discriminatedUnion('intent', [
  FORM_SCHEMAS.accept.extend({ intent: z.literal('accept') }),
  DeclineSchema.extend({ intent: z.literal('decline') }),
  z.object({ intent: z.literal('start') }),
  z.object({ intent: z.literal('win'), wonAmount: z.string().max(100).optional() }),
  LostSchema.extend({ intent: z.literal('lose') }),
  MarkPaidSchema.extend({ intent: z.literal('markPaid'), feeId: FeeId }),
  z.object({ intent: z.literal('confirmPaid'), feeId: FeeId }),
  EndorseSchema.extend({ intent: z.literal('endorse') }),
  z.object({ intent: z.literal('inviteVendor') }),
  ResolveConflictSchema.extend({ intent: z.literal('resolveConflict') }),
  // The conversation's form without JavaScript; the thread checks the message itself.
  z.object({ intent: z.literal('message'), body: z.string().optional() }),
])

const DONE: Record<Exclude<Intent, 'message'>, string> = {
  accept: 'Referral accepted',
  decline: 'Referral declined',
  start: 'Marked in progress',
  win: 'Marked won: the fee is in both ledgers',
  lose: 'Marked lost',
  markPaid: 'Fee marked paid',
  confirmPaid: 'Payment confirmed',
  endorse: 'Thank you for the endorsement',
  inviteVendor: "The vendor's team was invited to the conversation",
  resolveConflict: 'Conflict resolved',
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that referral')
  const submission = parseSubmission(await readForm(request), ReferralAction)
  // An unknown intent or a missing fee id is a stale or forged form (400).
  if (submission.status !== 'success') return invalidReply(submission, { schema: ReferralAction, idFields: ['intent', 'feeId'] })
  const input = submission.value
  const here = `/referrals/${id}`
  try {
    switch (input.intent) {
      case 'accept':
        await acceptReferral(actor, id, { acceptTerms: input.acceptTerms })
        break
      case 'decline':
        await declineReferral(actor, id, { reason: input.reason })
        break
      case 'start':
        await startReferral(actor, id)
        break
      case 'win':
        await winReferral(actor, id, { wonAmount: input.wonAmount })
        break
      case 'lose':
        await loseReferral(actor, id, { reason: input.reason })
        break
      case 'markPaid':
        await markFeePaid(actor, input.feeId, { reference: input.reference })
        break
      case 'confirmPaid':
        await confirmFeePaid(actor, input.feeId)
        break
      case 'endorse':
        await endorseReferral(actor, id, { rating: input.rating, comment: input.comment })
        break
      case 'inviteVendor':
        await inviteVendorToReferralThread(actor, id)
        break
      case 'resolveConflict':
        await resolveConflict(actor, id, { note: input.note })
        break
      case 'message': {
        const detail = await getReferral(actor, id)
        if (!detail.thread) throw toResponse(new Response('This referral has no conversation you can join.', { status: 404 }))
        await postMessage(actor, { threadId: detail.thread.id, body: input.body ?? '', clientId: null })
        return redirect(`${here}#thread-heading`)
      }
    }
    return redirectWithToast(here, { type: 'success', title: DONE[input.intent] })
  } catch (error) {
    // A step this person may no longer take (the page was stale): the page again, with why.
    if (isDomainError(error) && error.code === 'forbidden') return redirectWithToast(here, { type: 'error', title: error.message })
    return domainReply(submission, error, { schema: ReferralAction })
  }
}

type Reply = SubmissionResult<string[]> | undefined
type Fields = Record<string, FieldMetadata<string | undefined>>

/**
 * One of the page's small forms: its intent, its own Conform state (the reply it sent comes back
 * to it alone), the form's message at the top and each field's beside it.
 */
function IntentForm({
  intent,
  result,
  hidden = {},
  className,
  submit,
  children,
}: {
  intent: Exclude<Intent, 'message'>
  result: Reply
  hidden?: Record<string, string>
  className?: string
  /** The button: its text and class. */
  submit: [label: string, className: string]
  children?: (fields: Fields) => ReactNode
}) {
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const schema = FORM_SCHEMAS[intent]
  const [form, fields] = useForm({
    id: `referral-${intent}`,
    lastResult: navigation.state === 'idle' ? replyFor(result, { intent }) : undefined,
    constraint: getZodConstraint(schema),
    // Checked on submit, then again as the person types: a message that vanished on blur would
    // move the button away from under the pointer mid-click.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className={className} data-testid={`form-${intent}`}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrors id={form.errorId} errors={form.errors} />
      {children?.(fields as unknown as Fields)}
      <button className={submit[1]} disabled={busy}>
        {submit[0]}
      </button>
    </Form>
  )
}

/** A labelled text input with its errors beside it. */
function FieldInput({ field, label, testId, ...rest }: { field: FieldMetadata<string | undefined>; label: ReactNode; testId?: string; inputMode?: 'decimal'; placeholder?: string }) {
  const props = getInputProps(field, { type: 'text' })
  return (
    <div>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <input {...props} key={props.key} className="input" {...rest} />
      <div data-testid={testId}>
        <ErrorList id={field.errorId} errors={field.errors} />
      </div>
    </div>
  )
}

export default function ReferralDetail() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  // The conversation's form and the invite button have no field: their refusal is shown at the top.
  const pageErrors = [...replyErrors(replyFor(result, { intent: 'message' })), ...replyErrors(replyFor(result, { intent: 'inviteVendor' }))]
  const busy = useNavigation().state !== 'idle'
  const r = d.referral
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <LiveRefresh types={['referral.', 'fee.', 'endorsement.']} subjectId={r.id} />
      <p className="text-sm">
        <Link to="/referrals" className="link">
          ← Referrals
        </Link>
      </p>
      <header className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight" data-testid="referral-title">
            {r.accountName}
          </h1>
          <p className="text-slate-600">
            {r.accountDomain} · from{' '}
            <Link to={`/partners/${d.fromSlug}`} className="link">
              {d.fromName}
            </Link>{' '}
            to{' '}
            <Link to={`/partners/${d.toSlug}`} className="link">
              {d.toName}
            </Link>
          </p>
        </div>
        <div className="text-right">
          <StatusBadge status={r.status} />
          {d.expiry ? (
            <p className="mt-1 text-sm text-amber-800" data-testid="referral-expiry">
              <time dateTime={d.expiry.expiresAt} title={`${d.expiry.expiresAt.slice(0, 16).replace('T', ' ')} UTC`}>
                {d.expiry.label}
              </time>{' '}
              unless {d.toName} answers
            </p>
          ) : null}
        </div>
      </header>
      {pageErrors.length ? (
        <div className="mt-4">
          <FormErrors errors={pageErrors} />
        </div>
      ) : null}
      {d.conflictReview ? (
        <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900" data-testid="conflict-notice" role="status">
          {d.conflictReview}
        </p>
      ) : null}
      {d.review ? (
        <p className="mt-4 text-sm text-slate-600" data-testid="vendor-review">
          {d.review}
        </p>
      ) : null}
      {r.conflictStatus === 'flagged' ? (
        <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status">
          <p className="font-medium">Possible conflict, waiting for the vendor's review:</p>
          <ul className="mt-1 list-disc pl-5">
            {r.conflicts.map((c) => (
              <li key={c.kind}>{c.explanation}</li>
            ))}
          </ul>
          {d.can.resolveConflict ? (
            <IntentForm intent="resolveConflict" result={result} className="mt-3 flex flex-wrap items-start gap-2" submit={['Resolve', 'btn-secondary sm:mt-6']}>
              {(fields) => (
                <>
                  <div className="min-w-[16rem] flex-1">
                    <FieldInput field={fields.note!} label="How it was resolved" testId="error-resolveConflict" />
                  </div>
                </>
              )}
            </IntentForm>
          ) : null}
        </div>
      ) : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <section className="card" aria-labelledby="details">
            <h2 id="details" className="text-lg font-semibold">
              Details
            </h2>
            <dl className="mt-3 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
              <dt className="text-slate-600">Need</dt>
              <dd className="whitespace-pre-wrap sm:col-span-2">{r.need}</dd>
              <dt className="text-slate-600">Contact</dt>
              <dd className="sm:col-span-2">
                {r.contactName ?? '—'}
                {r.contactEmail ? ` · ${r.contactEmail}` : ''}
              </dd>
              <dt className="text-slate-600">Estimated value</dt>
              <dd className="sm:col-span-2">{formatMoney(r.estimatedValue)}</dd>
              {r.wonAmount != null ? (
                <>
                  <dt className="text-slate-600">Won amount</dt>
                  <dd className="sm:col-span-2" data-testid="won-amount">
                    {formatMoney(r.wonAmount)}
                  </dd>
                </>
              ) : null}
              {r.declineReason ? (
                <>
                  <dt className="text-slate-600">Declined because</dt>
                  <dd className="sm:col-span-2">{r.declineReason}</dd>
                </>
              ) : null}
              {r.lostReason ? (
                <>
                  <dt className="text-slate-600">Lost because</dt>
                  <dd className="sm:col-span-2">{r.lostReason}</dd>
                </>
              ) : null}
              <dt className="text-slate-600">Sent by</dt>
              <dd className="sm:col-span-2">
                {d.createdByName ?? '—'} on {new Date(r.createdAt).toISOString().slice(0, 10)}
              </dd>
            </dl>
          </section>

          {d.thread ? (
            <Thread threadId={d.thread.id} initial={d.messages} lastSeq={d.lastSeq} meId={d.meId} />
          ) : (
            <section className="card text-sm text-slate-600">The conversation is between the two partners; they can invite the vendor's team.</section>
          )}

          <section className="card" aria-labelledby="timeline">
            <h2 id="timeline" className="text-lg font-semibold">
              Timeline
            </h2>
            <ol className="mt-3 space-y-3 border-l border-slate-200 pl-4 text-sm" data-testid="timeline">
              {d.timeline.map((t) => (
                <li key={t.id}>
                  <time className="block text-xs text-slate-500" dateTime={t.createdAt as unknown as string}>
                    {new Date(t.createdAt).toISOString().replace('T', ' ').slice(0, 16)} UTC
                  </time>
                  {t.toStatus ? <span className="badge mr-1">{STATUS_LABELS[t.toStatus]}</span> : null}
                  {t.summary}
                </li>
              ))}
            </ol>
          </section>
        </div>

        <aside className="space-y-6">
          <section className="card" aria-labelledby="fee" data-testid="fee-panel">
            <h2 id="fee" className="text-lg font-semibold">
              Referral fee
            </h2>
            <p className="mt-2 text-sm" data-testid="fee-terms">
              {d.terms}
            </p>
            <p className="mt-1 text-xs text-slate-500">
              {r.termsAcceptedAt
                ? `Accepted by ${d.toName} on ${new Date(r.termsAcceptedAt).toISOString().slice(0, 10)}.`
                : r.status === 'submitted'
                  ? 'Proposed; accepted together with the referral.'
                  : 'Not accepted.'}
            </p>
            {d.fee ? (
              <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm">
                <p className="text-xl font-semibold tabular-nums" data-testid="fee-amount">
                  {formatMoney(d.fee.amount)}
                </p>
                <p className="text-xs text-slate-600">{d.fee.basis}</p>
                <p className="mt-1">
                  {d.side === 'receiver' ? `You owe ${d.fromName}` : d.side === 'sender' ? `${d.toName} owes you` : `${d.toName} owes ${d.fromName}`} ·{' '}
                  <span className="badge" data-testid="fee-status">
                    {d.fee.status}
                  </span>
                </p>
                {d.can.markPaid ? (
                  <IntentForm intent="markPaid" result={result} hidden={{ feeId: d.fee.id }} className="mt-3 space-y-2" submit={['Mark paid', 'btn-primary w-full']}>
                    {(fields) => <FieldInput field={fields.reference!} label="Payment reference (optional)" testId="error-markPaid" />}
                  </IntentForm>
                ) : null}
                {d.can.confirmPaid ? (
                  <IntentForm intent="confirmPaid" result={result} hidden={{ feeId: d.fee.id }} className="mt-3 space-y-2" submit={['Confirm payment received', 'btn-primary w-full']} />
                ) : null}
              </div>
            ) : null}
          </section>

          {d.can.accept || d.can.start || d.can.close ? (
            <section className="card space-y-4" aria-labelledby="actions">
              <h2 id="actions" className="text-lg font-semibold">
                Next step
              </h2>
              {d.can.accept ? (
                <IntentForm intent="accept" result={result} className="space-y-2" submit={['Accept referral', 'btn-primary w-full']}>
                  {(fields) => (
                    <>
                      {r.feeType !== 'none' ? (
                        <div>
                          <label className="flex items-start gap-2 text-sm">
                            <input {...getInputProps(fields.acceptTerms!, { type: 'checkbox', value: 'on' })} key={fields.acceptTerms!.key} className="mt-1" required /> I accept the fee terms:{' '}
                            {d.terms}
                          </label>
                          <ErrorList id={fields.acceptTerms!.errorId} errors={fields.acceptTerms!.errors} />
                        </div>
                      ) : null}
                    </>
                  )}
                </IntentForm>
              ) : null}
              {d.can.decline ? (
                <IntentForm intent="decline" result={result} className="space-y-2" submit={['Decline', 'btn-danger w-full']}>
                  {(fields) => <FieldInput field={fields.reason!} label="Reason for declining" testId="error-decline" />}
                </IntentForm>
              ) : null}
              {d.can.start ? <IntentForm intent="start" result={result} className="space-y-2" submit={['Start working on it', 'btn-primary w-full']} /> : null}
              {d.can.close ? (
                <>
                  <IntentForm intent="win" result={result} className="space-y-2" submit={['Mark won', 'btn-primary w-full']}>
                    {(fields) => <FieldInput field={fields.wonAmount!} label="Won amount (USD)" inputMode="decimal" placeholder="48,000" testId="error-win" />}
                  </IntentForm>
                  <IntentForm intent="lose" result={result} className="space-y-2" submit={['Mark lost', 'btn-secondary w-full']}>
                    {(fields) => <FieldInput field={fields.reason!} label="Why it was lost" testId="error-lose" />}
                  </IntentForm>
                </>
              ) : null}
            </section>
          ) : null}

          {d.can.inviteVendor ? (
            <Form method="post" className="card">
              <input type="hidden" name="intent" value="inviteVendor" />
              <p className="text-sm text-slate-600">Need help from the vendor's partner team?</p>
              <button className="btn-secondary mt-2 w-full" disabled={busy}>
                Invite the vendor's team to the conversation
              </button>
            </Form>
          ) : null}

          {r.status === 'won' ? (
            <section className="card" aria-labelledby="endorse">
              <h2 id="endorse" className="text-lg font-semibold">
                Endorsements
              </h2>
              <ul className="mt-2 space-y-1 text-sm">
                {d.endorsements.length === 0 ? <li className="text-slate-500">None yet.</li> : null}
                {d.endorsements.map((e) => (
                  <li key={e.id}>
                    {e.fromOrgId === r.fromOrgId ? d.fromName : d.toName}: {'★'.repeat(e.rating)}
                    {e.comment ? ` — ${e.comment}` : ''}
                  </li>
                ))}
              </ul>
              {d.can.endorse ? (
                <IntentForm intent="endorse" result={result} className="mt-3 space-y-2" submit={['Endorse', 'btn-primary w-full']}>
                  {(fields) => (
                    <>
                      <fieldset aria-describedby={fields.rating!.errors ? fields.rating!.errorId : undefined} aria-invalid={fields.rating!.errors ? true : undefined}>
                        <legend className="label">Rate {d.side === 'sender' ? d.toName : d.fromName}</legend>
                        <div className="flex gap-3">
                          {[1, 2, 3, 4, 5].map((n) => (
                            <label key={n} className="flex items-center gap-1 text-sm">
                              <input type="radio" name={fields.rating!.name} form={fields.rating!.formId} value={n} defaultChecked={fields.rating!.initialValue === String(n)} required /> {n}
                            </label>
                          ))}
                        </div>
                        <ErrorList id={fields.rating!.errorId} errors={fields.rating!.errors} />
                      </fieldset>
                      <label htmlFor={fields.comment!.id} className="label">
                        Comment (optional)
                      </label>
                      <textarea {...getTextareaProps(fields.comment!)} key={fields.comment!.key} className="input" rows={2} />
                      <ErrorList id={fields.comment!.errorId} errors={fields.comment!.errors} />
                    </>
                  )}
                </IntentForm>
              ) : null}
            </section>
          ) : null}
        </aside>
      </div>
    </main>
  )
}
