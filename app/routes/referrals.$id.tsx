import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { recentMessages, postMessage } from '#app/features/messaging/threads.server.ts'
import { Thread } from '#app/features/messaging/ui/thread.tsx'
import { acceptReferral, declineReferral, loseReferral, startReferral, winReferral } from '#app/features/referrals/lifecycle.server.ts'
import { confirmFeePaid, markFeePaid } from '#app/features/referrals/fees.server.ts'
import { endorseReferral } from '#app/features/referrals/endorsements.server.ts'
import { getProgramSettings } from '#app/features/referrals/program-settings.server.ts'
import { getReferral, inviteVendorToReferralThread } from '#app/features/referrals/queries.server.ts'
import { resolveConflict } from '#app/features/referrals/conflicts.server.ts'
import { referralExpiry } from '#app/features/referrals/expiry.ts'
import { STATUS_LABELS } from '#app/features/referrals/schemas.ts'
import { StatusBadge } from '#app/features/referrals/ui/components.tsx'
import { LiveRefresh } from '#app/features/referrals/ui/live.tsx'
import { errorHeaders, isDomainError } from '#app/utils/errors.ts'
import { orThrowResponse, requireActor, requireFormId, requireParamId, toResponse } from '#app/utils/guards.server.ts'
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

const INTENTS = ['accept', 'decline', 'start', 'win', 'lose', 'markPaid', 'confirmPaid', 'endorse', 'inviteVendor', 'resolveConflict', 'message'] as const
const DONE: Record<(typeof INTENTS)[number], string> = {
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
  message: 'Message sent',
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that referral')
  const form = await readForm(request)
  const parsed = z.enum(INTENTS).safeParse(form.get('intent'))
  if (!parsed.success) return data({ intent: 'unknown', error: 'Unknown action. Reload the page and try again.', fieldErrors: {} as Record<string, string[]> }, { status: 400 })
  const intent = parsed.data
  const f = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  try {
    switch (intent) {
      case 'accept':
        await acceptReferral(actor, id, { acceptTerms: f.acceptTerms })
        break
      case 'decline':
        await declineReferral(actor, id, { reason: f.reason })
        break
      case 'start':
        await startReferral(actor, id)
        break
      case 'win':
        await winReferral(actor, id, { wonAmount: f.wonAmount })
        break
      case 'lose':
        await loseReferral(actor, id, { reason: f.reason })
        break
      case 'markPaid':
        await markFeePaid(actor, requireFormId(f.feeId, 'fee'), { reference: f.reference })
        break
      case 'confirmPaid':
        await confirmFeePaid(actor, requireFormId(f.feeId, 'fee'))
        break
      case 'endorse':
        await endorseReferral(actor, id, { rating: f.rating, comment: f.comment })
        break
      case 'inviteVendor':
        await inviteVendorToReferralThread(actor, id)
        break
      case 'resolveConflict':
        await resolveConflict(actor, id, { note: f.note })
        break
      case 'message': {
        const detail = await getReferral(actor, id)
        if (!detail.thread) throw toResponse(new Response('This referral has no conversation you can join.', { status: 404 }))
        await postMessage(actor, { threadId: detail.thread.id, body: f.body ?? '', clientId: null })
        return redirect(`/referrals/${id}#thread-heading`)
      }
    }
    return redirectWithToast(`/referrals/${id}`, { type: 'success', title: DONE[intent] })
  } catch (error) {
    if (isDomainError(error) && ['invalid', 'conflict', 'rate_limited', 'forbidden'].includes(error.code)) {
      return data({ intent, error: error.message, fieldErrors: error.fieldErrors ?? {} }, { status: error.status, headers: errorHeaders(error) })
    }
    throw toResponse(error)
  }
}

function ErrorFor({ intent, result }: { intent: string; result: { intent: string; error: string } | undefined }) {
  if (!result || result.intent !== intent) return null
  return (
    <p role="alert" className="field-error" data-testid={`error-${intent}`}>
      {result.error}
    </p>
  )
}

export default function ReferralDetail() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
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
      {result && !['accept', 'decline', 'start', 'win', 'lose', 'markPaid', 'confirmPaid', 'endorse', 'resolveConflict'].includes(result.intent) ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {result.error}
        </p>
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
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="resolveConflict" />
              <div className="min-w-[16rem] flex-1">
                <label htmlFor="note" className="label">
                  How it was resolved
                </label>
                <input id="note" name="note" className="input" required minLength={3} maxLength={1000} />
              </div>
              <button className="btn-secondary" disabled={busy}>
                Resolve
              </button>
              <ErrorFor intent="resolveConflict" result={result} />
            </Form>
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
                  <Form method="post" className="mt-3 space-y-2">
                    <input type="hidden" name="intent" value="markPaid" />
                    <input type="hidden" name="feeId" value={d.fee.id} />
                    <label htmlFor="reference" className="label">
                      Payment reference (optional)
                    </label>
                    <input id="reference" name="reference" className="input" maxLength={200} />
                    <button className="btn-primary w-full" disabled={busy}>
                      Mark paid
                    </button>
                    <ErrorFor intent="markPaid" result={result} />
                  </Form>
                ) : null}
                {d.can.confirmPaid ? (
                  <Form method="post" className="mt-3">
                    <input type="hidden" name="intent" value="confirmPaid" />
                    <input type="hidden" name="feeId" value={d.fee.id} />
                    <button className="btn-primary w-full" disabled={busy}>
                      Confirm payment received
                    </button>
                    <ErrorFor intent="confirmPaid" result={result} />
                  </Form>
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
                <Form method="post" className="space-y-2">
                  <input type="hidden" name="intent" value="accept" />
                  {r.feeType !== 'none' ? (
                    <label className="flex items-start gap-2 text-sm">
                      <input type="checkbox" name="acceptTerms" className="mt-1" required /> I accept the fee terms: {d.terms}
                    </label>
                  ) : null}
                  <button className="btn-primary w-full" disabled={busy}>
                    Accept referral
                  </button>
                  <ErrorFor intent="accept" result={result} />
                </Form>
              ) : null}
              {d.can.decline ? (
                <Form method="post" className="space-y-2">
                  <input type="hidden" name="intent" value="decline" />
                  <label htmlFor="decline-reason" className="label">
                    Reason for declining
                  </label>
                  <input id="decline-reason" name="reason" className="input" required minLength={3} maxLength={1000} />
                  <button className="btn-danger w-full" disabled={busy}>
                    Decline
                  </button>
                  <ErrorFor intent="decline" result={result} />
                </Form>
              ) : null}
              {d.can.start ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="start" />
                  <button className="btn-primary w-full" disabled={busy}>
                    Start working on it
                  </button>
                  <ErrorFor intent="start" result={result} />
                </Form>
              ) : null}
              {d.can.close ? (
                <>
                  <Form method="post" className="space-y-2">
                    <input type="hidden" name="intent" value="win" />
                    <label htmlFor="wonAmount" className="label">
                      Won amount (USD)
                    </label>
                    <input id="wonAmount" name="wonAmount" inputMode="decimal" className="input" required placeholder="48,000" />
                    <button className="btn-primary w-full" disabled={busy}>
                      Mark won
                    </button>
                    <ErrorFor intent="win" result={result} />
                  </Form>
                  <Form method="post" className="space-y-2">
                    <input type="hidden" name="intent" value="lose" />
                    <label htmlFor="lost-reason" className="label">
                      Why it was lost
                    </label>
                    <input id="lost-reason" name="reason" className="input" required minLength={3} maxLength={1000} />
                    <button className="btn-secondary w-full" disabled={busy}>
                      Mark lost
                    </button>
                    <ErrorFor intent="lose" result={result} />
                  </Form>
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
                <Form method="post" className="mt-3 space-y-2">
                  <input type="hidden" name="intent" value="endorse" />
                  <fieldset>
                    <legend className="label">Rate {d.side === 'sender' ? d.toName : d.fromName}</legend>
                    <div className="flex gap-3">
                      {[1, 2, 3, 4, 5].map((n) => (
                        <label key={n} className="flex items-center gap-1 text-sm">
                          <input type="radio" name="rating" value={n} required /> {n}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                  <label htmlFor="comment" className="label">
                    Comment (optional)
                  </label>
                  <textarea id="comment" name="comment" className="input" rows={2} maxLength={2000} />
                  <button className="btn-primary w-full" disabled={busy}>
                    Endorse
                  </button>
                  <ErrorFor intent="endorse" result={result} />
                </Form>
              ) : null}
            </section>
          ) : null}
        </aside>
      </div>
    </main>
  )
}
