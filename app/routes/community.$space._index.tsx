import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import type { ShouldRevalidateFunction } from '@remix-run/react'
import { z } from 'zod'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorList, FormErrors, useFocusFirstError } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { BODY_MAX, TITLE_MAX, TOPIC_FILTERS, TopicSchema, type TopicFilter } from '#app/features/community/schemas.ts'
import { createTopic, listTopics } from '#app/features/community/topics.server.ts'
import { Byline, KindBadge, SpaceName, UnreadBadge } from '#app/features/community/ui.tsx'
import { followState, saveTopicDraft, spaceTags, tagsOf, topicDraftOf } from '#app/features/community/posts.server.ts'
import { TagList, TagsField, useFormDraftAutosave } from '#app/features/community/posts-ui.tsx'
import { TopicDraftSchema } from '#app/features/community/post-schemas.ts'
import { useSpacesLive } from '#app/features/community/live.tsx'
import { unreadByTopic } from '#app/features/community/reads.server.ts'
import { INDUSTRIES, REGIONS } from '#db/vocab.ts'
import { INDUSTRY_LABELS, REGION_LABELS } from '#search/labels.ts'
import { orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, echoReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { CursorPager, useHrefWith } from '#app/components/pager.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.space.name ?? 'Space'} · Community · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const slug = requireParamId(params.space, 'that community space')
  const query = Object.fromEntries(new URL(request.url).searchParams)
  const list = await orThrowResponse(listTopics(actor, slug, query))
  const topicIds = list.topics.map((t) => t.id)
  const [tags, allTags, follows, unread, draft] = await Promise.all([
    tagsOf(topicIds),
    spaceTags(actor, slug),
    followState(actor, list.space.id),
    unreadByTopic(actor, topicIds),
    topicDraftOf(actor, list.space.id),
  ])
  return { ...list, tags, allTags, follows, unread, draft }
}

/** Saving the new topic's draft as you type changes nothing on the page: no reload of its data. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'draft' && formData.get('autosave') === '1' ? false : defaultShouldRevalidate

/** "Save draft" / "Discard draft" on the new-topic form (and its autosave): the fields as typed, checked only for size. */
const TopicDraftForm = z.discriminatedUnion('intent', [TopicDraftSchema.extend({ intent: z.literal('draft'), autosave: z.literal('1').optional() }), z.object({ intent: z.literal('discard-draft') })])
const draftOptions = { schema: TopicDraftForm, maxChars: BODY_MAX }

async function draftAction(actor: Parameters<typeof saveTopicDraft>[0], slug: string, form: FormData) {
  const submission = parseSubmission(form, TopicDraftForm)
  if (submission.status !== 'success') return invalidReply(submission, draftOptions)
  try {
    const value = submission.value
    const saved = await saveTopicDraft(actor, slug, value.intent === 'draft' ? value : {})
    if (value.intent === 'draft' && value.autosave) return data(echoReply(submission, draftOptions), { headers: { 'Cache-Control': 'no-store' } })
    return redirectWithToast(`/community/${slug}#new-topic-heading`, { type: 'success', title: saved.saved ? 'Draft saved' : 'Draft discarded' })
  } catch (error) {
    return domainReply(submission, error, draftOptions)
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const slug = requireParamId(params.space, 'that community space')
  const form = await readForm(request)
  if (['draft', 'discard-draft'].includes(String(form.get('intent') ?? ''))) return draftAction(actor, slug, form)
  const submission = parseSubmission(form, TopicSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: TopicSchema, maxChars: BODY_MAX })
  try {
    const topic = await createTopic(actor, slug, submission.value)
    if (topic.state === 'held') return redirectWithToast(`/community/${slug}/${topic.id}`, { type: 'info', title: 'Your topic awaits review by the moderators' })
    return redirectWithToast(`/community/${slug}/${topic.id}`, {
      type: 'success',
      title: topic.kind === 'question' ? 'Question posted' : topic.kind === 'request' ? 'Partner request posted' : 'Topic posted',
    })
  } catch (error) {
    return domainReply(submission, error, { schema: TopicSchema, maxChars: BODY_MAX })
  }
}

const FILTER_LABELS: Record<TopicFilter, string> = { all: 'All topics', unanswered: 'Unanswered questions', questions: 'All questions', requests: 'Partner requests' }

const EMPTY: Record<TopicFilter, string> = {
  all: 'No topics yet. Start the first discussion or ask a question below.',
  unanswered: 'Every question here has an accepted answer.',
  questions: 'No questions yet.',
  requests: 'No partner requests yet. Ask the ecosystem for help with a deal below.',
}

export default function SpacePage() {
  const { space, topics, filter, tag, tags, allTags, follows, newer, older, total, canPost, unread, draft } = useLoaderData<typeof loader>()
  const draftStatus = useFormDraftAutosave('new-topic-form')
  useSpacesLive([space.id])
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  useFocusFirstError(result?.error ? result : null)
  const { '': formErrors, ...errors } = result?.error ?? {}
  const sent = (result?.initialValue ?? {}) as Record<string, unknown>
  // What was just sent (after an error), else the saved draft.
  const echo = (name: string) => (typeof sent[name] === 'string' ? sent[name] : result ? undefined : draft?.fields[name])
  const hrefFor = (f: TopicFilter) => (f === 'all' ? `/community/${space.slug}` : `/community/${space.slug}?filter=${f}`)
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/community" className="link">
          ← Community
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">
        <SpaceName name={space.name} colour={space.colour} />
      </h1>
      {space.description ? <p className="mt-1 text-sm text-slate-700">{space.description}</p> : null}
      <Form method="post" action="/community/following" className="mt-3" preventScrollReset>
        <input type="hidden" name="space" value={space.slug} />
        <input type="hidden" name="follow" value="space" />
        <input type="hidden" name="on" value={follows.space ? 'off' : 'on'} />
        <input type="hidden" name="back" value="space" />
        <button type="submit" className="btn-secondary" aria-pressed={follows.space}>
          {follows.space ? 'Following this space' : 'Follow this space'}
        </button>{' '}
        <Link to="/community/following" className="link text-sm">
          Everything you follow
        </Link>
      </Form>

      <nav aria-label="Filter topics" className="mt-6 flex flex-wrap gap-2">
        {TOPIC_FILTERS.map((f) => (
          <Link key={f} to={hrefFor(f)} aria-current={f === filter ? 'page' : undefined} className={`badge ${f === filter ? 'bg-brand-100 text-brand-800' : ''}`}>
            {FILTER_LABELS[f]}
          </Link>
        ))}
      </nav>

      {allTags.length ? (
        <nav aria-label="Filter by tag" className="mt-3 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">Tags:</span>
          {allTags.map((t) => (
            <Link
              key={t.tag}
              to={`/community/${space.slug}?tag=${encodeURIComponent(t.tag)}`}
              aria-current={t.tag === tag ? 'page' : undefined}
              className={`badge ${t.tag === tag ? 'bg-brand-100 text-brand-800' : 'bg-slate-100 text-slate-700'}`}
            >
              #{t.tag}{' '}
              <span className="sr-only">
                ({t.topics} {t.topics === 1 ? 'topic' : 'topics'})
              </span>
            </Link>
          ))}
          {tag ? (
            <Link to={`/community/${space.slug}`} className="link">
              Clear the tag filter
            </Link>
          ) : null}
        </nav>
      ) : null}

      <section aria-labelledby="topics-heading" className="mt-4">
        <h2 id="topics-heading" className="sr-only">
          {FILTER_LABELS[filter]} ({total})
        </h2>
        {topics.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">{tag ? `No topics tagged #${tag} here.` : EMPTY[filter]}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="topic-list">
            {topics.map((t) => (
              <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 p-4">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    {t.pinned ? <span className="badge bg-slate-800 text-white">Pinned</span> : null}
                    <KindBadge kind={t.kind} answered={t.answered} />
                    {t.locked ? <span className="badge bg-slate-200 text-slate-800">Locked</span> : null}
                    {t.state === 'held' ? <span className="badge bg-amber-100 text-amber-900">Awaiting review</span> : null}
                    {t.state === 'hidden' ? <span className="badge bg-slate-100 text-slate-700">Hidden</span> : null}
                    <Link to={`/community/${space.slug}/${t.id}`} className="link font-medium">
                      {t.title}
                    </Link>
                    <UnreadBadge count={unread[t.id]?.unread ?? 0} isNew={unread[t.id]?.isNew} what="reply" />
                  </p>
                  <Byline name={t.authorName ?? 'A former member'} orgName={t.authorOrgName} />
                  <TagList tags={tags[t.id] ?? []} spaceSlug={space.slug} />
                </div>
                <p className="text-xs text-slate-600 sm:text-right">
                  {t.replyCount} {t.replyCount === 1 ? 'reply' : 'replies'}
                  <br />
                  <LocalTime value={t.lastActivityAt} />
                </p>
              </li>
            ))}
          </ul>
        )}
        <TopicPager newer={newer} older={older} />
      </section>

      <section aria-labelledby="new-topic-heading" className="card mt-8">
        <h2 id="new-topic-heading" className="text-lg font-semibold">
          Start a topic
        </h2>
        {canPost ? (
          <Form id="new-topic-form" method="post" className="mt-3 space-y-3" noValidate>
            <FormErrors errors={formErrors} />
            <fieldset>
              <legend className="label">Kind</legend>
              <div className="flex flex-wrap gap-4 text-sm">
                <label className="flex items-center gap-2">
                  <input type="radio" name="kind" value="question" defaultChecked={!echo('kind') || echo('kind') === 'question'} /> Question (can have an accepted answer)
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="kind" value="discussion" defaultChecked={echo('kind') === 'discussion'} /> Discussion
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="kind" value="request" defaultChecked={echo('kind') === 'request'} /> Partner request (ask the ecosystem for help with a deal)
                </label>
              </div>
              <ErrorList errors={errors.kind} />
            </fieldset>
            <div>
              <label htmlFor="topic-title" className="label">
                Title
              </label>
              <input
                id="topic-title"
                name="title"
                defaultValue={echo('title')}
                className="input"
                required
                minLength={5}
                maxLength={TITLE_MAX}
                aria-invalid={errors.title ? true : undefined}
                aria-describedby={errors.title ? 'topic-title-error' : undefined}
              />
              <ErrorList id="topic-title-error" errors={errors.title} />
            </div>
            <div>
              <label htmlFor="topic-body" className="label">
                Text
              </label>
              <textarea
                id="topic-body"
                name="body"
                defaultValue={echo('body')}
                rows={6}
                className="input"
                required
                maxLength={BODY_MAX}
                aria-invalid={errors.body ? true : undefined}
                aria-describedby="topic-body-hint"
              />
              <p id="topic-body-hint" className="mt-1 text-xs text-slate-500">
                Markdown: **bold**, `code`, ``` code blocks ```, [links](https://example.com), lists.
              </p>
              <ErrorList errors={errors.body} />
            </div>
            <TagsField id="topic-tags" defaultValue={echo('tags')} errors={errors.tags} />
            <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2" aria-describedby="request-hint">
              <legend className="px-1 text-sm font-medium">Partner request details</legend>
              <p id="request-hint" className="text-xs text-slate-600 sm:col-span-2">
                Only for a partner request: matching partners are suggested from what you need, the region and the industry.
              </p>
              <div className="sm:col-span-2">
                <label htmlFor="request-need" className="label">
                  What you need (a few words)
                </label>
                <input
                  id="request-need"
                  name="need"
                  defaultValue={echo('need')}
                  maxLength={200}
                  className="input"
                  aria-invalid={errors.need ? true : undefined}
                  placeholder="Salesforce migration partner"
                />
                <ErrorList errors={errors.need} />
              </div>
              <div>
                <label htmlFor="request-region" className="label">
                  Region
                </label>
                <select id="request-region" name="region" defaultValue={echo('region') ?? ''} className="input">
                  <option value="">Any region</option>
                  {REGIONS.map((r) => (
                    <option key={r} value={r}>
                      {REGION_LABELS[r] ?? r}
                    </option>
                  ))}
                </select>
                <ErrorList errors={errors.region} />
              </div>
              <div>
                <label htmlFor="request-industry" className="label">
                  Industry
                </label>
                <select id="request-industry" name="industry" defaultValue={echo('industry') ?? ''} className="input">
                  <option value="">Any industry</option>
                  {INDUSTRIES.map((i) => (
                    <option key={i} value={i}>
                      {INDUSTRY_LABELS[i] ?? i}
                    </option>
                  ))}
                </select>
                <ErrorList errors={errors.industry} />
              </div>
              <div>
                <label htmlFor="request-skills" className="label">
                  Skills (comma-separated)
                </label>
                <input id="request-skills" name="skills" defaultValue={echo('skills')} maxLength={500} className="input" aria-invalid={errors.skills ? true : undefined} />
                <ErrorList errors={errors.skills} />
              </div>
              <div>
                <label htmlFor="request-deadline" className="label">
                  Needed by
                </label>
                <input id="request-deadline" name="deadline" type="date" defaultValue={echo('deadline')} className="input" aria-invalid={errors.deadline ? true : undefined} />
                <ErrorList errors={errors.deadline} />
              </div>
            </fieldset>
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" className="btn-primary" disabled={navigation.state === 'submitting'}>
                Post topic
              </button>
              <button type="submit" name="intent" value="draft" formNoValidate className="btn-secondary">
                Save draft
              </button>
              {draft ? (
                <button type="submit" name="intent" value="discard-draft" formNoValidate className="btn-secondary">
                  Discard draft
                </button>
              ) : null}
              <p className="text-xs text-slate-600" aria-live="polite" data-testid="topic-draft-status">
                {draftStatus ??
                  (draft ? (
                    <>
                      Your draft was saved <LocalTime value={draft.updatedAt} />.
                    </>
                  ) : null)}
              </p>
            </div>
          </Form>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Your organization can read the community but not post right now.</p>
        )}
      </section>
    </main>
  )
}

/**
 * "Newer" and "Older" as plain links keeping the filter and tag: the list pages by keyset
 * (`?after=`/`?before=` a topic's place), so a deep page costs what the first does. "Newest"
 * goes back to the top.
 */
function TopicPager({ newer, older }: { newer: string | null; older: string | null }) {
  const hrefWith = useHrefWith()
  const at = (key: 'after' | 'before' | null, cursor: string | null) => hrefWith({ after: null, before: null, page: null, ...(key && cursor ? { [key]: cursor } : {}) })
  return <CursorPager label="Topic pages" noun="topics" newest={newer ? at(null, null) : null} newer={newer ? at('before', newer) : null} older={older ? at('after', older) : null} />
}
