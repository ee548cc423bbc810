import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { LocalTime } from '#app/components/local-time.tsx'
import { isVendor } from '#app/features/auth/actor.ts'
import { VISIBILITY_LABELS } from '#app/features/community/schemas.ts'
import { listSpaces } from '#app/features/community/spaces.server.ts'
import { SpaceName, UnreadBadge } from '#app/features/community/ui.tsx'
import { useSpacesLive } from '#app/features/community/live.tsx'
import { unreadBySpace } from '#app/features/community/reads.server.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Community · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const [spaces, unread] = await orThrowResponse(Promise.all([listSpaces(actor), unreadBySpace(actor)]))
  return { spaces, unread, isVendor: isVendor(actor) }
}

export default function CommunityIndex() {
  const { spaces, unread, isVendor } = useLoaderData<typeof loader>()
  useSpacesLive(spaces.map((s) => s.id))
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Community</h1>
          <p className="mt-1 text-sm text-slate-600">Ask other partners and the vendor’s team, share what worked, and find answers.</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <form method="get" action="/community/search" role="search" className="flex gap-2">
            <label htmlFor="community-search" className="sr-only">
              Search the community
            </label>
            <input id="community-search" name="q" type="search" maxLength={200} className="input min-w-0 sm:w-72" placeholder="Search topics and answers" />
            <button type="submit" className="btn-secondary">
              Search
            </button>
          </form>
          <Link to="/community/following" className="btn-secondary">
            Following
          </Link>
          {isVendor ? (
            <Link to="/admin/community" className="btn-secondary">
              Manage spaces
            </Link>
          ) : null}
        </div>
      </div>
      {spaces.length === 0 ? (
        <p className="mt-6 rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">
          {isVendor ? (
            <>
              No spaces yet.{' '}
              <Link to="/admin/community" className="link">
                Create the first one
              </Link>{' '}
              to open the community.
            </>
          ) : (
            'No spaces are open to your organization yet. The vendor’s team opens them; check back soon.'
          )}
        </p>
      ) : (
        <ul className="mt-6 grid gap-4 sm:grid-cols-2" data-testid="community-spaces">
          {spaces.map((s) => (
            <li key={s.id} className="card">
              <h2 className="text-lg font-semibold">
                <Link to={`/community/${s.slug}`} className="link">
                  <SpaceName name={s.name} colour={s.colour} />
                </Link>{' '}
                <UnreadBadge count={unread[s.id] ?? 0} what="topic" />
              </h2>
              {s.description ? <p className="mt-1 text-sm text-slate-700">{s.description}</p> : null}
              <p className="mt-2 text-xs text-slate-600">
                {s.topicCount.toLocaleString('en-US')} {s.topicCount === 1 ? 'topic' : 'topics'} · {s.unansweredCount.toLocaleString('en-US')} unanswered
                {s.lastActivityAt ? (
                  <>
                    {' '}
                    · last activity <LocalTime value={s.lastActivityAt} />
                  </>
                ) : null}
              </p>
              {s.visibility !== 'partners' ? <p className="mt-1 text-xs text-slate-500">Visible to: {VISIBILITY_LABELS[s.visibility]}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
