import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { endConnection, updateSharing } from '#app/features/accounts/connections.server.ts'
import { overlapPage } from '#app/features/accounts/overlap.server.ts'
import { SharingFields } from '#app/features/accounts/sharing-fields.tsx'
import { POPULATION_LABELS, POPULATION_SINGULAR, POPULATIONS, SHARING_LABELS, SharingSchema } from '#app/features/accounts/schemas.ts'
import { Alert, MappingTabs } from '#app/features/accounts/ui.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { isOrgAdmin } from '#app/features/auth/actor.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { replyErrors, useFocusFirstError } from '#app/components/forms.tsx'
import { cosellHref, referHref } from '#app/utils/start-links.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { pageParam } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Account overlap · Partner Hub' }]

const QuerySchema = z.object({
  mine: z.enum(POPULATIONS).optional().catch(undefined),
  theirs: z.enum(POPULATIONS).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: pageParam,
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const { matrix, list } = await orThrowResponse(overlapPage(actor, params.id ?? '', query))
  return { query, matrix, list: list ? { accounts: list.accounts, total: list.total, page: list.page, pageSize: list.pageSize } : null, isAdmin: isOrgAdmin(actor) }
}

const ConnectionForm = z.discriminatedUnion('intent', [z.object({ intent: z.literal('sharing'), share: SharingSchema.default({}) }), z.object({ intent: z.literal('end') })])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), ConnectionForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: ConnectionForm })
  const value = submission.value
  try {
    if (value.intent === 'sharing') {
      await updateSharing(actor, params.id ?? '', value.share)
      return redirectWithToast(`/connections/${params.id}`, { type: 'success', title: 'Sharing updated' })
    }
    const conn = await endConnection(actor, params.id ?? '')
    return redirectWithToast('/connections', { type: 'info', title: `Connection with ${conn.partner.name} ended` })
  } catch (error) {
    return domainReply(submission, error, { schema: ConnectionForm })
  }
}

export default function OverlapPage() {
  const { query, matrix, list, isAdmin } = useLoaderData<typeof loader>()
  // The sharing and end forms hold only choices and buttons: their errors show at the top.
  const errors = replyErrors(useActionData<typeof action>())
  useFocusFirstError(errors.length ? errors : null)
  const { connection, cells } = matrix
  const cell = (mine: string, theirs: string) => cells.find((c) => c.mine === mine && c.theirs === theirs)!
  const listHref = (p: Record<string, string | undefined>) => {
    const merged = { ...query, page: undefined, ...p } as Record<string, string | number | undefined>
    return `/connections/${connection.id}?${new URLSearchParams(
      Object.entries(merged)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, String(v)]),
    )}`
  }
  const partnerSlug = connection.partner.slug
  const selected = (mine: string, theirs: string) => query.mine === mine && query.theirs === theirs
  const namesIn = (side: 'mine' | 'theirs', p: string) => cells.some((c) => c[side] === p && c.level === 'names' && (c.count ?? 0) > 0)
  const filterLabel = [query.mine ? `your ${POPULATION_LABELS[query.mine].toLowerCase()}` : null, query.theirs ? `their ${POPULATION_LABELS[query.theirs].toLowerCase()}` : null]
    .filter(Boolean)
    .join(' × ')
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <MappingTabs current="connections" isPartner />
      <p className="text-sm">
        <Link to="/connections" className="link">
          ← Connections
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Overlap with {connection.partner.name}</h1>
      {errors.length ? (
        <div className="mt-4">
          <Alert>{errors.join(' ')}</Alert>
        </div>
      ) : null}
      {connection.status !== 'accepted' ? (
        <div className="mt-4">
          <Alert kind="info">
            {connection.status === 'requested'
              ? connection.side === 'requester'
                ? `Waiting for ${connection.partner.name} to accept. Nothing is shared until then.`
                : 'Answer this request on the connections page. Nothing is shared until you accept.'
              : `This connection has ${connection.status === 'ended' ? 'ended' : 'been declined'}; nothing is shared.`}
          </Alert>
        </div>
      ) : null}

      <section className="mt-6" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading" className="text-lg font-semibold">
          Shared accounts by list
        </h2>
        <p className="mt-1 text-sm text-slate-600">Rows are your lists, columns are {connection.partner.name}’s. A cell is hidden when either of you does not share one of its two lists.</p>
        {/* The card is the scrolling box: on a phone the matrix scrolls inside it, the card stays on screen. */}
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="overlap-matrix-card">
          <table className="table" data-testid="overlap-matrix">
            <thead>
              <tr>
                <th scope="col">You \ {connection.partner.name}</th>
                {POPULATIONS.map((p) => (
                  <th key={p} scope="col">
                    {list && namesIn('theirs', p) ? (
                      <Link className="link" to={`${listHref({ mine: undefined, theirs: p })}#list-heading`} aria-current={!query.mine && query.theirs === p ? 'true' : undefined}>
                        Their {POPULATION_LABELS[p].toLowerCase()}
                      </Link>
                    ) : (
                      <>Their {POPULATION_LABELS[p].toLowerCase()}</>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {POPULATIONS.map((mine) => (
                <tr key={mine}>
                  <th scope="row">
                    {list && namesIn('mine', mine) ? (
                      <Link className="link" to={`${listHref({ mine, theirs: undefined })}#list-heading`} aria-current={query.mine === mine && !query.theirs ? 'true' : undefined}>
                        Your {POPULATION_LABELS[mine].toLowerCase()}
                      </Link>
                    ) : (
                      <>Your {POPULATION_LABELS[mine].toLowerCase()}</>
                    )}
                  </th>
                  {POPULATIONS.map((theirs) => {
                    const c = cell(mine, theirs)
                    return (
                      <td key={theirs} data-testid={`cell-${mine}-${theirs}`} className={`text-lg ${selected(mine, theirs) ? 'bg-brand-50 ring-2 ring-inset ring-brand-500' : ''}`}>
                        {c.count === null ? (
                          <span className="text-sm text-slate-600" title="Not shared">
                            Not shared
                          </span>
                        ) : c.level === 'names' && c.count > 0 ? (
                          <Link
                            className="link font-semibold"
                            to={`${listHref({ mine, theirs })}#list-heading`}
                            aria-current={selected(mine, theirs) ? 'true' : undefined}
                            aria-label={`${c.count} accounts: your ${POPULATION_SINGULAR[mine]}, their ${POPULATION_SINGULAR[theirs]} — show them below`}
                          >
                            {c.count.toLocaleString('en-US')}
                          </Link>
                        ) : (
                          <span className="font-semibold" title={c.level === 'counts' ? 'Only the count is shared, not the names' : undefined}>
                            {c.count.toLocaleString('en-US')}
                          </span>
                        )}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {list ? (
        <section className="mt-8" aria-labelledby="list-heading">
          <h2 id="list-heading" className="text-lg font-semibold" data-testid="list-heading">
            Overlapping accounts{filterLabel ? <span className="font-normal text-slate-600">: {filterLabel}</span> : null}
          </h2>
          <p className="mt-1 text-sm text-slate-600">Choose a number in the table above to list just those accounts.</p>
          <Form method="get" className="mt-3 flex flex-wrap items-end gap-2" role="search">
            {query.mine ? <input type="hidden" name="mine" value={query.mine} /> : null}
            {query.theirs ? <input type="hidden" name="theirs" value={query.theirs} /> : null}
            <div>
              <label htmlFor="q" className="label">
                Search
              </label>
              <input id="q" name="q" type="search" defaultValue={query.q ?? ''} className="input" placeholder="Name or domain" />
            </div>
            <button type="submit" className="btn-secondary">
              Search
            </button>
            {query.mine || query.theirs || query.q ? (
              <Link to={`/connections/${connection.id}`} className="link text-sm">
                Show all
              </Link>
            ) : null}
          </Form>
          {list.total === 0 ? (
            <p className="mt-4 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">No shared accounts to list{query.mine || query.q ? ' for this filter' : ''}.</p>
          ) : (
            <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="table" data-testid="overlap-list">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Domain</th>
                    <th scope="col">Yours</th>
                    <th scope="col">Theirs</th>
                    <th scope="col">Act on it</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {list.accounts.map((a) => {
                    return (
                      <tr key={a.domain}>
                        <td className="font-medium">{a.name}</td>
                        <td className="text-slate-600">{a.domain}</td>
                        <td>
                          <span className="badge">{POPULATION_SINGULAR[a.myPopulation]}</span>
                        </td>
                        <td>
                          <span className="badge">{POPULATION_SINGULAR[a.theirPopulation]}</span>
                        </td>
                        <td className="whitespace-nowrap">
                          <Link
                            className="link mr-3"
                            to={cosellHref({ invite: partnerSlug, accountName: a.name, accountDomain: a.domain })}
                            aria-label={`Co-sell ${a.name} with ${connection.partner.name}`}
                          >
                            Co-sell
                          </Link>
                          <Link className="link" to={referHref({ to: partnerSlug, accountName: a.name, accountDomain: a.domain })} aria-label={`Refer ${a.name} to ${connection.partner.name}`}>
                            Refer
                          </Link>
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={list.page} pageCount={pageCountOf(list.total, list.pageSize)} total={list.total} label="Pagination" href={(page) => listHref({ page: String(page) })} />
        </section>
      ) : null}

      <section className="mt-8 grid gap-6 lg:grid-cols-2">
        <div className="card min-w-0">
          <h2 id="sharing-heading" className="text-lg font-semibold">
            What each side shares
          </h2>
          {/* On a phone the four columns are wider than the card: the table scrolls inside it (by keyboard too). */}
          <div className="mt-3 overflow-x-auto" data-testid="sharing-table" role="region" aria-labelledby="sharing-heading" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">List</th>
                  <th scope="col">You</th>
                  <th scope="col">{connection.partner.name}</th>
                  <th scope="col">Applies</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {POPULATIONS.map((p) => (
                  <tr key={p}>
                    <th scope="row">{POPULATION_LABELS[p]}</th>
                    <td>{SHARING_LABELS[connection.mine[p]]}</td>
                    <td>{connection.status === 'requested' && connection.side === 'requester' ? '—' : SHARING_LABELS[connection.theirs[p]]}</td>
                    <td className="font-medium">{SHARING_LABELS[connection.effective[p]]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        {isAdmin && (connection.status === 'accepted' || connection.status === 'requested') ? (
          <div className="card space-y-4">
            <Form method="post" className="space-y-4">
              <input type="hidden" name="intent" value="sharing" />
              <SharingFields defaults={connection.mine} legend="Change what you share" />
              <button type="submit" className="btn-primary">
                Save sharing
              </button>
            </Form>
            {connection.status === 'accepted' || connection.side === 'requester' ? (
              <Form
                method="post"
                onSubmit={(e) => {
                  if (!confirm('End this connection? Sharing stops for both sides at once.')) e.preventDefault()
                }}
              >
                <input type="hidden" name="intent" value="end" />
                <button type="submit" className="btn-danger">
                  {connection.status === 'accepted' ? 'End connection' : 'Withdraw request'}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>
    </main>
  )
}
