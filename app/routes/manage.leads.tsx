import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { LocalTime } from '#app/components/local-time.tsx'
import { Pager } from '#app/components/pager.tsx'
import { listLeads, setLeadStatus, type LeadRow } from '#app/features/leads/leads.server.ts'
import { CONVERSION_LABELS, DISCARD_REASON_MAX, LEAD_STATUS_LABELS, LEAD_STATUS_VALUES, LeadListQuery, LeadStatusSchema, type LeadStatusValue } from '#app/features/leads/schemas.ts'
import { cosellHref, referHref, registerHref } from '#app/utils/start-links.ts'
import { readForm } from '#app/utils/form.server.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'

export const meta: MetaFunction = () => [{ title: 'Leads · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const query = LeadListQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
  return {
    ...(await orThrowResponse(listLeads(actor, query))),
    status: query.status,
    listing: query.listing ?? '',
    canAct: actor.orgStatus === 'active',
    isPartner: actor.orgKind === 'partner',
  }
}

const TOASTS: Record<Exclude<LeadStatusValue, 'converted'>, string> = {
  new: 'is new again',
  contacted: 'marked contacted',
  qualified: 'marked qualified',
  discarded: 'discarded',
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), LeadStatusSchema)
  // The lead's id and the status are the buttons' own values: a bad one is a stale or forged form (400); a missing reason goes back beside its field.
  if (submission.status !== 'success') return invalidReply(submission, { schema: LeadStatusSchema, idFields: ['leadId', 'status'] })
  try {
    const lead = await setLeadStatus(actor, submission.value)
    const back = new URL(request.url)
    return redirectWithToast(`${back.pathname}${back.search}`, { type: 'success', title: `Lead from ${lead.name} ${TOASTS[submission.value.status]}` })
  } catch (error) {
    return domainReply(submission, error, { schema: LeadStatusSchema })
  }
}

const BADGE: Record<LeadStatusValue, string> = {
  new: 'bg-amber-100 text-amber-900',
  contacted: 'bg-sky-100 text-sky-900',
  qualified: 'bg-indigo-100 text-indigo-900',
  converted: 'bg-green-100 text-green-800',
  discarded: 'bg-slate-200 text-slate-800',
}

/** The next steps a partner takes by hand from a status (conversion is a link to the form it opens). */
const NEXT: Record<LeadStatusValue, LeadStatusValue[]> = {
  new: ['contacted', 'qualified'],
  contacted: ['qualified', 'new'],
  qualified: ['contacted'],
  converted: [],
  discarded: ['new'],
}
const NEXT_LABEL: Partial<Record<LeadStatusValue, string>> = { new: 'Mark new', contacted: 'Mark contacted', qualified: 'Mark qualified' }

export default function ManageLeads() {
  const { rows, counts, total, page, pageCount, status, listing, listings, canAct, isPartner } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failedLead = result && 'initialValue' in result ? String(result.initialValue?.leadId ?? '') : ''
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const all = Object.values(counts).reduce((a, b) => a + b, 0)
  const tabHref = (value: string) => {
    const p = new URLSearchParams()
    if (value !== 'all') p.set('status', value)
    if (listing) p.set('listing', listing)
    const s = p.toString()
    return `/manage/leads${s ? `?${s}` : ''}`
  }
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold text-slate-900">Leads</h1>
      <p className="mt-1 text-slate-600">
        Visitors who contacted your organization from its profile or a listing. Reply by email and mark the lead contacted, qualify it, then convert it to a referral, a co-sell or a deal registration
        — or discard it with a reason.
      </p>
      <nav aria-label="Filter leads by status" className="mt-4 flex flex-wrap gap-1">
        {(['all', ...LEAD_STATUS_VALUES] as const).map((value) => (
          <Link
            key={value}
            to={tabHref(value)}
            aria-current={status === value ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${status === value ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {value === 'all' ? `All (${all})` : `${LEAD_STATUS_LABELS[value]} (${counts[value]})`}
          </Link>
        ))}
      </nav>
      {listings.length ? (
        <Form method="get" className="mt-3 flex flex-wrap items-end gap-2" aria-label="Filter leads by listing">
          {status !== 'all' ? <input type="hidden" name="status" value={status} /> : null}
          <div>
            <label htmlFor="listing" className="label">
              Listing
            </label>
            <select id="listing" name="listing" className="input" defaultValue={listing}>
              <option value="">All listings and the profile</option>
              {listings.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.title}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            Show
          </button>
        </Form>
      ) : null}
      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600" data-testid="leads-empty">
          {total === 0 && status === 'all' && !listing
            ? 'No leads yet. When a visitor uses “Contact” on your profile or “Request a demo” on a listing, the message arrives here and your admins are notified.'
            : status === 'new'
              ? 'No new leads: you are all caught up.'
              : 'No leads match these filters.'}
        </p>
      ) : (
        <ul className="mt-6 space-y-4" data-testid="leads">
          {rows.map((lead) => (
            <LeadItem key={lead.id} lead={lead} canAct={canAct} isPartner={isPartner} busy={busy} error={failedLead === lead.id ? result : undefined} />
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} label="Lead pages" />
    </main>
  )
}

type Reply = { error?: Record<string, string[] | null> | null } | undefined

function LeadItem({ lead, canAct, isPartner, busy, error }: { lead: LeadRow; canAct: boolean; isPartner: boolean; busy: boolean; error: Reply }) {
  const status = lead.status as LeadStatusValue
  const reasonError = error?.error?.reason?.[0]
  const formError = error?.error?.['']?.[0]
  const open = status !== 'converted' && status !== 'discarded'
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="lead" aria-labelledby={`lead-${lead.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={`lead-${lead.id}`} className="font-semibold text-slate-900">
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
        <span className={`badge ${BADGE[status]}`} data-testid="lead-status">
          {LEAD_STATUS_LABELS[status]}
        </span>
      </div>
      <p className="mt-3 whitespace-pre-line break-words text-slate-800">{lead.message}</p>
      {status === 'converted' && lead.convertedHref ? (
        <p className="mt-3 text-sm text-slate-700" data-testid="lead-converted">
          Converted to{' '}
          <Link to={lead.convertedHref} className="link">
            {CONVERSION_LABELS[lead.convertedKind!]}
          </Link>
          {lead.convertedAt ? (
            <>
              {' '}
              on <LocalTime value={lead.convertedAt} />
            </>
          ) : null}
          .
        </p>
      ) : null}
      {status === 'discarded' && lead.discardReason ? (
        <p className="mt-3 text-sm text-slate-700" data-testid="lead-discard-reason">
          Discarded: {lead.discardReason}
        </p>
      ) : null}
      {formError ? (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      {canAct && NEXT[status].length ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {NEXT[status].map((next) => (
            <Form method="post" key={next}>
              <input type="hidden" name="leadId" value={lead.id} />
              <button type="submit" name="status" value={next} className="btn-secondary" disabled={busy} aria-label={`${NEXT_LABEL[next]}: lead from ${lead.name}`}>
                {NEXT_LABEL[next]}
              </button>
            </Form>
          ))}
          {open && isPartner ? (
            <span className="flex flex-wrap items-center gap-2 text-sm" data-testid="lead-convert">
              <span className="text-slate-600">Convert to:</span>
              <Link to={referHref({ fromLead: lead.id })} className="btn-secondary" aria-label={`Convert the lead from ${lead.name} to a referral`}>
                Referral
              </Link>
              <Link to={cosellHref({ fromLead: lead.id })} className="btn-secondary" aria-label={`Convert the lead from ${lead.name} to a co-sell`}>
                Co-sell
              </Link>
              <Link to={registerHref({ fromLead: lead.id })} className="btn-secondary" aria-label={`Convert the lead from ${lead.name} to a deal registration`}>
                Deal registration
              </Link>
            </span>
          ) : null}
        </div>
      ) : null}
      {canAct && open ? (
        <details className="mt-3" open={Boolean(reasonError)}>
          <summary className="cursor-pointer text-sm text-slate-700">Discard this lead…</summary>
          <Form method="post" className="mt-2 flex flex-wrap items-end gap-2" noValidate>
            <input type="hidden" name="leadId" value={lead.id} />
            <div className="min-w-64 flex-1">
              <label htmlFor={`reason-${lead.id}`} className="label">
                Why? (the reason stays with the lead)
              </label>
              <input
                id={`reason-${lead.id}`}
                name="reason"
                className="input"
                maxLength={DISCARD_REASON_MAX}
                required
                minLength={3}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `reason-${lead.id}-error` : undefined}
              />
              {reasonError ? (
                <p id={`reason-${lead.id}-error`} className="field-error" role="alert">
                  {reasonError}
                </p>
              ) : null}
            </div>
            <button type="submit" name="status" value="discarded" className="btn-secondary" disabled={busy}>
              Discard
            </button>
          </Form>
        </details>
      ) : null}
    </li>
  )
}
