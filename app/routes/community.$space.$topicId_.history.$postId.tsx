import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pager } from '#app/components/pager.tsx'
import { postHistory } from '#app/features/community/posts.server.ts'
import { replyHref } from '#app/features/community/schemas.ts'
import { SpaceName } from '#app/features/community/ui.tsx'
import { Prose } from '#app/features/listings/ui/components.tsx'
import { orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit history · ${data?.topic.title ?? 'Topic'} · Community · Partner Hub` }]

/** GET /community/:space/:topicId/history/:postId — a topic's or a reply's earlier versions, for anyone who sees the post. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const slug = requireParamId(params.space, 'that community space')
  const topicId = requireParamId(params.topicId, 'that topic')
  const postId = requireParamId(params.postId, 'that post')
  return orThrowResponse(postHistory(actor, slug, topicId, postId, Object.fromEntries(new URL(request.url).searchParams)))
}

export default function PostHistoryPage() {
  const { space, topic, post, revisions, total, page, pageCount } = useLoaderData<typeof loader>()
  const back = post.isTopic ? `/community/${space.slug}/${topic.id}` : replyHref(space.slug, topic.id, post.id)
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/community" className="link">
          Community
        </Link>{' '}
        ›{' '}
        <Link to={`/community/${space.slug}`} className="link">
          <SpaceName name={space.name} colour={space.colour} />
        </Link>{' '}
        ›{' '}
        <Link to={back} className="link">
          {topic.title}
        </Link>
      </nav>
      <h1 className="mt-3 text-2xl font-bold text-slate-900">Edit history</h1>
      <p className="mt-1 text-sm text-slate-600">
        {post.isTopic ? 'The topic' : 'A reply'} by {post.authorName}, posted <LocalTime value={post.createdAt} />.{' '}
        {total === 0 ? 'It has not been edited.' : `${total} earlier ${total === 1 ? 'version' : 'versions'}, newest first.`}
      </p>
      <section aria-labelledby="current-heading" className="card mt-4">
        <h2 id="current-heading" className="text-lg font-semibold">
          Current version
          {post.editedAt ? (
            <span className="ml-2 text-sm font-normal text-slate-600">
              (edited <LocalTime value={post.editedAt} />)
            </span>
          ) : null}
        </h2>
        {post.title ? <p className="mt-2 font-medium">{post.title}</p> : null}
        <Prose html={post.bodyHtml} className="mt-2" />
      </section>
      {revisions.length === 0 ? (
        <p className="mt-4 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">No earlier versions.</p>
      ) : (
        <ol className="mt-4 space-y-3" aria-label="Earlier versions" data-testid="revisions">
          {revisions.map((r) => (
            <li key={r.id} className="card">
              <p className="text-xs text-slate-600">
                Replaced <LocalTime value={r.replacedAt} /> by {r.editedByName}
              </p>
              {r.title ? <p className="mt-2 font-medium">{r.title}</p> : null}
              <Prose html={r.bodyHtml} className="mt-2" />
            </li>
          ))}
        </ol>
      )}
      <Pager page={page} pageCount={pageCount} label="History pages" />
      <p className="mt-4">
        <Link to={back} className="link">
          Back to the topic
        </Link>
      </p>
    </main>
  )
}
