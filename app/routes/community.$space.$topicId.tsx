import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import type { ShouldRevalidateFunction } from '@remix-run/react'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useRef } from 'react'
import { z } from 'zod'
import { ErrorList, FormErrors, replyFor, useFocusFirstError } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pager } from '#app/components/pager.tsx'
import { LivePresence, useTopicLive } from '#app/features/community/live.tsx'
import { recordRead, topicCursor } from '#app/features/community/reads.server.ts'
import { db } from '#db/client.server.ts'
import { wakeWorkers } from '#app/core/workers.server.ts'
import { BODY_MAX, EditTopicSchema, PinSchema, REPLIES_PER_PAGE, replyHref, ReplySchema, TITLE_MAX } from '#app/features/community/schemas.ts'
import { acceptAnswer, editTopic, getTopic, postReply, setPinned } from '#app/features/community/topics.server.ts'
import { moderatePost, moveTargets, moveTopic, reportPost, setLocked } from '#app/features/community/moderation.server.ts'
import { LockSchema, ModeratePostSchema, MoveSchema, ReportSchema } from '#app/features/community/moderation-schemas.ts'
import { PostModeration, PostStateNote, ReputationBadge, TopicModeration } from '#app/features/community/moderation-ui.tsx'
import { Byline, KindBadge, SpaceName } from '#app/features/community/ui.tsx'
import { topicExtras } from '#app/features/community/posts.server.ts'
import { isPostIntent, postAction } from '#app/features/community/posts-actions.server.ts'
import { EditedMark, EditReplyForm, FollowButtons, MentionPicker, QuoteLink, ReactionBar, ReplyHint, TagList, TagsField, useDraftAutosave } from '#app/features/community/posts-ui.tsx'
import { Prose } from '#app/features/listings/ui/components.tsx'
import { INDUSTRY_LABELS, REGION_LABELS } from '#search/labels.ts'
import { readForm } from '#app/utils/form.server.ts'
import { formIdSchema, orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.topic.title ?? 'Topic'} · Community · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const slug = requireParamId(params.space, 'that community space')
  const topicId = requireParamId(params.topicId, 'that topic')
  const query = Object.fromEntries(new URL(request.url).searchParams)
  // The live cursor first: whatever happens after it reaches the page through its socket.
  const liveCursor = await topicCursor(topicId)
  const view = await orThrowResponse(getTopic(actor, slug, topicId, query))
  const extras = await orThrowResponse(
    topicExtras(
      actor,
      view.topic,
      view.space,
      view.replies.map((r) => r.id),
      query,
    ),
  )
  // getTopic has just checked that the topic is visible: only the position is written.
  const read = await recordRead(db, actor.userId, view.topic, view.page * REPLIES_PER_PAGE)
  return { ...view, extras, liveCursor, readBefore: read.previous, moveTargets: await moveTargets(actor, view.space.id) }
}

/** Saving a draft as you type changes nothing on the page: no reload of its data. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'draft' && formData.get('autosave') === '1' ? false : defaultShouldRevalidate

const TopicForm = z.discriminatedUnion('intent', [
  ReplySchema.extend({ intent: z.literal('reply') }),
  z.object({ intent: z.literal('accept'), replyId: formIdSchema('reply') }),
  EditTopicSchema.extend({ intent: z.literal('edit') }),
  PinSchema.extend({ intent: z.literal('pin') }),
  ReportSchema.extend({ intent: z.literal('report') }),
  ModeratePostSchema.extend({ intent: z.literal('moderate') }),
  LockSchema.extend({ intent: z.literal('lock') }),
  MoveSchema.extend({ intent: z.literal('move') }),
])
const options = { schema: TopicForm, maxChars: BODY_MAX, idFields: ['replyId', 'postId', 'spaceId'] }

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const slug = requireParamId(params.space, 'that community space')
  const topicId = requireParamId(params.topicId, 'that topic')
  const form = await readForm(request)
  // Reactions, drafts, reply edits and follows: the posting experience answers them.
  if (isPostIntent(form)) return postAction(actor, slug, topicId, form)
  const submission = parseSubmission(form, TopicForm)
  if (submission.status !== 'success') return invalidReply(submission, options)
  const value = submission.value
  const here = `/community/${slug}/${topicId}`
  try {
    switch (value.intent) {
      case 'reply': {
        const reply = await postReply(actor, topicId, value)
        if (reply.state === 'held') return redirectWithToast(`${here}?page=last#reply-${reply.id}`, { type: 'info', title: 'Your reply awaits review by the moderators' })
        // Everyone viewing the topic hears of it now, not at the relay's next poll.
        wakeWorkers()
        return redirectWithToast(`${here}?page=last#reply-${reply.id}`, { type: 'success', title: 'Reply posted' })
      }
      case 'accept': {
        const reply = await acceptAnswer(actor, topicId, value.replyId)
        wakeWorkers()
        return redirectWithToast(replyHref(slug, topicId, reply.id), { type: 'success', title: 'Answer accepted' })
      }
      case 'edit':
        await editTopic(actor, topicId, value)
        return redirectWithToast(here, { type: 'success', title: 'Topic saved' })
      case 'pin':
        await setPinned(actor, topicId, value)
        return redirectWithToast(here, { type: 'success', title: value.pinned ? 'Topic pinned' : 'Topic unpinned' })
      case 'report':
        await reportPost(actor, value)
        return redirectWithToast(here, { type: 'success', title: 'Report sent to the moderators' })
      case 'moderate': {
        const { action } = await moderatePost(actor, value)
        return redirectWithToast(here, { type: 'success', title: action === 'hide' ? 'Post hidden' : action === 'restore' ? 'Post published' : 'Reports dismissed' })
      }
      case 'lock':
        await setLocked(actor, topicId, value)
        return redirectWithToast(here, { type: 'success', title: value.locked ? 'Topic locked' : 'Topic unlocked' })
      case 'move': {
        const to = await moveTopic(actor, topicId, value)
        return redirectWithToast(`/community/${to.slug}/${topicId}`, { type: 'success', title: `Topic moved to ${to.name}` })
      }
    }
  } catch (error) {
    return domainReply(submission, error, options)
  }
}

export default function TopicPage() {
  const { space, topic, replies, accepted, page, pageCount, can, matches, conversionCount, extras, liveCursor, readBefore, moveTargets } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  // A new location (after posting) clears the reply box; a live refresh of the data does not.
  const location = useLocation()
  const live = useTopicLive(topic.id, liveCursor)
  // "New since your last visit": where the reader was when the page first opened (live reloads move the stored position on).
  const lastVisit = useRef<{ topicId: string; readBefore: number | null } | null>(null)
  if (lastVisit.current?.topicId !== topic.id) lastVisit.current = { topicId: topic.id, readBefore }
  const newFrom = lastVisit.current.readBefore
  // Live replies past a page that filled up while it was open land on the next page: say so, with a link, rather than leave them unseen.
  const opened = useRef({ topicId: topic.id, pageCount })
  if (opened.current.topicId !== topic.id) opened.current = { topicId: topic.id, pageCount }
  const spilled = page === opened.current.pageCount && pageCount > page
  useFocusFirstError(result?.error ? result : null)
  const errorsFor = (intent: string) => replyFor(result, { intent })?.error ?? {}
  const generalError = result?.error?.[''] ?? null
  const replySent = replyFor(result, { intent: 'reply' })?.initialValue?.body
  const replyDraft = typeof replySent === 'string' ? replySent : (extras.replyStart ?? undefined)
  const draftStatus = useDraftAutosave('reply-body', location.key)
  const here = `/community/${space.slug}/${topic.id}`
  const historyHref = (postId: string) => `${here}/history/${postId}`
  const quoteHref = (postId: string) => `${here}?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), quote: postId })}#reply-body`
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/community" className="link">
          Community
        </Link>{' '}
        ›{' '}
        <Link to={`/community/${space.slug}`} className="link">
          <SpaceName name={space.name} colour={space.colour} />
        </Link>
      </nav>
      <article className="card mt-3" aria-labelledby="topic-title" id="topic">
        <p className="flex flex-wrap items-center gap-2">
          {topic.pinned ? <span className="badge bg-slate-800 text-white">Pinned</span> : null}
          {topic.lockedAt ? <span className="badge bg-slate-200 text-slate-800">Locked</span> : null}
          <KindBadge kind={topic.kind} answered={Boolean(topic.acceptedReplyId)} />
        </p>
        <h1 id="topic-title" className="mt-2 text-2xl font-bold text-slate-900">
          {topic.title}
        </h1>
        <Byline name={topic.authorName} orgName={topic.authorOrgName}>
          <ReputationBadge reputation={topic.reputation} /> · <LocalTime value={topic.createdAt} />
          <EditedMark editedAt={topic.editedAt} revisions={extras.revisions[topic.id] ?? 0} historyHref={historyHref(topic.id)} />
        </Byline>
        <PostStateNote state={topic.state} />
        <TagList tags={extras.tags} spaceSlug={space.slug} />
        <div className="mt-2">
          <LivePresence viewers={live.viewers} typingNames={live.typingNames} />
        </div>
        <Prose html={topic.bodyHtml} className="mt-3" />
        <ReactionBar postId={topic.id} summary={extras.reactions[topic.id]} canReact={can.reply && !extras.topicIsMine && topic.state === 'published'} page={page} postLabel="the topic" />
        <p className="mt-2 flex flex-wrap items-center gap-3">{can.reply && topic.state === 'published' ? <QuoteLink href={quoteHref(topic.id)} authorName={topic.authorName} /> : null}</p>
        <div className="mt-3">
          <FollowButtons follows={extras.follows} spaceName={space.name} />
        </div>
        <PostModeration
          postId={topic.id}
          label="the opening post"
          state={topic.state}
          can={can}
          errors={replyFor(result, { intent: 'moderate', postId: topic.id })?.error ?? replyFor(result, { intent: 'report', postId: topic.id })?.error ?? {}}
        />
        {can.moderate ? <TopicModeration locked={Boolean(topic.lockedAt)} targets={moveTargets} errors={errorsFor} /> : null}
        {topic.request ? (
          <dl className="mt-4 grid gap-x-6 gap-y-1 rounded-md bg-sky-50 p-3 text-sm sm:grid-cols-2" data-testid="request-details">
            <div>
              <dt className="font-medium text-slate-700">Needed</dt>
              <dd>{topic.request.need}</dd>
            </div>
            {topic.request.region ? (
              <div>
                <dt className="font-medium text-slate-700">Region</dt>
                <dd>{REGION_LABELS[topic.request.region] ?? topic.request.region}</dd>
              </div>
            ) : null}
            {topic.request.industry ? (
              <div>
                <dt className="font-medium text-slate-700">Industry</dt>
                <dd>{INDUSTRY_LABELS[topic.request.industry] ?? topic.request.industry}</dd>
              </div>
            ) : null}
            {topic.request.skills.length ? (
              <div>
                <dt className="font-medium text-slate-700">Skills</dt>
                <dd>{topic.request.skills.join(', ')}</dd>
              </div>
            ) : null}
            {topic.request.deadline ? (
              <div>
                <dt className="font-medium text-slate-700">Needed by</dt>
                <dd>{topic.request.deadline}</dd>
              </div>
            ) : null}
            {conversionCount ? (
              <div>
                <dt className="font-medium text-slate-700">Turned into</dt>
                <dd>
                  {conversionCount} {conversionCount === 1 ? 'referral or co-sell' : 'referrals or co-sells'}
                </dd>
              </div>
            ) : null}
          </dl>
        ) : null}
        {can.edit ? (
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer text-slate-600">Edit topic</summary>
            <Form method="post" className="mt-2 space-y-2">
              <input type="hidden" name="intent" value="edit" />
              <label htmlFor="edit-title" className="label">
                Title
              </label>
              <input id="edit-title" name="title" defaultValue={topic.title} maxLength={TITLE_MAX} className="input" />
              <ErrorList errors={errorsFor('edit').title} />
              <label htmlFor="edit-body" className="label">
                Text
              </label>
              <textarea id="edit-body" name="body" defaultValue={topic.body} rows={6} maxLength={BODY_MAX} className="input" />
              <ErrorList errors={errorsFor('edit').body} />
              <TagsField id="edit-tags" defaultValue={extras.tags.join(', ')} errors={errorsFor('edit').tags} />
              <button type="submit" className="btn-secondary">
                Save topic
              </button>
            </Form>
          </details>
        ) : null}
        {can.pin ? (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="pin" />
            {topic.pinned ? null : <input type="hidden" name="pinned" value="on" />}
            <button type="submit" className="btn-secondary">
              {topic.pinned ? 'Unpin topic' : 'Pin to the top of the space'}
            </button>
          </Form>
        ) : null}
      </article>

      {topic.request ? (
        <section aria-labelledby="matches-heading" className="card mt-4" data-testid="request-matches">
          <h2 id="matches-heading" className="text-lg font-semibold">
            Partners who match this request
          </h2>
          {matches.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No partner matches the request yet. Partners can still answer it below.</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {matches.map((m) => (
                <li key={m.orgId} className="text-sm">
                  <Link to={m.url} className="link font-medium">
                    {m.name}
                  </Link>
                  <ul className="ml-4 list-disc text-slate-600">
                    {m.reasons.map((r, i) => (
                      <li key={i}>{r.text}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {accepted ? (
        <section aria-labelledby="accepted-heading" className="card mt-4 border-green-300 bg-green-50" data-testid="accepted-answer">
          <h2 id="accepted-heading" className="text-lg font-semibold text-green-900">
            Accepted answer
          </h2>
          <Byline name={accepted.authorName} orgName={accepted.authorOrgName} />
          <Prose html={accepted.bodyHtml} className="mt-2" />
          <a href={replies.some((r) => r.id === accepted.id) ? `#reply-${accepted.id}` : replyHref(space.slug, topic.id, accepted.id)} className="link text-sm">
            Go to the reply
          </a>
        </section>
      ) : null}

      {generalError ? (
        <div className="mt-4">
          <FormErrors errors={generalError} />
        </div>
      ) : null}

      <section aria-labelledby="replies-heading" className="mt-6">
        <h2 id="replies-heading" className="text-lg font-semibold">
          {topic.replyCount} {topic.replyCount === 1 ? 'reply' : 'replies'}
        </h2>
        {replies.length === 0 ? (
          <p className="mt-2 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">No replies yet.{can.reply ? ' Be the first to help.' : ''}</p>
        ) : (
          <ol className="mt-3 space-y-3" aria-live="polite" data-testid="replies">
            {replies.map((r, i) => {
              const isAccepted = r.id === topic.acceptedReplyId
              // A hidden or held reply takes no reactions, quotes or acceptance (the server refuses them): offer none.
              const published = r.state === 'published'
              const isNew = newFrom !== null && (page - 1) * REPLIES_PER_PAGE + i >= newFrom
              return (
                <li key={r.id} id={`reply-${r.id}`} className={`card ${isAccepted ? 'border-green-300' : ''} ${isNew ? 'border-l-4 border-l-brand-500' : ''}`} data-new={isNew || undefined}>
                  {isNew ? <p className="badge mb-1 bg-brand-100 text-brand-800">New since your last visit</p> : null}
                  <Byline name={r.authorName} orgName={r.authorOrgName} isVendor={r.authorIsVendor}>
                    <ReputationBadge reputation={r.reputation} /> · <LocalTime value={r.createdAt} />
                    <EditedMark editedAt={r.editedAt} revisions={extras.revisions[r.id] ?? 0} historyHref={historyHref(r.id)} />
                    {isAccepted ? <span className="badge ml-1 bg-green-100 text-green-800">Accepted answer</span> : null}
                  </Byline>
                  <PostStateNote state={r.state} />
                  <Prose html={r.bodyHtml} className="mt-2" />
                  <PostModeration
                    postId={r.id}
                    label={`the reply by ${r.authorName}`}
                    state={r.state}
                    can={{ report: can.report && !r.isMine, moderate: can.moderate }}
                    errors={replyFor(result, { intent: 'moderate', postId: r.id })?.error ?? replyFor(result, { intent: 'report', postId: r.id })?.error ?? {}}
                  />
                  <ReactionBar postId={r.id} summary={extras.reactions[r.id]} canReact={can.reply && !r.isMine && published} page={page} postLabel={`the reply by ${r.authorName}`} />
                  {can.reply && published ? (
                    <p className="mt-2">
                      <QuoteLink href={quoteHref(r.id)} authorName={r.authorName} />
                    </p>
                  ) : null}
                  {can.reply && r.isMine ? <EditReplyForm replyId={r.id} body={r.body} page={page} errors={replyFor(result, { intent: 'edit-reply', replyId: r.id })?.error?.body} /> : null}
                  {r.convert ? (
                    <p className="mt-2 flex flex-wrap gap-3 text-sm" data-testid="convert-reply">
                      <Link to={r.convert.referral} className="btn-secondary" aria-label={`Refer a customer to ${r.authorOrgName} from this reply`}>
                        Refer a customer to {r.authorOrgName}
                      </Link>
                      <Link to={r.convert.cosell} className="btn-secondary" aria-label={`Open a co-sell with ${r.authorOrgName} from this reply`}>
                        Co-sell with {r.authorOrgName}
                      </Link>
                    </p>
                  ) : null}
                  {r.converted.length ? <p className="mt-1 text-xs text-green-800">Turned into a {r.converted.map((k) => (k === 'cosell' ? 'co-sell' : 'referral')).join(' and a ')}.</p> : null}
                  {can.accept && !isAccepted && published ? (
                    <Form method="post" className="mt-2">
                      <input type="hidden" name="intent" value="accept" />
                      <input type="hidden" name="replyId" value={r.id} />
                      <button type="submit" className="btn-secondary" aria-label={`Accept the reply by ${r.authorName} as the answer`}>
                        Accept as answer
                      </button>
                    </Form>
                  ) : null}
                </li>
              )
            })}
          </ol>
        )}
        {spilled ? (
          <p className="mt-3 text-sm" role="status" data-testid="replies-continue">
            <Link to={`${here}?page=${page + 1}`} className="link">
              New replies continue on the next page
            </Link>
          </p>
        ) : null}
        <Pager page={page} pageCount={pageCount} label="Reply pages" />
      </section>

      <section aria-labelledby="reply-heading" className="card mt-6">
        <h2 id="reply-heading" className="text-lg font-semibold">
          Your reply
        </h2>
        {can.reply ? (
          <div className="mt-3">
            <MentionPicker spaceSlug={space.slug} textareaId="reply-body" />
          </div>
        ) : null}
        {can.reply ? (
          <Form method="post" className="mt-3 space-y-2" key={location.key} id="reply-form" onSubmit={() => live.typing(false)}>
            <label htmlFor="reply-body" className="sr-only">
              Reply
            </label>
            <textarea
              id="reply-body"
              name="body"
              defaultValue={replyDraft}
              rows={5}
              required
              maxLength={BODY_MAX}
              className="input"
              aria-invalid={errorsFor('reply').body ? true : undefined}
              aria-describedby="reply-hint"
              onInput={() => live.typing(true)}
            />
            <ReplyHint id="reply-hint" draftSavedAt={extras.draft?.savedAt ?? null} />
            <ErrorList errors={errorsFor('reply').body} />
            <ErrorList errors={errorsFor('draft').body} />
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" name="intent" value="reply" className="btn-primary" disabled={navigation.state === 'submitting'}>
                Post reply
              </button>
              <button type="submit" name="intent" value="draft" className="btn-secondary" formNoValidate>
                Save draft
              </button>
              <span className="text-xs text-slate-600" aria-live="polite" data-testid="draft-status">
                {draftStatus}
              </span>
            </div>
          </Form>
        ) : topic.lockedAt ? (
          <p className="mt-2 text-sm text-slate-600" data-testid="topic-locked">
            This topic is locked by the moderators: it takes no more replies.
          </p>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Your organization can read the community but not post right now.</p>
        )}
      </section>
    </main>
  )
}
