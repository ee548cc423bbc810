import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pager } from '#app/components/pager.tsx'
import { FollowSchema } from '#app/features/community/post-schemas.ts'
import { listFollowing, setFollow } from '#app/features/community/posts.server.ts'
import { SpaceName } from '#app/features/community/ui.tsx'
import { readForm } from '#app/utils/form.server.ts'
import { formIdSchema, orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'Following · Community · Partner Hub' }]

/** GET /community/following — the spaces and topics you follow (and still see), newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  return orThrowResponse(listFollowing(actor, Object.fromEntries(new URL(request.url).searchParams)))
}

/** Follow or unfollow a space (from its page) or a topic (from this list); comes back to where it was sent from. */
const FollowForm = FollowSchema.extend({
  space: z.string({ required_error: 'Choose a space.' }).trim().min(1, 'Choose a space.').max(60, 'Choose a space.'),
  topicId: formIdSchema('topic').optional(),
  /** Where to come back to: the space's page or this list (nothing else). */
  back: z.enum(['space', 'following']).default('following'),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), FollowForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: FollowForm, idFields: ['topicId'] })
  const { space, topicId, back, ...value } = submission.value
  try {
    const { follow, on } = await setFollow(actor, space, topicId ?? null, value)
    return redirectWithToast(back === 'space' ? `/community/${space}` : '/community/following', {
      type: 'success',
      title: on ? `You follow this ${follow}` : `You no longer follow this ${follow}`,
    })
  } catch (error) {
    return domainReply(submission, error, { schema: FollowForm })
  }
}

export default function FollowingPage() {
  const { items, page, pageCount, total } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/community" className="link">
          Community
        </Link>
      </nav>
      <h1 className="mt-3 text-2xl font-bold text-slate-900">Following</h1>
      <p className="mt-1 text-sm text-slate-600">You hear of new topics in the spaces you follow, and of new replies in the topics you follow (in your notifications, as your preferences say).</p>
      {result?.error?.[''] ? (
        <div className="mt-4">
          <FormErrors errors={result.error['']} />
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="mt-6 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">
          You follow nothing yet. Open a space or a topic and choose “Follow”.{' '}
          <Link to="/community" className="link">
            Browse the spaces
          </Link>
        </p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-md border border-slate-200" aria-label={`${total} followed`} data-testid="following">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div>
                {item.topic ? (
                  <>
                    <Link to={`/community/${item.space.slug}/${item.topic.id}`} className="link font-medium">
                      {item.topic.title}
                    </Link>
                    <p className="text-xs text-slate-600">
                      Topic in <SpaceName name={item.space.name} colour={item.space.colour} /> · followed <LocalTime value={item.followedAt} />
                    </p>
                  </>
                ) : (
                  <>
                    <Link to={`/community/${item.space.slug}`} className="link font-medium">
                      <SpaceName name={item.space.name} colour={item.space.colour} />
                    </Link>
                    <p className="text-xs text-slate-600">
                      Space · followed <LocalTime value={item.followedAt} />
                    </p>
                  </>
                )}
              </div>
              <Form method="post">
                <input type="hidden" name="space" value={item.space.slug} />
                {item.topic ? <input type="hidden" name="topicId" value={item.topic.id} /> : null}
                <input type="hidden" name="follow" value={item.topic ? 'topic' : 'space'} />
                <input type="hidden" name="on" value="off" />
                <button type="submit" className="btn-secondary" aria-label={`Unfollow ${item.topic ? item.topic.title : item.space.name}`}>
                  Unfollow
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} label="Following pages" />
    </main>
  )
}
