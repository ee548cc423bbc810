import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pager } from '#app/components/pager.tsx'
import { searchCommunity, searchParamsToObject } from '#app/features/community/search.server.ts'
import { KindBadge } from '#app/features/community/ui.tsx'
import type { TopicKind } from '#db/schema/community.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.query.q ? `“${data.query.q}” · ` : ''}Community search · Partner Hub` }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const params = searchParamsToObject(new URL(request.url).searchParams)
  return orThrowResponse(searchCommunity(actor, params))
}

const KIND_LABELS: Record<string, string> = { discussion: 'Discussions', question: 'Questions', request: 'Partner requests' }
// Discussions and partner requests have no accepted answer either: "Not answered" read as if they all awaited one.
const ANSWERED_LABELS: Record<string, string> = { yes: 'Has an accepted answer', no: 'No accepted answer' }

/** Community search: a box, facets as links that add or remove a filter, and hits from the spaces the person can see. */
export default function CommunitySearch() {
  const { query, hits, total, facets, spaceNames, page, perPage } = useLoaderData<typeof loader>()
  const location = useLocation()
  const navigation = useNavigation()
  const pageCount = pageCountOf(total, perPage)
  const toggle = (key: string, value: string) => {
    const params = new URLSearchParams(location.search)
    const values = params.getAll(key)
    params.delete(key)
    for (const v of values.includes(value) ? values.filter((v) => v !== value) : [...values, value]) params.append(key, v)
    params.delete('page')
    return `?${params.toString()}`
  }
  const groups: { key: 'space' | 'tag' | 'kind' | 'answered'; title: string; label: (v: string) => string; selected: string[] }[] = [
    { key: 'space', title: 'Space', label: (v) => spaceNames[v] ?? v, selected: query.space },
    { key: 'kind', title: 'Kind', label: (v) => KIND_LABELS[v] ?? v, selected: query.kind },
    { key: 'answered', title: 'Accepted answer', label: (v) => ANSWERED_LABELS[v] ?? v, selected: query.answered },
    { key: 'tag', title: 'Tag', label: (v) => `#${v}`, selected: query.tag },
  ]
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/community" className="link">
          ← Community
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Search the community</h1>
      <Form method="get" role="search" className="mt-4 flex gap-2">
        <label htmlFor="community-q" className="sr-only">
          Search topics and answers
        </label>
        <input id="community-q" name="q" type="search" defaultValue={query.q} maxLength={200} className="input" placeholder="Search topics and accepted answers" />
        {query.space.map((v) => (
          <input key={`s${v}`} type="hidden" name="space" value={v} />
        ))}
        <button type="submit" className="btn-primary" disabled={navigation.state === 'loading'}>
          Search
        </button>
      </Form>
      <div className="mt-6 grid gap-6 md:grid-cols-[14rem_1fr]">
        <aside aria-label="Filter results" className="space-y-4 text-sm">
          {groups.map((g) => {
            const values = Object.entries(facets[g.key]).sort((a, b) => b[1] - a[1])
            if (values.length === 0 && g.selected.length === 0) return null
            return (
              <section key={g.key}>
                <h2 className="font-semibold text-slate-800">{g.title}</h2>
                <ul className="mt-1 space-y-1">
                  {values.map(([value, n]) => {
                    const on = g.selected.includes(value)
                    return (
                      <li key={value}>
                        <Link to={toggle(g.key, value)} className={`link ${on ? 'font-semibold' : ''}`} aria-current={on ? 'true' : undefined}>
                          {on ? '✓ ' : ''}
                          {g.label(value)} <span className="text-slate-500">({n})</span>
                        </Link>
                      </li>
                    )
                  })}
                </ul>
              </section>
            )
          })}
        </aside>
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="text-sm text-slate-600" aria-live="polite">
            {total.toLocaleString('en-US')} {total === 1 ? 'result' : 'results'}
            {query.q ? ` for “${query.q}”` : ''}
          </h2>
          {hits.length === 0 ? (
            <p className="mt-3 rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">
              {query.q ? 'Nothing matches. Try fewer or different words, or remove a filter.' : 'Type a few words to search topics and accepted answers.'}
            </p>
          ) : (
            <ol className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="community-results">
              {hits.map((h) => (
                <li key={h.id} className="p-4">
                  <p className="flex flex-wrap items-center gap-2">
                    {h.docType === 'answer' ? <span className="badge bg-green-100 text-green-800">Accepted answer</span> : <KindBadge kind={h.topicKind as TopicKind} answered={h.answered} />}
                    <Link to={h.url} className="link font-medium">
                      {h.title}
                    </Link>
                  </p>
                  <p className="mt-1 line-clamp-2 text-sm text-slate-700">{h.snippet}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {h.spaceName} · {h.authorName} · <LocalTime value={h.publishedAt} />
                  </p>
                </li>
              ))}
            </ol>
          )}
          <Pager page={page} pageCount={pageCount} label="Result pages" />
        </section>
      </div>
    </main>
  )
}
