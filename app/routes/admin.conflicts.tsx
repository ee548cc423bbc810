import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pager } from '#app/components/pager.tsx'
import { CONFLICT_RESOLUTION_LABELS, dealLink, DEAL_KIND_LABELS } from '#app/features/deals/labels.ts'
import { listDealConflicts, resolveDealConflict, ResolveSchema } from '#app/features/deals/queue.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { formIdSchema, orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { pageParam, pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Deal conflicts · Admin · Partner Hub' }]

const Query = z.object({ status: z.enum(['open', 'resolved']).catch('open'), page: pageParam })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  const list = await orThrowResponse(listDealConflicts(actor, query))
  return { ...list, status: query.status, pageCount: pageCountOf(list.total, list.pageSize) }
}

const ResolveForm = ResolveSchema.innerType().extend({ conflictId: formIdSchema('conflict') })

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const submission = parseSubmission(await readForm(request), ResolveForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: ResolveForm, idFields: ['conflictId'] })
  try {
    const { conflictId, ...input } = submission.value
    const result = await resolveDealConflict(actor, conflictId, input)
    return redirectWithToast('/admin/conflicts', { type: 'success', title: `Conflict resolved: ${CONFLICT_RESOLUTION_LABELS[result.resolution].toLowerCase()}` })
  } catch (error) {
    return domainReply(submission, error, { schema: ResolveForm })
  }
}

type Summary = { kind: string; orgName: string; accountName: string; accountDomain: string | null; state: string; amount: number; createdAt: string } | null

function DealCard({ summary, fallback }: { summary: Summary; fallback: string }) {
  if (!summary) return <p className="text-sm text-slate-700">{fallback}</p>
  return (
    <p className="text-sm text-slate-700">
      <span className="font-medium text-slate-900">{summary.orgName}</span> · {summary.accountName}
      {summary.accountDomain ? ` (${summary.accountDomain})` : ''} · {summary.state} · {formatMoney(summary.amount, 'whole')} · since {summary.createdAt.slice(0, 10)}
    </p>
  )
}

export default function ConflictQueue() {
  const { rows, status, page, pageCount } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errorFor = (id: string) => {
    const sent = result?.initialValue as Record<string, unknown> | undefined
    if (!result || sent?.conflictId !== id) return []
    return [...new Set(Object.values(result.error ?? {}).flatMap((e) => e ?? []))]
  }
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          Admin
        </Link>{' '}
        /
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">Deal conflicts</h1>
      <p className="mt-1 text-slate-600">
        New referrals, co-sells and deal registrations whose customer is already worked in the ecosystem. The partner that created one was told only that the vendor&apos;s team will review it. Each
        resolution is kept in the audit log with your reason, and the partners whose deals it changes are notified (without being told who else was involved).
      </p>
      <nav aria-label="Filter conflicts" className="mt-4 flex gap-1">
        {(['open', 'resolved'] as const).map((t) => (
          <Link
            key={t}
            to={`/admin/conflicts?status=${t}`}
            aria-current={status === t ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${status === t ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {t === 'open' ? 'To review' : 'Resolved'}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="card mt-6 text-center text-slate-600" data-testid="conflicts-empty">
          {status === 'open' ? 'No conflicts to review.' : 'No resolved conflicts yet.'}
        </p>
      ) : (
        <ul className="mt-6 space-y-4" data-testid="conflict-queue">
          {rows.map((c) => {
            const errors = errorFor(c.id)
            const keepOptions = c.matches.filter((m) => m.kind !== 'account_list')
            return (
              <li key={c.id} className="card" data-testid="deal-conflict">
                <h2 className="font-semibold text-slate-900">
                  {c.accountName} {c.accountDomain ? <span className="font-normal text-slate-600">· {c.accountDomain}</span> : null}
                </h2>
                <p className="text-xs text-slate-600">
                  Flagged <LocalTime value={c.createdAt} />
                </p>
                <div className="mt-3 grid gap-4 md:grid-cols-2">
                  <section aria-label="The new deal" className="rounded-md border border-amber-300 bg-amber-50 p-3">
                    <h3 className="text-sm font-semibold text-amber-900">
                      New {DEAL_KIND_LABELS[c.dealKind].toLowerCase()}:{' '}
                      <Link to={dealLink(c.dealKind, c.dealId)} className="link">
                        open
                      </Link>
                    </h3>
                    <DealCard summary={c.deal} fallback="This deal no longer exists." />
                  </section>
                  <section aria-label="What it conflicts with" className="rounded-md border border-slate-200 p-3">
                    <h3 className="text-sm font-semibold text-slate-900">Conflicts with</h3>
                    <ul className="mt-1 space-y-2">
                      {c.matches.map((m) => (
                        <li key={m.ref} className="text-sm" data-testid="conflict-match">
                          <span className="font-medium">{DEAL_KIND_LABELS[m.kind]}</span>
                          {m.kind === 'referral' || m.kind === 'cosell' || m.kind === 'registration' ? (
                            <>
                              {' '}
                              (
                              <Link to={dealLink(m.kind, m.id)} className="link">
                                open
                              </Link>
                              )
                            </>
                          ) : null}
                          : {m.explanation}
                          {m.summary ? <span className="block text-xs text-slate-600">Now: {m.summary.state}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </section>
                </div>
                {c.status === 'resolved' ? (
                  <p className="mt-3 text-sm text-slate-700" data-testid="resolution">
                    {c.resolution ? CONFLICT_RESOLUTION_LABELS[c.resolution] : 'Resolved'}
                    {c.resolvedAt ? (
                      <>
                        {' '}
                        · <LocalTime value={c.resolvedAt} />
                      </>
                    ) : null}
                    : {c.resolutionNote}
                  </p>
                ) : (
                  <Form method="post" className="mt-4 space-y-3" aria-label={`Resolve the conflict on ${c.accountName}`}>
                    <input type="hidden" name="conflictId" value={c.id} />
                    {errors.length ? (
                      <p role="alert" className="field-error" data-testid="resolve-error">
                        {errors.join(' ')}
                      </p>
                    ) : null}
                    <div className="grid gap-3 md:grid-cols-2">
                      <div>
                        <label htmlFor={`note-${c.id}`} className="label">
                          Reason (kept in the audit log, sent to the partners concerned)
                        </label>
                        <textarea id={`note-${c.id}`} name="note" rows={2} className="input" required minLength={3} maxLength={1000} />
                      </div>
                      <div>
                        <label htmlFor={`keep-${c.id}`} className="label">
                          For assign and merge: the deal that keeps the customer
                        </label>
                        <select id={`keep-${c.id}`} name="keep" className="input" defaultValue="flagged">
                          <option value="flagged">The new {DEAL_KIND_LABELS[c.dealKind].toLowerCase()}</option>
                          {keepOptions.map((m) => (
                            <option key={m.ref} value={m.ref}>
                              {DEAL_KIND_LABELS[m.kind]}: {m.summary?.orgName ?? m.explanation.slice(0, 60)}
                            </option>
                          ))}
                        </select>
                      </div>
                    </div>
                    <div className="flex flex-wrap gap-2">
                      <button type="submit" name="resolution" value="allow_both" className="btn-secondary">
                        Allow both
                      </button>
                      <button type="submit" name="resolution" value="assign" className="btn-secondary">
                        Assign
                      </button>
                      <button type="submit" name="resolution" value="merge" className="btn-secondary">
                        Merge
                      </button>
                      <button type="submit" name="resolution" value="reject" className="btn-secondary">
                        Reject the new deal
                      </button>
                    </div>
                  </Form>
                )}
              </li>
            )
          })}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} label="Conflict pages" />
    </main>
  )
}
