import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, FormErrors, replyFor, useFocusFirstError } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pager } from '#app/components/pager.tsx'
import { moderatePost, moderationQueue, suspendFromSpace } from '#app/features/community/moderation.server.ts'
import { ModeratePostSchema, SuspendSchema, SUSPENSION_MAX_DAYS } from '#app/features/community/moderation-schemas.ts'
import { replyHref } from '#app/features/community/schemas.ts'
import { SpaceName } from '#app/features/community/ui.tsx'
import { readForm } from '#app/utils/form.server.ts'
import { formIdSchema, orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { pageFromUrl } from '#app/utils/page-query.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'Moderation queue · Community · Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  return orThrowResponse(moderationQueue(actor, { page: pageFromUrl(request) }))
}

const QueueForm = z.discriminatedUnion('intent', [
  ModeratePostSchema.extend({ intent: z.literal('moderate') }),
  SuspendSchema.extend({ intent: z.literal('suspend'), spaceId: formIdSchema('space'), postId: formIdSchema('post') }),
])
const options = { schema: QueueForm, idFields: ['postId', 'spaceId', 'userId'] }

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const submission = parseSubmission(await readForm(request), QueueForm)
  if (submission.status !== 'success') return invalidReply(submission, options)
  const value = submission.value
  const back = `/admin/community/moderation${new URL(request.url).search}`
  try {
    if (value.intent === 'moderate') {
      const { action } = await moderatePost(actor, value)
      return redirectWithToast(back, { type: 'success', title: action === 'hide' ? 'Post hidden' : action === 'restore' ? 'Post published' : 'Reports dismissed' })
    }
    await suspendFromSpace(actor, value.spaceId, value)
    return redirectWithToast(back, { type: 'success', title: `Suspended from posting for ${value.days} ${value.days === 1 ? 'day' : 'days'}` })
  } catch (error) {
    return domainReply(submission, error, options)
  }
}

const STATE_LABELS = { published: 'Published', held: 'Awaiting review', hidden: 'Hidden' } as const

export default function ModerationQueue() {
  const { items, page, pageCount, total } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  useFocusFirstError(result?.error ? result : null)
  const errorsOf = (intent: string, postId: string) => replyFor(result, { intent, postId })?.error ?? {}
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin/community" className="link">
          ← Community spaces
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Moderation queue</h1>
      <p className="mt-1 text-sm text-slate-600">
        Posts members reported and posts held by a rate limit or a spam signal, oldest first. Each decision needs a reason; it is kept in the audit log and the people concerned are told.
      </p>
      <p className="mt-2 text-sm text-slate-700" data-testid="queue-total">
        {total} {total === 1 ? 'post' : 'posts'} to review
      </p>
      {items.length === 0 ? (
        <p className="mt-4 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600" data-testid="queue-empty">
          Nothing to review: no open reports and no held posts.
        </p>
      ) : (
        <ol className="mt-4 space-y-4" data-testid="queue">
          {items.map((item) => {
            const moderate = errorsOf('moderate', item.postId)
            const suspend = errorsOf('suspend', item.postId)
            return (
              <li key={item.postId} className="card" data-testid={`queue-item-${item.postId}`}>
                <h2 className="font-semibold">
                  <Link to={item.postKind === 'reply' ? replyHref(item.spaceSlug, item.topicId, item.postId) : `/community/${item.spaceSlug}/${item.topicId}`} className="link">
                    {item.postKind === 'reply' ? 'Reply in ' : 'Topic '}“{item.topicTitle}”
                  </Link>
                </h2>
                <p className="text-xs text-slate-600">
                  <SpaceName name={item.spaceName} colour="#64748b" /> · {item.authorName ?? 'A former member'} ({item.authorOrgName}) · <LocalTime value={item.createdAt} /> ·{' '}
                  <span className="badge">{STATE_LABELS[item.state]}</span>
                </p>
                <blockquote className="mt-2 max-h-40 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-2 text-sm text-slate-800">{item.body}</blockquote>
                {item.reportCount ? (
                  <div className="mt-2 text-sm">
                    <p className="font-medium">
                      {item.reportCount} open {item.reportCount === 1 ? 'report' : 'reports'}:
                    </p>
                    <ul className="ml-4 list-disc text-slate-700">
                      {item.reasons.map((r, i) => (
                        <li key={i}>{r}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {item.holdReason && item.state === 'held' ? <p className="mt-2 text-sm text-amber-900">Held: {item.holdReason}</p> : null}
                <FormErrors errors={moderate[''] ?? suspend[''] ?? null} />
                <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="moderate" />
                  <input type="hidden" name="postId" value={item.postId} />
                  <div>
                    <label htmlFor={`reason-${item.postId}`} className="label">
                      Reason for the decision
                    </label>
                    <input id={`reason-${item.postId}`} name="reason" className="input" required minLength={3} maxLength={500} />
                    <ErrorList errors={moderate.reason} />
                  </div>
                  {item.state !== 'hidden' ? (
                    <button type="submit" name="decision" value="hide" className="btn-secondary">
                      Hide
                    </button>
                  ) : null}
                  {item.state !== 'published' ? (
                    <button type="submit" name="decision" value="restore" className="btn-secondary">
                      {item.state === 'held' ? 'Publish' : 'Restore'}
                    </button>
                  ) : null}
                  {item.reportCount ? (
                    <button type="submit" name="decision" value="dismiss" className="btn-secondary">
                      Dismiss reports
                    </button>
                  ) : null}
                </Form>
                {item.authorUserId ? (
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer text-slate-600">
                      Suspend {item.authorName ?? 'the author'} from posting in {item.spaceName}
                    </summary>
                    <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="suspend" />
                      <input type="hidden" name="postId" value={item.postId} />
                      <input type="hidden" name="spaceId" value={item.spaceId} />
                      <input type="hidden" name="userId" value={item.authorUserId} />
                      <div>
                        <label htmlFor={`days-${item.postId}`} className="label">
                          Days
                        </label>
                        <input id={`days-${item.postId}`} name="days" type="number" min={1} max={SUSPENSION_MAX_DAYS} defaultValue={7} className="input w-24" />
                        <ErrorList errors={suspend.days} />
                      </div>
                      <div>
                        <label htmlFor={`suspend-reason-${item.postId}`} className="label">
                          Reason for the suspension
                        </label>
                        <input id={`suspend-reason-${item.postId}`} name="reason" className="input" required minLength={3} maxLength={500} />
                        <ErrorList errors={suspend.reason} />
                      </div>
                      <button type="submit" className="btn-secondary">
                        Suspend
                      </button>
                    </Form>
                  </details>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}
      <Pager page={page} pageCount={pageCount} label="Queue pages" />
    </main>
  )
}
