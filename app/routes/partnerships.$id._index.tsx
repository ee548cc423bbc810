import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { z } from 'zod'
import { FIT_DIMENSIONS, PARTNERSHIP_STAGES } from '#db/schema/partnerships.ts'
import { DateField, FormErrors, replyErrors, replyFor, SelectField, TextareaField, TextField, useFocusFirstError } from '#app/components/forms.tsx'
import { Alert } from '#app/features/accounts/ui.tsx'
import { assessFit, designate, fitEvidence, getPartnership, moveStage } from '#app/features/partnerships/partnerships.server.ts'
import { listReviews, scheduleReview } from '#app/features/partnerships/reviews.server.ts'
import { DesignateSchema, DIMENSION_LABELS, evidenceField, FitSchema, MoveStageSchema, ScheduleReviewSchema, STAGE_LABELS } from '#app/features/partnerships/schemas.ts'
import { isoDay } from '#app/features/partnerships/quarters.ts'
import { PartnershipTabs, StageBadge, useIntentForm } from '#app/features/partnerships/ui.tsx'
import { orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${data.sides.orgAName} + ${data.sides.orgBName}` : 'Partnership'} · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that partnership')
  const view = await orThrowResponse(getPartnership(actor, id))
  const [evidence, reviews] = await Promise.all([view.canGovern ? orThrowResponse(fitEvidence(actor, id)) : null, orThrowResponse(listReviews(actor, id))])
  const canSchedule = view.canGovern || ((actor.orgId === view.partnership.orgAId || actor.orgId === view.partnership.orgBId) && actor.role === 'partner_admin')
  return { ...view, evidence, reviews, canSchedule }
}

const MoveForm = MoveStageSchema.extend({ intent: z.literal('move') })
const AssessForm = FitSchema.extend({ intent: z.literal('assess') })
const DesignateForm = DesignateSchema.extend({ intent: z.literal('designate') })
const ScheduleForm = ScheduleReviewSchema.extend({ intent: z.literal('schedule') })
const PageForm = z.discriminatedUnion('intent', [MoveForm, AssessForm, DesignateForm, ScheduleForm])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that partnership')
  const submission = parseSubmission(await readForm(request), PageForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: PageForm })
  const value = submission.value
  const back = (title: string, type: 'success' | 'info' = 'success', description?: string) => redirectWithToast(`/partnerships/${id}`, { type, title, description })
  try {
    switch (value.intent) {
      case 'move':
        await moveStage(actor, id, value)
        return back(`Moved to ${STAGE_LABELS[value.toStage]}`)
      case 'assess':
        await assessFit(actor, id, value)
        return back('Fit assessment saved')
      case 'designate': {
        const result = await designate(actor, id, value.strategic)
        if (result.warning) return back('Designated strategic — with a warning', 'info', result.warning)
        return back(value.strategic ? 'Designated strategic' : 'Strategic designation removed')
      }
      case 'schedule': {
        const review = await scheduleReview(actor, id, value)
        return redirectWithToast(`/partnerships/${id}/reviews/${review.id}`, { type: 'success', title: `Review scheduled for ${isoDay(review.scheduledAt)}` })
      }
    }
  } catch (error) {
    return domainReply(submission, error, { schema: PageForm })
  }
}

/** "1 referral", "3 referrals". */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export default function PartnershipPage() {
  const { partnership: p, sides, history, assessments, settings, canGovern, evidence, reviews, canSchedule } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const designateErrors = replyErrors(replyFor(lastResult, { intent: 'designate' }))
  useFocusFirstError(designateErrors.length ? designateErrors : null)
  const latest = assessments[0]
  const [moveForm, moveFields] = useIntentForm(`move-${p.stage}`, 'move', MoveForm, lastResult, { toStage: p.stage })
  const [assessForm, assessFields] = useIntentForm(`assess-${assessments.length}`, 'assess', AssessForm, lastResult, {
    ...Object.fromEntries(FIT_DIMENSIONS.map((d) => [d, latest ? String(latest[d]) : ''])),
    ...Object.fromEntries(FIT_DIMENSIONS.map((d) => [evidenceField(d), latest?.evidence[d] || evidence?.suggestions[d] || ''])),
  })
  const [scheduleForm, scheduleFields] = useIntentForm(`schedule-${reviews.length}`, 'schedule', ScheduleForm, lastResult, { kind: 'quarterly' })
  const meetsThreshold = latest ? FIT_DIMENSIONS.every((d) => latest[d] >= settings.fitThreshold) : false
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to={canGovern ? '/admin/partnerships' : '/partnerships'} className="link">
          ← {canGovern ? 'Partnerships board' : 'Partnerships'}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">
          {sides.orgAName} + {sides.orgBName}
        </h1>
        <div className="flex gap-2">
          {p.strategic ? (
            <span className="badge" data-testid="strategic-badge">
              Strategic
            </span>
          ) : null}
          <StageBadge stage={p.stage} />
        </div>
      </div>
      <PartnershipTabs id={p.id} current="overview" />
      {designateErrors.length ? <Alert>{designateErrors.join(' ')}</Alert> : null}

      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="history-heading">
          <h2 id="history-heading" className="text-lg font-semibold">
            Stage history
          </h2>
          <ol className="mt-3 space-y-2 text-sm">
            {history.map((h) => (
              <li key={h.id}>
                <span className="font-medium">{h.fromStage ? `${STAGE_LABELS[h.fromStage]} → ${STAGE_LABELS[h.toStage]}` : `Started in ${STAGE_LABELS[h.toStage]}`}</span>
                <span className="text-slate-600">
                  {' '}
                  · {h.by ?? 'someone'} · {isoDay(h.changedAt)}
                </span>
                {h.note ? <p className="text-slate-700">{h.note}</p> : null}
              </li>
            ))}
          </ol>
          {canGovern ? (
            <Form method="post" {...getFormProps(moveForm)} className="mt-4 space-y-3 border-t border-slate-200 pt-3">
              <input type="hidden" name="intent" value="move" />
              <FormErrors id={moveForm.errorId} errors={moveForm.errors} />
              <SelectField field={moveFields.toStage} label="Move to stage" options={PARTNERSHIP_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} />
              <TextareaField field={moveFields.note} label="Note" rows={2} />
              <button type="submit" className="btn-secondary">
                Move
              </button>
            </Form>
          ) : null}
        </section>

        <section className="card" aria-labelledby="reviews-heading">
          <h2 id="reviews-heading" className="text-lg font-semibold">
            Reviews
          </h2>
          {reviews.length === 0 ? <p className="mt-2 text-sm text-slate-600">No reviews yet. Quarterly reviews follow the active joint business plan.</p> : null}
          <ul className="mt-2 space-y-1 text-sm">
            {reviews.map((r) => (
              <li key={r.id}>
                <Link to={`/partnerships/${p.id}/reviews/${r.id}`} className="link">
                  {r.kind === 'annual' ? 'Annual strategic review' : 'Quarterly review'} · {isoDay(r.scheduledAt)}
                </Link>{' '}
                <span className="text-slate-600">{r.heldAt ? '(held)' : '(scheduled)'}</span>
              </li>
            ))}
          </ul>
          {canSchedule ? (
            <Form method="post" {...getFormProps(scheduleForm)} className="mt-4 space-y-3 border-t border-slate-200 pt-3">
              <input type="hidden" name="intent" value="schedule" />
              <FormErrors id={scheduleForm.errorId} errors={scheduleForm.errors} />
              <SelectField
                field={scheduleFields.kind}
                label="Kind"
                options={[{ value: 'quarterly', label: 'Quarterly review' }, ...(canGovern ? [{ value: 'annual', label: 'Annual strategic review (re-scores fit)' }] : [])]}
              />
              <DateField field={scheduleFields.scheduledAt} label="Date (empty: the end of this quarter)" />
              <button type="submit" className="btn-secondary">
                Schedule review
              </button>
            </Form>
          ) : null}
        </section>
      </div>

      <section className="card mt-6" aria-labelledby="fit-heading">
        <h2 id="fit-heading" className="text-lg font-semibold">
          Strategic fit
        </h2>
        {latest ? (
          <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-2" data-testid="latest-fit">
            {FIT_DIMENSIONS.map((d) => (
              <div key={d}>
                <dt className="font-medium">
                  {DIMENSION_LABELS[d]}: {latest[d]} / 5
                </dt>
                {latest.evidence[d] ? <dd className="text-slate-600">{latest.evidence[d]}</dd> : null}
              </div>
            ))}
          </dl>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Not assessed yet.</p>
        )}
        {latest ? (
          <p className="mt-2 text-xs text-slate-600">
            {latest.kind === 'annual' ? 'Annual re-assessment' : 'Assessment'} by {latest.by ?? 'someone'} on {isoDay(latest.assessedAt)}
            {latest.decision ? ` · decision: ${latest.decision}` : ''}.
          </p>
        ) : null}
        {canGovern ? (
          <>
            <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3">
              <Form method="post">
                <input type="hidden" name="intent" value="designate" />
                <input type="hidden" name="strategic" value={p.strategic ? 'no' : 'yes'} />
                <button type="submit" className={p.strategic ? 'btn-secondary' : 'btn-primary'}>
                  {p.strategic ? 'Remove strategic designation' : 'Designate strategic'}
                </button>
              </Form>
              <p className="text-sm text-slate-600">
                {p.strategic
                  ? 'Designated strategic.'
                  : meetsThreshold
                    ? 'The latest assessment meets the threshold.'
                    : `Needs an assessment of at least ${settings.fitThreshold} on all four dimensions.`}
              </p>
            </div>
            <Form method="post" {...getFormProps(assessForm)} className="mt-4 space-y-3 border-t border-slate-200 pt-3">
              <h3 className="font-semibold">Assess fit</h3>
              <input type="hidden" name="intent" value="assess" />
              <FormErrors id={assessForm.errorId} errors={assessForm.errors} />
              {evidence ? (
                <p className="text-sm text-slate-600">
                  What the product already knows: {count(evidence.overlappingAccounts, 'overlapping account')}, {count(evidence.confirmedIntegrations, 'confirmed integration')},{' '}
                  {count(evidence.jointOpportunities, 'joint opportunity', 'joint opportunities')}, {count(evidence.referralsBetween, 'referral')},{' '}
                  {count(evidence.endorsements, 'verified endorsement')}. The evidence notes start from these.
                </p>
              ) : null}
              {FIT_DIMENSIONS.map((d) => (
                <fieldset key={d} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[10rem_1fr]">
                  <legend className="px-1 text-sm font-semibold">{DIMENSION_LABELS[d]}</legend>
                  <TextField field={assessFields[d]!} label="Score (1–5)" type="number" />
                  <TextareaField field={assessFields[evidenceField(d)]!} label="Evidence" rows={2} />
                </fieldset>
              ))}
              <button type="submit" className="btn-primary">
                Save assessment
              </button>
            </Form>
          </>
        ) : null}
      </section>
    </main>
  )
}
