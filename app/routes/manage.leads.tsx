import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pager } from '#app/components/pager.tsx'
import { listLeads, setLeadStatus } from '#app/features/leads/leads.server.ts'
import { LeadListQuery, LeadStatusSchema } from '#app/features/leads/schemas.ts'
import { readForm } from '#app/utils/form.server.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'

export const meta: MetaFunction = () => [{ title: 'Leads · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const query = LeadListQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
  return { ...(await orThrowResponse(listLeads(actor, query))), show: query.show, canAct: actor.orgKind === 'vendor' || actor.orgStatus === 'active' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), LeadStatusSchema)
  // Each lead's form is only a button: a bad intent or id is a stale or forged form (400).
  if (submission.status !== 'success') return invalidReply(submission, { schema: LeadStatusSchema, idFields: ['intent', 'leadId'] })
  const { intent, leadId } = submission.value
  try {
    const lead = await setLeadStatus(actor, leadId, intent === 'handled' ? 'handled' : 'new')
    const back = new URL(request.url)
    return redirectWithToast(`${back.pathname}${back.search}`, {
      type: 'success',
      title: intent === 'handled' ? `Lead from ${lead.name} marked handled` : `Lead from ${lead.name} is new again`,
    })
  } catch (error) {
    return domainReply(submission, error, { schema: LeadStatusSchema })
  }
}

export default function ManageLeads() {
  const { rows, newCount, page, pageCount, show, canAct } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const tab = (value: 'all' | 'new', text: string) => (
    <Link
      to={value === 'all' ? '/manage/leads' : '/manage/leads?show=new'}
      aria-current={show === value ? 'page' : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${show === value ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}
    >
      {text}
    </Link>
  )
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold text-slate-900">Leads</h1>
      <p className="mt-1 text-slate-600">Visitors who contacted your organization from its profile or a listing. Reply to them by email, then mark the lead handled.</p>
      <nav aria-label="Filter leads" className="mt-4 flex gap-1">
        {tab('all', 'All')}
        {tab('new', `New (${newCount})`)}
      </nav>
      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600" data-testid="leads-empty">
          {show === 'new'
            ? 'No new leads: you are all caught up.'
            : 'No leads yet. When a visitor uses “Contact” on your profile or “Request a demo” on a listing, the message arrives here and your admins are notified.'}
        </p>
      ) : (
        <ul className="mt-6 space-y-4" data-testid="leads">
          {rows.map((lead) => (
            <li key={lead.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="lead">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="font-semibold text-slate-900">
                    {lead.name} <span className="font-normal text-slate-600">· {lead.company}</span>
                  </h2>
                  <p className="text-sm">
                    <a href={`mailto:${lead.email}`} className="link break-all">
                      {lead.email}
                    </a>
                  </p>
                  <p className="mt-1 text-xs text-slate-600">
                    <LocalTime value={lead.createdAt} /> ·{' '}
                    {lead.listingTitle ? (
                      lead.listingSlug ? (
                        <>
                          about{' '}
                          <Link to={`/listings/${lead.listingSlug}`} className="link">
                            {lead.listingTitle}
                          </Link>
                        </>
                      ) : (
                        <>about {lead.listingTitle}</>
                      )
                    ) : (
                      'from your profile'
                    )}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <span className={`badge ${lead.status === 'new' ? 'bg-amber-100 text-amber-900' : 'bg-green-100 text-green-800'}`}>{lead.status === 'new' ? 'New' : 'Handled'}</span>
                  {canAct ? (
                    <Form method="post">
                      <input type="hidden" name="leadId" value={lead.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={lead.status === 'new' ? 'handled' : 'reopen'}
                        className="btn-secondary"
                        disabled={busy}
                        aria-label={`${lead.status === 'new' ? 'Mark handled' : 'Mark new'}: lead from ${lead.name}`}
                      >
                        {lead.status === 'new' ? 'Mark handled' : 'Mark new'}
                      </button>
                    </Form>
                  ) : null}
                </div>
              </div>
              <p className="mt-3 whitespace-pre-line break-words text-slate-800">{lead.message}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} label="Lead pages" />
    </main>
  )
}
