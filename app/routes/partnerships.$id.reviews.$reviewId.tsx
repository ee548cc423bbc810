import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { z } from 'zod'
import { COMMITMENT_KINDS, FIT_DECISIONS, FIT_DIMENSIONS } from '#db/schema/partnerships.ts'
import { FormErrors, SelectField, TextareaField, TextField } from '#app/components/forms.tsx'
import { isoDay } from '#app/features/partnerships/quarters.ts'
import { getReview, recordReview } from '#app/features/partnerships/reviews.server.ts'
import { ACTION_ITEM_ROWS, COMMITMENT_KIND_LABELS, DECISION_LABELS, DIMENSION_LABELS, evidenceField, RecordAnnualSchema } from '#app/features/partnerships/schemas.ts'
import { money, PartnershipTabs, useIntentForm } from '#app/features/partnerships/ui.tsx'
import { orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Partnership review · Partner Hub' }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that partnership')
  const reviewId = requireParamId(params.reviewId, 'that review')
  return orThrowResponse(getReview(actor, id, reviewId))
}

/** The form's edge schema: the annual fields are optional here; the domain requires them for an annual review. */
const ReviewForm = RecordAnnualSchema.partial({ marketAccess: true, capability: true, commitment: true, alignment: true, decision: true }).extend({ intent: z.literal('record') })

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that partnership')
  const reviewId = requireParamId(params.reviewId, 'that review')
  const formData = await readForm(request)
  const submission = parseSubmission(formData, ReviewForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: ReviewForm })
  try {
    const result = await recordReview(actor, id, reviewId, { ...submission.payload, attendees: formData.getAll('attendees'), sponsors: formData.getAll('sponsors') })
    return redirectWithToast(`/partnerships/${id}/reviews/${reviewId}`, {
      type: 'success',
      title: 'Review recorded',
      description: result.actionItems ? `${result.actionItems} action item(s) added as commitments of the active plan.` : undefined,
    })
  } catch (error) {
    return domainReply(submission, error, { schema: ReviewForm })
  }
}

export default function ReviewPage() {
  const { partnership: p, sides, review, quarter, agenda, attendees, actionItems, people, currency, canRecord } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useIntentForm(`review-${review.id}`, 'record', ReviewForm, lastResult)
  const sideName = (orgId: string) => (orgId === p.orgAId ? sides.orgAName : sides.orgBName)
  const annual = review.kind === 'annual'
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/partnerships/${p.id}`} className="link">
          ← {sides.orgAName} + {sides.orgBName}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">
        {annual ? 'Annual strategic review' : 'Quarterly review'} · {isoDay(review.scheduledAt)}
      </h1>
      <PartnershipTabs id={p.id} current="reviews" />
      <p className="text-sm text-slate-600">{review.heldAt ? `Held on ${isoDay(review.heldAt)}.` : 'Scheduled.'}</p>

      <section className="card mt-4" aria-labelledby="agenda-heading">
        <h2 id="agenda-heading" className="text-lg font-semibold">
          Agenda for {quarter} (from the data)
        </h2>
        <h3 className="mt-3 font-semibold">Pipeline against target</h3>
        <p className="text-sm" data-testid="agenda-pipeline">
          {agenda.pipeline
            ? `${money(agenda.pipeline.pipeline, currency)} of joint pipeline against a target of ${money(agenda.pipeline.pipelineTarget, currency)}.`
            : `The active plan sets no target for ${quarter}.`}
        </p>
        <h3 className="mt-3 font-semibold">Commitments</h3>
        {agenda.perSide.map((s) => (
          <div key={s.orgId} className="text-sm">
            <p className="font-medium">{s.name}</p>
            <p>
              Due this quarter: {s.due.length ? s.due.map((c) => `${c.title} (${c.status})`).join('; ') : 'none'}. Overdue:{' '}
              {s.overdue.length ? s.overdue.map((c) => `${c.title} (due ${isoDay(c.dueAt)})`).join('; ') : 'none'}.
            </p>
          </div>
        ))}
        <h3 className="mt-3 font-semibold">Joint wins</h3>
        <p className="text-sm">
          {agenda.wins.opportunities} joint opportunities won ({money(agenda.wins.amount, currency)}), {agenda.wins.referrals} referrals won between the two.
        </p>
        <h3 className="mt-3 font-semibold">Open issues</h3>
        {agenda.issues.length ? (
          <ul className="list-disc pl-5 text-sm" data-testid="agenda-issues">
            {agenda.issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        ) : (
          <p className="text-sm">None.</p>
        )}
      </section>

      {review.heldAt ? (
        <section className="card mt-6" aria-labelledby="record-heading">
          <h2 id="record-heading" className="text-lg font-semibold">
            Record
          </h2>
          <p className="mt-2 text-sm">Attended: {attendees.map((a) => `${a.name} (${sideName(a.orgId)}${a.sponsor ? ', sponsor' : ''})`).join('; ') || 'nobody recorded'}</p>
          {review.notes ? <p className="mt-2 whitespace-pre-line text-sm">{review.notes}</p> : null}
          {review.decisions ? <p className="mt-2 whitespace-pre-line text-sm">Decisions: {review.decisions}</p> : null}
          <p className="mt-2 text-sm">Action items: {actionItems.map((c) => `${c.title} (${sideName(c.ownerOrgId)}, due ${isoDay(c.dueAt)})`).join('; ') || 'none'}</p>
        </section>
      ) : canRecord ? (
        <section className="card mt-6" aria-labelledby="record-heading">
          <h2 id="record-heading" className="text-lg font-semibold">
            Record the review
          </h2>
          <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
            <input type="hidden" name="intent" value="record" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <fieldset className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-semibold">Attendance</legend>
              <ul className="divide-y divide-slate-100 text-sm">
                {people.map((u) => (
                  <li key={u.userId} className="flex flex-wrap gap-x-4 gap-y-1 py-1.5">
                    <label className="flex items-center gap-1">
                      <input type="checkbox" name="attendees" value={u.userId} /> {u.name} ({sideName(u.orgId)})
                    </label>
                    {/* On a phone it wraps under the name, indented: it reads as that person's, not the next one's. */}
                    <label className="flex items-center gap-1 pl-5 sm:pl-0">
                      <input type="checkbox" name="sponsors" value={u.userId} />
                      <span className="sr-only">{u.name}</span> attended as executive sponsor
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <TextareaField field={fields.notes!} label="Notes" rows={3} />
            <TextareaField field={fields.decisions!} label="Decisions" rows={3} />
            <fieldset className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-semibold">Action items (they become commitments of the active plan)</legend>
              {Array.from({ length: ACTION_ITEM_ROWS }, (_, i) => (
                <div key={i} className="grid gap-2 sm:grid-cols-4">
                  <div>
                    <label htmlFor={`ai-${i}-t`} className="label">
                      Action {i + 1}
                    </label>
                    <input id={`ai-${i}-t`} name={`actionItems[${i}].title`} className="input" />
                  </div>
                  <div>
                    <label htmlFor={`ai-${i}-o`} className="label">
                      Owned by
                    </label>
                    <select id={`ai-${i}-o`} name={`actionItems[${i}].ownerOrgId`} className="input">
                      <option value={p.orgAId}>{sides.orgAName}</option>
                      <option value={p.orgBId}>{sides.orgBName}</option>
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`ai-${i}-k`} className="label">
                      Kind
                    </label>
                    <select id={`ai-${i}-k`} name={`actionItems[${i}].kind`} className="input" defaultValue="other">
                      {COMMITMENT_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {COMMITMENT_KIND_LABELS[k]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`ai-${i}-d`} className="label">
                      Due
                    </label>
                    <input id={`ai-${i}-d`} type="date" name={`actionItems[${i}].dueAt`} className="input" />
                  </div>
                </div>
              ))}
            </fieldset>
            {annual ? (
              <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
                <legend className="px-1 text-sm font-semibold">Re-score the strategic fit and decide</legend>
                {FIT_DIMENSIONS.map((d) => (
                  <div key={d} className="grid gap-2 sm:grid-cols-[10rem_1fr]">
                    <TextField field={fields[d]!} label={`${DIMENSION_LABELS[d]} (1–5)`} type="number" />
                    <TextareaField field={fields[evidenceField(d)]!} label="Evidence" rows={2} />
                  </div>
                ))}
                <SelectField field={fields.decision!} label="Decision" placeholder="Choose a decision" options={FIT_DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }))} />
                <TextareaField field={fields.decisionNote!} label="Why" rows={2} />
              </fieldset>
            ) : null}
            <button type="submit" className="btn-primary">
              Record review
            </button>
          </Form>
        </section>
      ) : null}
    </main>
  )
}
