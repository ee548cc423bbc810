import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { z } from 'zod'
import { COMMITMENT_KINDS, COMMITMENT_STATUSES } from '#db/schema/partnerships.ts'
import { DateField, ErrorList, FormErrors, replyErrors, replyFor, SelectField, TextareaField, TextField, useFocusFirstError } from '#app/components/forms.tsx'
import { Alert } from '#app/features/accounts/ui.tsx'
import { addCommitment, getPlanView, removeDraftCommitment, saveDraft, setCommitmentStatus, signPlan, updateDraftCommitment } from '#app/features/partnerships/plans.server.ts'
import { isoDay } from '#app/features/partnerships/quarters.ts'
import { CommitmentSchema, CommitmentStatusSchema, COMMITMENT_KIND_LABELS, EditCommitmentSchema, PLAN_TARGET_ROWS, PlanDraftSchema, SignSchema } from '#app/features/partnerships/schemas.ts'
import { money, PartnershipTabs, StageBadge, Typing, useIntentForm, usePartnershipLive, Viewers } from '#app/features/partnerships/ui.tsx'
import { formIdSchema, orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Joint business plan · ${data ? `${data.sides.orgAName} + ${data.sides.orgBName}` : 'Partnership'} · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that partnership')
  const view = await orThrowResponse(getPlanView(actor, id))
  return { ...view, me: actor.userId }
}

const DraftForm = PlanDraftSchema.innerType().extend({ intent: z.literal('draft') })
const AddForm = CommitmentSchema.extend({ intent: z.literal('commitment') })
const StatusForm = CommitmentStatusSchema.extend({ intent: z.literal('status') })
const SignForm = SignSchema.extend({ intent: z.literal('sign') })
const RemoveForm = z.object({ intent: z.literal('remove'), commitmentId: formIdSchema('commitment') })
const EditForm = EditCommitmentSchema.extend({ intent: z.literal('edit') })
const PlanForm = z.discriminatedUnion('intent', [DraftForm, AddForm, StatusForm, SignForm, RemoveForm, EditForm])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that partnership')
  const submission = parseSubmission(await readForm(request), PlanForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: PlanForm, idFields: ['commitmentId', 'planId'] })
  const value = submission.value
  // The domain parses the fields itself (amounts become minor units there): it gets them as sent.
  const sent = submission.payload
  const back = (title: string, description?: string) => redirectWithToast(`/partnerships/${id}/plan`, { type: 'success', title, description })
  try {
    switch (value.intent) {
      case 'draft': {
        const plan = await saveDraft(actor, id, sent)
        return back(`Draft saved (version ${plan.version}, revision ${plan.revision})`, 'Both sides sign this revision for it to become active.')
      }
      case 'commitment':
        await addCommitment(actor, id, sent)
        return back('Commitment added to the draft')
      case 'remove':
        await removeDraftCommitment(actor, value.commitmentId)
        return back('Commitment removed from the draft')
      case 'edit':
        await updateDraftCommitment(actor, sent)
        return back('Commitment changed in the draft', 'Both sides sign the new revision for it to become active.')
      case 'status':
        await setCommitmentStatus(actor, value)
        return back(`Commitment marked ${value.status}`)
      case 'sign': {
        const result = await signPlan(actor, value)
        return back(
          result.activated ? `Version ${result.plan.version} is active` : 'Signed for your side',
          result.activated ? 'Both sides signed the same revision.' : 'The other side is asked to sign the same revision.',
        )
      }
    }
  } catch (error) {
    return domainReply(submission, error, { schema: PlanForm })
  }
}

const STATUS_LABELS: Record<(typeof COMMITMENT_STATUSES)[number], string> = { open: 'Open', met: 'Met', missed: 'Missed', waived: 'Waived' }

export default function PlanPage() {
  const {
    partnership: p,
    sides,
    active,
    draft,
    versions,
    activeSponsors,
    draftSponsors,
    signoffs,
    commitments,
    diff,
    activation,
    pipeline,
    people,
    currencies,
    defaultWindow,
    canEdit,
    mySide,
    me,
  } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { viewers, typers, onTyping } = usePartnershipLive(p.id, me)
  const topErrors = ['status', 'sign', 'remove', 'edit'].flatMap((intent) => replyErrors(replyFor(lastResult, { intent })))
  useFocusFirstError(topErrors.length ? topErrors : null)
  const base = draft ?? active
  const baseSponsors = draft ? draftSponsors : activeSponsors
  const sponsor = (orgId: string) => baseSponsors.find((s) => s.orgId === orgId)
  const targetRows = Math.max(PLAN_TARGET_ROWS, (base?.targets.length ?? 0) + 1)
  const [draftForm, draftFields] = useIntentForm(`draft-${draft?.id ?? 'new'}-${draft?.revision ?? active?.id ?? 0}`, 'draft', DraftForm, lastResult, {
    revision: draft ? String(draft.revision) : '',
    valueProposition: base?.valueProposition ?? `Together, ${sides.orgAName} and ${sides.orgBName} enable [outcome] for [segment]`,
    segments: base?.scope.segments.join(', ') ?? '',
    territories: base?.scope.territories.join(', ') ?? '',
    categories: base?.scope.categories.join(', ') ?? '',
    provisions: base?.provisions ?? '',
    currency: base?.currency ?? currencies[0] ?? 'USD',
    activationWindowDays: String(base?.activationWindowDays ?? defaultWindow),
    sponsorAName: sponsor(p.orgAId)?.name ?? '',
    sponsorATitle: sponsor(p.orgAId)?.title ?? '',
    sponsorBName: sponsor(p.orgBId)?.name ?? '',
    sponsorBTitle: sponsor(p.orgBId)?.title ?? '',
  })
  const draftReply = replyFor(lastResult, { intent: 'draft' })
  const [addForm, addFields] = useIntentForm(`commitment-${commitments.length}-${draft?.revision ?? 0}`, 'commitment', AddForm, lastResult, {
    revision: draft ? String(draft.revision) : '',
    ownerOrgId: mySide ?? '',
    kind: 'co_marketing_budget',
  })
  const sideName = (orgId: string) => (orgId === p.orgAId ? sides.orgAName : sides.orgBName)
  const signedBy = (orgId: string) => signoffs.find((s) => s.orgId === orgId)
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link to="/partnerships" className="link">
          ← Partnerships
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">
          Joint business plan: {sides.orgAName} + {sides.orgBName}
        </h1>
        <StageBadge stage={p.stage} />
      </div>
      <PartnershipTabs id={p.id} current="plan" />
      <Viewers viewers={viewers} />
      <Typing typers={typers} />
      {topErrors.length ? (
        <div className="mt-3">
          <Alert>{topErrors.join(' ')}</Alert>
        </div>
      ) : null}

      <section className="card mt-4" aria-labelledby="activation-heading">
        <h2 id="activation-heading" className="text-lg font-semibold">
          Activation window
        </h2>
        <p className="mt-1 text-sm" data-testid="activation">
          {activation.state === 'not_active'
            ? 'No version has been signed by both sides yet: the window starts when the first one is.'
            : activation.state === 'met'
              ? `First joint deal on ${isoDay(activation.firstDealAt)}, ${activation.days} days after activation — ${activation.withinWindow ? 'within' : 'after'} the window (ended ${isoDay(activation.windowEndsAt)}).`
              : activation.state === 'pending'
                ? `Activated ${isoDay(activation.activatedAt)}. No joint deal yet: ${activation.daysLeft} days left in the window (until ${isoDay(activation.windowEndsAt)}).`
                : `Activated ${isoDay(activation.activatedAt)}. No joint deal came within the window (ended ${isoDay(activation.windowEndsAt)}).`}
        </p>
      </section>

      <section className="card mt-6" aria-labelledby="active-heading">
        <h2 id="active-heading" className="text-lg font-semibold">
          {active ? `Active plan — version ${active.version}` : 'No active plan yet'}
        </h2>
        {active ? (
          <>
            <p className="mt-1 text-xs text-slate-600">Signed by both sides on {isoDay(active.signedAt)}.</p>
            <p className="mt-3 font-medium" data-testid="value-proposition">
              {active.valueProposition || '(no value proposition)'}
            </p>
            <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
              <div>
                <dt className="font-medium">Segments</dt>
                <dd>{active.scope.segments.join(', ') || '—'}</dd>
              </div>
              <div>
                <dt className="font-medium">Territories</dt>
                <dd>{active.scope.territories.join(', ') || '—'}</dd>
              </div>
              <div>
                <dt className="font-medium">Solution categories</dt>
                <dd>{active.scope.categories.join(', ') || '—'}</dd>
              </div>
              <div>
                <dt className="font-medium">Executive sponsors</dt>
                <dd>{activeSponsors.map((s) => `${s.name}${s.title ? `, ${s.title}` : ''} (${sideName(s.orgId)})`).join('; ') || '—'}</dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="font-medium">Provisions</dt>
                <dd className="whitespace-pre-line">{active.provisions || '—'}</dd>
              </div>
            </dl>
            {pipeline.length ? (
              <table className="table-stack mt-4 w-full text-left text-sm" data-testid="plan-targets">
                <caption className="text-left font-medium">Targets against joint pipeline ({active.currency})</caption>
                <thead>
                  <tr>
                    <th scope="col">Quarter</th>
                    <th scope="col">Pipeline target</th>
                    <th scope="col">Joint pipeline</th>
                    <th scope="col">Revenue target</th>
                    <th scope="col">Joint revenue won</th>
                  </tr>
                </thead>
                <tbody>
                  {pipeline.map((q) => (
                    <tr key={q.quarter}>
                      <td className="font-medium">{q.quarter}</td>
                      <td data-label="Pipeline target">{money(q.pipelineTarget, active.currency)}</td>
                      <td data-label="Joint pipeline">
                        {money(q.pipeline, active.currency)}
                        {q.attainment != null ? ` (${Math.round(q.attainment * 100)}%)` : ''}
                      </td>
                      <td data-label="Revenue target">{q.revenueTarget != null ? money(q.revenueTarget, active.currency) : '—'}</td>
                      <td data-label="Joint revenue won">{money(q.revenue, active.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600">A plan becomes active when both sides sign the same revision of a draft.</p>
        )}
      </section>

      <section className="card mt-6" aria-labelledby="commitments-heading">
        <h2 id="commitments-heading" className="text-lg font-semibold">
          Commitments
        </h2>
        {commitments.length === 0 ? <p className="mt-2 text-sm text-slate-600">No commitments yet. Add them to the draft: each side commits to something.</p> : null}
        {[p.orgAId, p.orgBId].map((orgId) => {
          const mine = commitments.filter((c) => c.ownerOrgId === orgId)
          if (!mine.length) return null
          return (
            <div key={orgId} className="mt-4">
              <h3 className="font-semibold">{sideName(orgId)}</h3>
              <ul className="mt-2 divide-y divide-slate-200">
                {mine.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm" data-testid="commitment">
                    <div>
                      <span className="font-medium">{c.title}</span> <span className="text-slate-600">· {COMMITMENT_KIND_LABELS[c.kind]}</span>
                      {c.measure ? <span className="text-slate-600"> · {c.measure}</span> : null}
                      <div className="text-xs text-slate-600">
                        Due {isoDay(c.dueAt)}
                        {c.ownerName ? ` · owner ${c.ownerName}` : ''}
                        {c.reviewId ? ' · from a review' : ''}
                        {c.agreed ? '' : ' · proposed in the draft'}
                        {c.metAt ? ` · met ${isoDay(c.metAt)}` : ''}
                      </div>
                    </div>
                    <div className="flex items-center gap-2">
                      {c.overdue ? (
                        <span className="badge bg-red-100 text-red-800" data-testid="commitment-overdue">
                          Overdue
                        </span>
                      ) : null}
                      <span className="badge" data-testid="commitment-status">
                        {c.agreed ? STATUS_LABELS[c.status] : 'Proposed'}
                      </span>
                      {c.canChangeStatus ? (
                        <Form method="post" className="flex items-center gap-1">
                          <input type="hidden" name="intent" value="status" />
                          <input type="hidden" name="commitmentId" value={c.id} />
                          <label htmlFor={`status-${c.id}`} className="sr-only">
                            Status of {c.title}
                          </label>
                          <select id={`status-${c.id}`} name="status" defaultValue={c.status} className="input text-xs">
                            {COMMITMENT_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {STATUS_LABELS[s]}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="btn-secondary text-xs">
                            Set
                          </button>
                        </Form>
                      ) : null}
                      {!c.agreed && canEdit && mySide === c.ownerOrgId && draft ? (
                        <details className="w-full sm:w-auto" data-testid="edit-commitment">
                          <summary className="btn-secondary cursor-pointer text-xs">
                            Edit<span className="sr-only"> {c.title}</span>
                          </summary>
                          <Form method="post" onInput={onTyping} className="mt-2 grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
                            <input type="hidden" name="intent" value="edit" />
                            <input type="hidden" name="commitmentId" value={c.id} />
                            <input type="hidden" name="revision" value={draft.revision} />
                            <label className="text-xs">
                              <span className="label">Title</span>
                              <input name="title" defaultValue={c.title} required minLength={3} maxLength={200} className="input w-full" />
                            </label>
                            <label className="text-xs">
                              <span className="label">Type</span>
                              <select name="kind" defaultValue={c.kind} className="input w-full">
                                {COMMITMENT_KINDS.map((k) => (
                                  <option key={k} value={k}>
                                    {COMMITMENT_KIND_LABELS[k]}
                                  </option>
                                ))}
                              </select>
                            </label>
                            <label className="text-xs">
                              <span className="label">Counted as</span>
                              <input name="measure" defaultValue={c.measure ?? ''} maxLength={200} className="input w-full" />
                            </label>
                            <label className="text-xs">
                              <span className="label">Due on</span>
                              <input name="dueAt" type="date" defaultValue={isoDay(c.dueAt)} required className="input w-full" />
                            </label>
                            <label className="text-xs">
                              <span className="label">Person responsible (optional)</span>
                              <select name="ownerUserId" defaultValue={c.ownerUserId ?? ''} className="input w-full">
                                <option value="">Nobody named</option>
                                {people
                                  .filter((u) => u.orgId === c.ownerOrgId)
                                  .map((u) => (
                                    <option key={u.userId} value={u.userId}>
                                      {u.name}
                                    </option>
                                  ))}
                              </select>
                            </label>
                            <div className="flex items-end">
                              <button type="submit" className="btn-primary text-xs">
                                Save commitment
                              </button>
                            </div>
                          </Form>
                        </details>
                      ) : null}
                      {!c.agreed && canEdit && mySide === c.ownerOrgId ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="commitmentId" value={c.id} />
                          <button type="submit" className="btn-secondary text-xs">
                            Remove
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          )
        })}
      </section>

      {draft ? (
        <section className="card mt-6 border-amber-300" aria-labelledby="draft-heading">
          <h2 id="draft-heading" className="text-lg font-semibold">
            Draft — version {draft.version}, revision {draft.revision}
          </h2>
          <h3 className="mt-3 font-semibold">{active ? `Changes against version ${active.version}` : 'What this first version sets'}</h3>
          {diff.length === 0 ? (
            <p className="text-sm text-slate-600">No changes yet.</p>
          ) : (
            <table className="mt-2 w-full text-left text-sm" data-testid="plan-diff">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {diff.map((d, i) => (
                  <tr key={i} className="align-top">
                    <td className="pr-2 font-medium">{d.field}</td>
                    <td className="pr-2 text-slate-600">
                      <del>{d.before}</del>
                    </td>
                    <td>
                      <ins>{d.after}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 className="mt-4 font-semibold">Sign-off</h3>
          <ul className="text-sm" data-testid="signoffs">
            {[p.orgAId, p.orgBId].map((orgId) => {
              const s = signedBy(orgId)
              return (
                <li key={orgId}>
                  {sideName(orgId)}:{' '}
                  {s ? (s.revision === draft.revision ? `signed revision ${s.revision}` : `signed revision ${s.revision}, which has since changed — needs to sign again`) : 'not signed yet'}
                </li>
              )
            })}
          </ul>
          {canEdit ? (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="sign" />
              <input type="hidden" name="planId" value={draft.id} />
              <input type="hidden" name="revision" value={draft.revision} />
              <button type="submit" className="btn-primary">
                Sign revision {draft.revision} for {mySide ? sideName(mySide) : 'your side'}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {canEdit ? (
        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <section className="card" aria-labelledby="edit-heading">
            <h2 id="edit-heading" className="text-lg font-semibold">
              {draft ? 'Edit the draft' : active ? 'Propose a change (starts a new version)' : 'Write the first plan'}
            </h2>
            <Form method="post" {...getFormProps(draftForm)} onInput={onTyping} className="mt-3 space-y-3">
              <input type="hidden" name="intent" value="draft" />
              <input type="hidden" name="revision" value={draft ? draft.revision : ''} />
              <FormErrors id={draftForm.errorId} errors={draftForm.errors} />
              <TextareaField field={draftFields.valueProposition!} label="Joint value proposition" rows={2} hint="Together, A and B enable [outcome] for [segment]." />
              <TextField field={draftFields.segments!} label="Segments (comma-separated)" />
              <TextField field={draftFields.territories!} label="Territories (comma-separated)" />
              <TextField field={draftFields.categories!} label="Solution categories (comma-separated)" />
              <TextareaField field={draftFields.provisions!} label="Priority and exclusivity provisions" rows={3} />
              <div className="grid gap-3 sm:grid-cols-2">
                <SelectField field={draftFields.currency!} label="Currency" options={currencies.map((c) => ({ value: c, label: c }))} />
                <TextField field={draftFields.activationWindowDays!} label="Activation window (days)" type="number" />
              </div>
              <fieldset className="rounded-md border border-slate-200 p-3">
                <legend className="px-1 text-sm font-semibold">Targets per quarter (amounts in the plan currency)</legend>
                {Array.from({ length: targetRows }, (_, i) => {
                  const t = base?.targets[i]
                  const err = (f: string) => draftForm.allErrors[`targets[${i}].${f}`] ?? draftReply?.error?.[`targets.${i}.${f}`] ?? undefined
                  return (
                    <div key={`${draftForm.key}-${i}`} className="grid gap-2 sm:grid-cols-3">
                      <div>
                        <label htmlFor={`t-${i}-q`} className="label">
                          Quarter {i + 1}
                        </label>
                        <input
                          id={`t-${i}-q`}
                          name={`targets[${i}].quarter`}
                          defaultValue={t?.quarter ?? ''}
                          placeholder="2027-Q1"
                          className="input"
                          aria-invalid={err('quarter') ? true : undefined}
                        />
                        <ErrorList errors={err('quarter')} />
                      </div>
                      <div>
                        <label htmlFor={`t-${i}-p`} className="label">
                          Pipeline target
                        </label>
                        <input
                          id={`t-${i}-p`}
                          name={`targets[${i}].pipeline`}
                          defaultValue={t ? String(t.pipeline / 100) : ''}
                          className="input"
                          inputMode="decimal"
                          aria-invalid={err('pipeline') ? true : undefined}
                        />
                        <ErrorList errors={err('pipeline')} />
                      </div>
                      <div>
                        <label htmlFor={`t-${i}-r`} className="label">
                          Revenue target
                        </label>
                        <input
                          id={`t-${i}-r`}
                          name={`targets[${i}].revenue`}
                          defaultValue={t?.revenue != null ? String(t.revenue / 100) : ''}
                          className="input"
                          inputMode="decimal"
                          aria-invalid={err('revenue') ? true : undefined}
                        />
                        <ErrorList errors={err('revenue')} />
                      </div>
                    </div>
                  )
                })}
              </fieldset>
              <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
                <legend className="px-1 text-sm font-semibold">Executive sponsors</legend>
                <TextField field={draftFields.sponsorAName!} label={`Sponsor of ${sides.orgAName}`} />
                <TextField field={draftFields.sponsorATitle!} label="Title" />
                <TextField field={draftFields.sponsorBName!} label={`Sponsor of ${sides.orgBName}`} />
                <TextField field={draftFields.sponsorBTitle!} label="Title" />
              </fieldset>
              <button type="submit" className="btn-primary">
                Save draft
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="add-heading">
            <h2 id="add-heading" className="text-lg font-semibold">
              {draft ? 'Add a commitment to the draft' : 'Add a commitment (starts a new version)'}
            </h2>
            <Form method="post" {...getFormProps(addForm)} onInput={onTyping} className="mt-3 space-y-3">
              <input type="hidden" name="intent" value="commitment" />
              <input type="hidden" name="revision" value={draft ? draft.revision : ''} />
              <FormErrors id={addForm.errorId} errors={addForm.errors} />
              <SelectField
                field={addFields.ownerOrgId!}
                label="Owned by"
                options={[
                  { value: p.orgAId, label: sides.orgAName },
                  { value: p.orgBId, label: sides.orgBName },
                ]}
              />
              <SelectField
                field={addFields.ownerUserId!}
                label="Owner (optional)"
                placeholder="Nobody named"
                options={people.map((u) => ({ value: u.userId, label: `${u.name} (${sideName(u.orgId)})` }))}
              />
              <SelectField field={addFields.kind!} label="Kind" options={COMMITMENT_KINDS.map((k) => ({ value: k, label: COMMITMENT_KIND_LABELS[k] }))} />
              <TextField field={addFields.title!} label="What is committed" />
              <TextField field={addFields.measure!} label="Measure (how it is counted)" placeholder="5 engineers certified" />
              <DateField field={addFields.dueAt!} label="Due date" />
              <button type="submit" className="btn-secondary">
                Add commitment
              </button>
            </Form>
          </section>
        </div>
      ) : (
        <p className="mt-6 text-sm text-slate-600">
          {mySide ? "Your organization's admins co-author the plan and sign it for your side; members read it." : "Only the two organizations' admins edit this plan."}
        </p>
      )}

      {versions.length ? (
        <section className="mt-6" aria-labelledby="versions-heading">
          <h2 id="versions-heading" className="text-lg font-semibold">
            Versions
          </h2>
          <ul className="mt-2 text-sm">
            {versions.map((v) => (
              <li key={v.id}>
                Version {v.version}: {v.status}
                {v.signedAt ? ` · signed ${isoDay(v.signedAt)}` : ''}
                {v.supersededAt ? ` · superseded ${isoDay(v.supersededAt)}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  )
}
