import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { actionError, formObject, type ActionResult } from '../features/accounts/http.server.ts'
import { Alert, FieldErrors, MappingTabs } from '../features/accounts/ui.tsx'
import { addTask, changeStage, getCosell, inviteToCosell, respondToCosell, setTaskDone, updateCosellRecord } from '../features/cosell/cosell.server.ts'
import { CosellThread, useLiveRevalidate, usePageSocket } from '../features/cosell/live.tsx'
import { OPPORTUNITY_STAGES, PARTICIPANT_ROLES, ROLE_LABELS, STAGE_LABELS } from '../features/cosell/schemas.ts'
import { recentMessages } from '../features/messaging/threads.server.ts'
import { invalid } from '../utils/errors.ts'
import { orThrowResponse, requireActor, requireFormId, requireParamId } from '../utils/guards.server.ts'
import { redirectWithToast } from '../utils/toast.server.ts'
import { readForm } from '../utils/form.server.ts'
import { formatMoney } from '../utils/money.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.opp.accountName ?? 'Co-sell'} · Co-sell · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const view = await orThrowResponse(getCosell(actor, params.id ?? ''))
  const thread = view.threadId ? await orThrowResponse(recentMessages(actor, view.threadId, 100)) : null
  return { ...view, messages: thread?.messages ?? [], lastSeq: thread?.lastSeq ?? 0, isVendor: actor.orgKind === 'vendor', me: actor.userId }
}

const Intent = z.enum(['respond', 'stage', 'record', 'task', 'task_done', 'task_reopen', 'invite'])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that co-sell')
  const form = formObject(await readForm(request))
  const intent = Intent.safeParse(form.intent)
  if (!intent.success) return actionError(invalid('Unknown action.'))
  const back = (title: string) => redirectWithToast(`/cosell/${id}`, { type: 'success', title })
  try {
    switch (intent.data) {
      case 'respond': {
        const p = await respondToCosell(actor, id, form)
        return p.status === 'accepted' ? back('You joined this co-sell') : redirectWithToast('/cosell', { type: 'info', title: 'Invitation declined' })
      }
      case 'stage':
        await changeStage(actor, id, form)
        return back(`Stage: ${STAGE_LABELS[form.stage as keyof typeof STAGE_LABELS] ?? ''}`)
      case 'record':
        await updateCosellRecord(actor, id, form)
        return back('Record saved')
      case 'task':
        await addTask(actor, id, form)
        return back('Task added')
      case 'task_done':
      case 'task_reopen':
        await setTaskDone(actor, requireFormId(form.taskId, 'task'), intent.data === 'task_done')
        return back(intent.data === 'task_done' ? 'Task done' : 'Task reopened')
      case 'invite': {
        const org = await inviteToCosell(actor, id, form)
        return back(`${org.name} invited`)
      }
    }
  } catch (error) {
    return actionError(error, intent.data)
  }
}

export default function CosellPage() {
  const { opp, owner, participants, history, tasks, people, access, threadId, messages, lastSeq, isVendor, myParticipation } = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  const { socket } = usePageSocket()
  useLiveRevalidate(socket, opp.id)
  const errorsFor = (intent: string) => (result?.intent === intent ? result : undefined)
  const closed = opp.stage === 'won' || opp.stage === 'lost'
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <MappingTabs current="cosell" isPartner={!isVendor} />
      <p className="text-sm"><Link to="/cosell" className="link">← Co-sell opportunities</Link></p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{opp.accountName}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {opp.accountDomain ? `${opp.accountDomain} · ` : ''}opened by {owner.name} · {formatMoney(opp.amount, 'whole')}
            {opp.expectedCloseAt ? ` · expected close ${new Date(opp.expectedCloseAt).toISOString().slice(0, 10)}` : ''}
          </p>
        </div>
        <span className="badge text-sm" data-testid="cosell-stage">{STAGE_LABELS[opp.stage]}</span>
      </div>
      {result?.error && !Object.keys(result.fieldErrors ?? {}).length ? <div className="mt-4"><Alert>{result.error}</Alert></div> : null}

      {access.canRespond ? (
        <section className="card mt-6 border-amber-300 bg-amber-50" aria-labelledby="invite-heading">
          <h2 id="invite-heading" className="text-lg font-semibold">You are invited to co-sell this opportunity</h2>
          <p className="mt-1 text-sm">Role: {myParticipation ? ROLE_LABELS[myParticipation.role] : ''}{myParticipation?.message ? ` — “${myParticipation.message}”` : ''}</p>
          <Form method="post" className="mt-3 flex gap-2">
            <input type="hidden" name="intent" value="respond" />
            <button type="submit" name="decision" value="accept" className="btn-primary">Accept</button>
            <button type="submit" name="decision" value="decline" className="btn-secondary">Decline</button>
          </Form>
        </section>
      ) : null}
      {access.viaVendor ? <div className="mt-4"><Alert kind="info">You are viewing this co-sell as the vendor’s team (read only).</Alert></div> : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section className="card" aria-labelledby="stage-heading">
            <h2 id="stage-heading" className="text-lg font-semibold">Stage</h2>
            <ol className="mt-3 flex flex-wrap gap-1 text-xs" aria-label="Pipeline">
              {OPPORTUNITY_STAGES.map((s) => (
                <li key={s} className={`rounded px-2 py-1 ${s === opp.stage ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-600'}`} aria-current={s === opp.stage ? 'step' : undefined}>
                  {STAGE_LABELS[s]}
                </li>
              ))}
            </ol>
            {access.canEdit ? (
              <Form method="post" className="mt-4 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="stage" />
                <div>
                  <label htmlFor="stage" className="label">Move to</label>
                  <select id="stage" name="stage" defaultValue={opp.stage} className="input" key={opp.stage}>
                    {OPPORTUNITY_STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
                  </select>
                </div>
                <button type="submit" className="btn-primary">Update stage</button>
                <FieldErrors errors={errorsFor('stage')?.fieldErrors?.stage} />
              </Form>
            ) : null}
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer text-slate-600">Stage history ({history.length})</summary>
              <ol className="mt-2 space-y-1" data-testid="stage-history">
                {history.map((h, i) => (
                  <li key={i}>
                    {new Date(h.changedAt).toLocaleString('en-US')}: {h.fromStage ? `${STAGE_LABELS[h.fromStage]} → ` : 'opened at '}
                    {STAGE_LABELS[h.toStage]}{h.by ? ` by ${h.by}` : ''}
                  </li>
                ))}
              </ol>
            </details>
          </section>

          <section className="card" aria-labelledby="record-heading">
            <h2 id="record-heading" className="text-lg font-semibold">Shared record</h2>
            {access.canEdit ? (
              <Form method="post" className="mt-3 space-y-3" key={`${opp.updatedAt}`}>
                <input type="hidden" name="intent" value="record" />
                <div className="grid gap-3 sm:grid-cols-2">
                  <div>
                    <label htmlFor="amount" className="label">Amount, USD</label>
                    <input id="amount" name="amount" defaultValue={(opp.amount / 100).toFixed(2)} className="input" inputMode="decimal" />
                    <FieldErrors errors={errorsFor('record')?.fieldErrors?.amount} />
                  </div>
                  <div>
                    <label htmlFor="expectedCloseAt" className="label">Expected close</label>
                    <input id="expectedCloseAt" name="expectedCloseAt" type="date" defaultValue={opp.expectedCloseAt ? new Date(opp.expectedCloseAt).toISOString().slice(0, 10) : ''} className="input" />
                    <FieldErrors errors={errorsFor('record')?.fieldErrors?.expectedCloseAt} />
                  </div>
                </div>
                <div>
                  <label htmlFor="nextSteps" className="label">Next steps</label>
                  <textarea id="nextSteps" name="nextSteps" rows={3} defaultValue={opp.nextSteps ?? ''} className="input" />
                </div>
                <div>
                  <label htmlFor="notes" className="label">Notes</label>
                  <textarea id="notes" name="notes" rows={4} defaultValue={opp.notes ?? ''} className="input" />
                </div>
                <button type="submit" className="btn-secondary">Save record</button>
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
            <h2 id="tasks-heading" className="text-lg font-semibold">Tasks</h2>
            {tasks.length === 0 ? <p className="mt-2 text-sm text-slate-500">No tasks yet.</p> : null}
            <ul className="mt-3 divide-y divide-slate-100" data-testid="tasks">
              {tasks.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className={t.doneAt ? 'text-slate-500 line-through' : ''}>
                    {t.title} <span className="text-xs text-slate-500">— {t.ownerName ?? 'someone'} ({t.ownerOrgName}){t.dueAt ? `, due ${new Date(t.dueAt).toISOString().slice(0, 10)}` : ''}</span>
                  </span>
                  {access.canEdit ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value={t.doneAt ? 'task_reopen' : 'task_done'} />
                      <input type="hidden" name="taskId" value={t.id} />
                      <button type="submit" className="link text-sm">{t.doneAt ? 'Reopen' : 'Mark done'}</button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
            {access.canEdit ? (
              <Form method="post" className="mt-3 grid gap-2 sm:grid-cols-4 sm:items-end">
                <input type="hidden" name="intent" value="task" />
                <div className="sm:col-span-2">
                  <label htmlFor="task-title" className="label">New task</label>
                  <input id="task-title" name="title" required maxLength={300} className="input" />
                  <FieldErrors errors={errorsFor('task')?.fieldErrors?.title} />
                </div>
                <div>
                  <label htmlFor="task-owner" className="label">Owner</label>
                  <select id="task-owner" name="ownerUserId" className="input">
                    {people.map((p) => <option key={p.userId} value={p.userId}>{p.name} ({p.orgName})</option>)}
                  </select>
                  <FieldErrors errors={errorsFor('task')?.fieldErrors?.ownerUserId} />
                </div>
                <div>
                  <label htmlFor="task-due" className="label">Due</label>
                  <input id="task-due" name="dueAt" type="date" className="input" />
                </div>
                <button type="submit" className="btn-secondary sm:col-span-4 sm:justify-self-start">Add task</button>
              </Form>
            ) : null}
          </section>

          {threadId ? <CosellThread socket={socket} threadId={threadId} initial={messages} lastSeq={lastSeq} /> : null}
        </div>

        <aside className="space-y-6">
          <section className="card" aria-labelledby="participants-heading">
            <h2 id="participants-heading" className="text-lg font-semibold">Partners</h2>
            <ul className="mt-3 space-y-2 text-sm" data-testid="participants">
              <li><strong>{owner.name}</strong> <span className="badge">owner</span></li>
              {participants.map((p) => (
                <li key={p.orgId}>
                  <strong>{p.orgName}</strong> <span className="badge">{ROLE_LABELS[p.role]}</span>{' '}
                  <span className={`badge ${p.status === 'accepted' ? 'bg-green-100 text-green-800' : p.status === 'declined' ? 'bg-red-100 text-red-800' : 'bg-amber-100 text-amber-800'}`} data-testid={`participant-status-${p.orgSlug}`}>{p.status}</span>
                </li>
              ))}
            </ul>
            {access.isOwner && !closed ? (
              <Form method="post" className="mt-4 space-y-2">
                <input type="hidden" name="intent" value="invite" />
                <div>
                  <label htmlFor="invite-partner" className="label">Invite a partner</label>
                  <input id="invite-partner" name="partner" className="input" placeholder="marketplace address" required />
                  <FieldErrors errors={errorsFor('invite')?.fieldErrors?.partner ?? (errorsFor('invite')?.error ? [errorsFor('invite')!.error!] : undefined)} />
                </div>
                <div>
                  <label htmlFor="invite-role" className="label">Role</label>
                  <select id="invite-role" name="role" className="input">
                    {PARTICIPANT_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
                  </select>
                </div>
                <div>
                  <label htmlFor="invite-message" className="label">Message</label>
                  <textarea id="invite-message" name="message" rows={2} maxLength={2000} className="input" />
                </div>
                <button type="submit" className="btn-secondary">Send invitation</button>
              </Form>
            ) : null}
          </section>
        </aside>
      </div>
    </main>
  )
}
