import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import { Alert, MappingTabs } from '#app/features/accounts/ui.tsx'
import { DateField, FormErrors, replyErrors, replyFor, SelectField, TextareaField, TextField, useFocusFirstError } from '#app/components/forms.tsx'
import { PartnerPicker } from '#app/components/partner-picker.tsx'
import { addTask, changeStage, getCosell, inviteToCosell, respondToCosell, setTaskDone, updateCosellRecord } from '#app/features/cosell/cosell.server.ts'
import { CosellThread, useLiveRevalidate, usePageSocket } from '#app/features/cosell/live.tsx'
import { InviteSchema, OPPORTUNITY_STAGES, PARTICIPANT_ROLES, RecordSchema, RespondSchema, ROLE_LABELS, STAGE_LABELS, StageSchema, TaskSchema } from '#app/features/cosell/schemas.ts'
import { recentMessages } from '#app/features/messaging/threads.server.ts'
import { formIdSchema, orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { dealConflictNotice } from '#app/features/deals/conflicts.server.ts'
import { ConflictNotice } from '#app/features/registrations/ui.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.opp.accountName ?? 'Co-sell'} · Co-sell · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const view = await orThrowResponse(getCosell(actor, params.id ?? ''))
  // The conflict check's outcome, for the opener: its own deals in full, the neutral message otherwise (the vendor reads the queue).
  const conflict = actor.orgKind === 'vendor' ? null : await dealConflictNotice(actor, { kind: 'cosell', id: view.opp.id })
  const thread = view.threadId ? await orThrowResponse(recentMessages(actor, view.threadId, 100)) : null
  return { ...view, conflict, messages: thread?.messages ?? [], lastSeq: thread?.lastSeq ?? 0, isVendor: actor.orgKind === 'vendor', me: actor.userId }
}

const StageForm = StageSchema.extend({ intent: z.literal('stage') })
const RecordForm = RecordSchema.extend({ intent: z.literal('record') })
const TaskForm = TaskSchema.extend({ intent: z.literal('task') })
const InviteForm = InviteSchema.extend({ intent: z.literal('invite') })
const CosellForm = z.discriminatedUnion('intent', [
  RespondSchema.extend({ intent: z.literal('respond') }),
  StageForm,
  RecordForm,
  TaskForm,
  z.object({ intent: z.enum(['task_done', 'task_reopen']), taskId: formIdSchema('task') }),
  InviteForm,
])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that co-sell')
  const submission = parseSubmission(await readForm(request), CosellForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: CosellForm, idFields: ['taskId'] })
  const value = submission.value
  // The domain parses the fields itself (amounts and dates change type there): it gets them as sent.
  const sent = submission.payload
  const back = (title: string) => redirectWithToast(`/cosell/${id}`, { type: 'success', title })
  try {
    switch (value.intent) {
      case 'respond': {
        const p = await respondToCosell(actor, id, value)
        return p.status === 'accepted' ? back('You joined this co-sell') : redirectWithToast('/cosell', { type: 'info', title: 'Invitation declined' })
      }
      case 'stage':
        await changeStage(actor, id, value)
        return back(`Stage: ${STAGE_LABELS[value.stage]}`)
      case 'record':
        await updateCosellRecord(actor, id, sent)
        return back('Record saved')
      case 'task':
        await addTask(actor, id, sent)
        return back('Task added')
      case 'task_done':
      case 'task_reopen':
        await setTaskDone(actor, value.taskId, value.intent === 'task_done')
        return back(value.intent === 'task_done' ? 'Task done' : 'Task reopened')
      case 'invite': {
        const org = await inviteToCosell(actor, id, value)
        return back(`${org.name} invited`)
      }
    }
  } catch (error) {
    return domainReply(submission, error, { schema: CosellForm })
  }
}

function useIntentForm<Schema extends z.ZodTypeAny>(id: string, intent: string, schema: Schema, lastResult: SubmissionResult<string[]> | undefined, defaultValue?: Record<string, string>) {
  // Every field of these forms is text as typed (amounts and dates are parsed on the server).
  return useForm<Record<string, string>>({
    id,
    lastResult: replyFor(lastResult, { intent }),
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue,
  })
}

export default function CosellPage() {
  const { opp, owner, participants, history, tasks, people, access, threadId, messages, lastSeq, isVendor, myParticipation, conflict } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { socket } = usePageSocket()
  useLiveRevalidate(socket, opp.id)
  // The buttons-only forms (answer the invitation, tick a task) show their errors at the top.
  const topErrors = [
    ...replyErrors(replyFor(lastResult, { intent: 'respond' })),
    ...replyErrors(replyFor(lastResult, { intent: 'task_done' })),
    ...replyErrors(replyFor(lastResult, { intent: 'task_reopen' })),
  ]
  useFocusFirstError(topErrors.length ? topErrors : null)
  const [stageForm, stageFields] = useIntentForm(`stage-${opp.stage}`, 'stage', StageForm, lastResult, { stage: opp.stage })
  const [recordForm, recordFields] = useIntentForm(`record-${opp.updatedAt}`, 'record', RecordForm, lastResult, {
    amount: (opp.amount / 100).toFixed(2),
    expectedCloseAt: opp.expectedCloseAt ? new Date(opp.expectedCloseAt).toISOString().slice(0, 10) : '',
    nextSteps: opp.nextSteps ?? '',
    notes: opp.notes ?? '',
  })
  const [taskForm, taskFields] = useIntentForm(`task-${tasks.length}`, 'task', TaskForm, lastResult)
  const [inviteForm, inviteFields] = useIntentForm(`invite-${participants.length}`, 'invite', InviteForm, lastResult, { role: 'implementation' })
  const closed = opp.stage === 'won' || opp.stage === 'lost'
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <MappingTabs current="cosell" isPartner={!isVendor} />
      <p className="text-sm">
        <Link to="/cosell" className="link">
          ← Co-sell opportunities
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{opp.accountName}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {opp.accountDomain ? `${opp.accountDomain} · ` : ''}opened by {owner.name} · {formatMoney(opp.amount, 'whole')}
            {opp.expectedCloseAt ? ` · expected close ${new Date(opp.expectedCloseAt).toISOString().slice(0, 10)}` : ''}
          </p>
        </div>
        <span className="badge text-sm" data-testid="cosell-stage">
          {STAGE_LABELS[opp.stage]}
        </span>
      </div>
      <ConflictNotice notice={conflict} />
      {topErrors.length ? (
        <div className="mt-4">
          <Alert>{topErrors.join(' ')}</Alert>
        </div>
      ) : null}

      {access.canRespond ? (
        <section className="card mt-6 border-amber-300 bg-amber-50" aria-labelledby="invite-heading">
          <h2 id="invite-heading" className="text-lg font-semibold">
            You are invited to co-sell this opportunity
          </h2>
          <p className="mt-1 text-sm">
            Role: {myParticipation ? ROLE_LABELS[myParticipation.role] : ''}
            {myParticipation?.message ? ` — “${myParticipation.message}”` : ''}
          </p>
          <Form method="post" className="mt-3 flex gap-2">
            <input type="hidden" name="intent" value="respond" />
            <button type="submit" name="decision" value="accept" className="btn-primary">
              Accept
            </button>
            <button type="submit" name="decision" value="decline" className="btn-secondary">
              Decline
            </button>
          </Form>
        </section>
      ) : null}
      {access.viaVendor ? (
        <div className="mt-4">
          <Alert kind="info">You are viewing this co-sell as the vendor’s team (read only).</Alert>
        </div>
      ) : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section className="card" aria-labelledby="stage-heading">
            <h2 id="stage-heading" className="text-lg font-semibold">
              Stage
            </h2>
            <ol className="mt-3 flex flex-wrap gap-1 text-xs" aria-label="Pipeline">
              {OPPORTUNITY_STAGES.map((s) => (
                <li key={s} className={`rounded px-2 py-1 ${s === opp.stage ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-600'}`} aria-current={s === opp.stage ? 'step' : undefined}>
                  {STAGE_LABELS[s]}
                </li>
              ))}
            </ol>
            {access.canEdit ? (
              <Form method="post" {...getFormProps(stageForm)} className="mt-4 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="stage" />
                <FormErrors id={stageForm.errorId} errors={stageForm.errors} />
                <SelectField field={stageFields.stage} label="Move to" options={OPPORTUNITY_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} />
                <button type="submit" className="btn-primary">
                  Update stage
                </button>
              </Form>
            ) : null}
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer text-slate-600">Stage history ({history.length})</summary>
              <ol className="mt-2 space-y-1" data-testid="stage-history">
                {history.map((h, i) => (
                  <li key={i}>
                    {new Date(h.changedAt).toLocaleString('en-US')}: {h.fromStage ? `${STAGE_LABELS[h.fromStage]} → ` : 'opened at '}
                    {STAGE_LABELS[h.toStage]}
                    {h.by ? ` by ${h.by}` : ''}
                  </li>
                ))}
              </ol>
            </details>
          </section>

          <section className="card" aria-labelledby="record-heading">
            <h2 id="record-heading" className="text-lg font-semibold">
              Shared record
            </h2>
            {access.canEdit ? (
              <Form method="post" {...getFormProps(recordForm)} className="mt-3 space-y-3">
                <input type="hidden" name="intent" value="record" />
                <FormErrors id={recordForm.errorId} errors={recordForm.errors} />
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextField field={recordFields.amount} label="Amount, USD" />
                  <DateField field={recordFields.expectedCloseAt} label="Expected close" />
                </div>
                <TextareaField field={recordFields.nextSteps} label="Next steps" rows={3} />
                <TextareaField field={recordFields.notes} label="Notes" rows={4} />
                <button type="submit" className="btn-secondary">
                  Save record
                </button>
              </Form>
            ) : (
              <dl className="mt-3 space-y-2 text-sm">
                <dt className="font-medium">Next steps</dt>
                <dd className="whitespace-pre-wrap text-slate-700">{opp.nextSteps || '—'}</dd>
                <dt className="font-medium">Notes</dt>
                <dd className="whitespace-pre-wrap text-slate-700">{opp.notes || '—'}</dd>
              </dl>
            )}
          </section>

          <section className="card" aria-labelledby="tasks-heading">
            <h2 id="tasks-heading" className="text-lg font-semibold">
              Tasks
            </h2>
            {tasks.length === 0 ? <p className="mt-2 text-sm text-slate-500">No tasks yet.</p> : null}
            <ul className="mt-3 divide-y divide-slate-100" data-testid="tasks">
              {tasks.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className={t.doneAt ? 'text-slate-500 line-through' : ''}>
                    {t.title}{' '}
                    <span className="text-xs text-slate-500">
                      — {t.ownerName ?? 'someone'} ({t.ownerOrgName}){t.dueAt ? `, due ${new Date(t.dueAt).toISOString().slice(0, 10)}` : ''}
                    </span>
                  </span>
                  {access.canEdit ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value={t.doneAt ? 'task_reopen' : 'task_done'} />
                      <input type="hidden" name="taskId" value={t.id} />
                      <button type="submit" className="link text-sm">
                        {t.doneAt ? 'Reopen' : 'Mark done'}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
            {access.canEdit ? (
              <Form method="post" {...getFormProps(taskForm)} className="mt-3 grid gap-2 sm:grid-cols-4 sm:items-end">
                <input type="hidden" name="intent" value="task" />
                <FormErrors id={taskForm.errorId} errors={taskForm.errors} />
                <TextField field={taskFields.title} label="New task" className="sm:col-span-2" />
                <SelectField field={taskFields.ownerUserId} label="Owner" options={people.map((p) => ({ value: p.userId, label: `${p.name} (${p.orgName})` }))} />
                <DateField field={taskFields.dueAt} label="Due" />
                <button type="submit" className="btn-secondary sm:col-span-4 sm:justify-self-start">
                  Add task
                </button>
              </Form>
            ) : null}
          </section>

          {threadId ? <CosellThread socket={socket} threadId={threadId} initial={messages} lastSeq={lastSeq} /> : null}
        </div>

        <aside className="space-y-6">
          <section className="card" aria-labelledby="participants-heading">
            <h2 id="participants-heading" className="text-lg font-semibold">
              Partners
            </h2>
            <ul className="mt-3 space-y-2 text-sm" data-testid="participants">
              <li>
                <strong>{owner.name}</strong> <span className="badge">owner</span>
              </li>
              {participants.map((p) => (
                <li key={p.orgId}>
                  <strong>{p.orgName}</strong> <span className="badge">{ROLE_LABELS[p.role]}</span>{' '}
                  <span
                    className={`badge ${p.status === 'accepted' ? 'bg-green-100 text-green-800' : p.status === 'declined' ? 'bg-red-100 text-red-800' : 'bg-amber-100 text-amber-800'}`}
                    data-testid={`participant-status-${p.orgSlug}`}
                  >
                    {p.status}
                  </span>
                </li>
              ))}
            </ul>
            {access.isOwner && !closed ? (
              <Form method="post" {...getFormProps(inviteForm)} className="mt-4 space-y-2">
                <input type="hidden" name="intent" value="invite" />
                <FormErrors id={inviteForm.errorId} errors={inviteForm.errors} />
                <PartnerPicker
                  name={inviteFields.partner.name}
                  id={inviteFields.partner.id}
                  label="Invite a partner"
                  defaultValue={inviteFields.partner.initialValue}
                  errors={inviteFields.partner.errors}
                />
                <SelectField field={inviteFields.role} label="Role" options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
                <TextareaField field={inviteFields.message} label="Message" rows={2} />
                <button type="submit" className="btn-secondary">
                  Send invitation
                </button>
              </Form>
            ) : null}
          </section>
        </aside>
      </div>
    </main>
  )
}
