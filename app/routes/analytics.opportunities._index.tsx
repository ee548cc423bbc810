import type { SubmissionResult } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { createOpportunity, importOpportunitiesCsv, listOpportunities, listQuerySchema, opportunityFields } from '#app/features/analytics/opportunities.server.ts'
import { searchParamsObject } from '#app/features/analytics/period.ts'
import { money } from '#app/features/analytics/ui/format.ts'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { replyErrors, replyFor } from '#app/components/forms.tsx'
import { PartnerPicker } from '#app/components/partner-picker.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Pipeline opportunities · Partner Hub' }]

const STAGES = ['prospect', 'qualified', 'technical_validation', 'business_validation', 'committed', 'won', 'lost'] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const parsed = listQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams))
  const query = parsed.success ? parsed.data : listQuerySchema.parse({})
  const list = await orThrowResponse(listOpportunities(actor, query))
  return { ...list, rows: list.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), closedAt: r.closedAt?.toISOString() ?? null })), badQuery: !parsed.success }
}

/** The page's two forms: one opportunity by hand, or a CSV of them. */
const OpportunityAction = z.discriminatedUnion('intent', [
  opportunityFields.extend({ intent: z.literal('create') }),
  z.object({
    intent: z.literal('csv'),
    file: z
      .instanceof(File, { message: 'Choose a CSV file.' })
      .refine((f) => f.size > 0, 'The file is empty.')
      .refine((f) => f.size <= 10 * 1024 * 1024, 'The CSV is larger than 10 MB.'),
  }),
])

type CsvProblems = { intent: 'csv'; problems: { row: number; field: string; message: string }[] }

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const form = await readForm(request, { maxBytes: 11 * 1024 * 1024, maxFileBytes: 10 * 1024 * 1024 })
  const submission = parseSubmission(form, OpportunityAction)
  if (submission.status !== 'success') return invalidReply(submission, { schema: OpportunityAction, idFields: ['intent'] })
  if (submission.value.intent === 'csv') {
    const result = await orThrowResponse(importOpportunitiesCsv(actor, await submission.value.file.text()))
    // Every bad row of the file, listed under the upload form (not a field-by-field reply).
    if (!result.ok) return data<CsvProblems>({ intent: 'csv', problems: result.problems }, { status: 400 })
    return redirectWithToast('/analytics/opportunities', { type: 'success', title: `Added ${result.inserted} opportunities from the CSV.` })
  }
  try {
    // The domain parses the raw fields itself (with the cross-field rules: close date vs stage).
    const row = await createOpportunity(actor, Object.fromEntries(form))
    return redirectWithToast('/analytics/opportunities', { type: 'success', title: `Added ${row.accountName} to the pipeline.` })
  } catch (error) {
    return domainReply(submission, error, { schema: OpportunityAction })
  }
}

export default function Opportunities() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>() as SubmissionResult<string[]> | CsvProblems | undefined
  const csv = a && 'problems' in a ? a : undefined
  const reply = a && !('problems' in a) ? a : undefined
  const created = replyFor(reply, { intent: 'create' })
  const csvErrors = replyErrors(replyFor(reply, { intent: 'csv' }))
  const [params] = useSearchParams()
  const nav = useNavigation()
  const fe: Record<string, string[] | null | undefined> = created?.error ?? {}
  const pages = pageCountOf(d.total, d.pageSize)
  const err = (k: string) =>
    fe[k] ? (
      <p className="field-error" id={`${k}-error`}>
        {fe[k]!.join(' ')}
      </p>
    ) : null
  return (
    <main id="main" className="mx-auto max-w-7xl px-4 py-8">
      <p className="text-sm">
        <Link className="link" to="/analytics">
          ← Analytics
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Pipeline opportunities</h1>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Form method="post" className="card space-y-3" aria-labelledby="add-title">
          <h2 id="add-title" className="font-semibold text-slate-900">
            Add an opportunity
          </h2>
          <input type="hidden" name="intent" value="create" />
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label className="label" htmlFor="accountName">
                Account name
              </label>
              <input className="input" id="accountName" name="accountName" required aria-invalid={fe.accountName ? true : undefined} />
              {err('accountName')}
            </div>
            <div>
              <label className="label" htmlFor="accountDomain">
                Account domain
              </label>
              <input className="input" id="accountDomain" name="accountDomain" placeholder="globex.com" aria-invalid={fe.accountDomain ? true : undefined} />
              {err('accountDomain')}
            </div>
            <div>
              <label className="label" htmlFor="amount">
                Amount
              </label>
              <input className="input" id="amount" name="amount" inputMode="decimal" required placeholder="42000" aria-invalid={fe.amount ? true : undefined} />
              {err('amount')}
            </div>
            <div>
              <label className="label" htmlFor="stage">
                Stage
              </label>
              <select className="input" id="stage" name="stage" defaultValue="prospect">
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {s.replace('_', ' ')}
                  </option>
                ))}
              </select>
              {err('stage')}
            </div>
            <div>
              <label className="label" htmlFor="createdAt">
                Created (default today)
              </label>
              <input className="input" type="date" id="createdAt" name="createdAt" />
              {err('createdAt')}
            </div>
            <div>
              <label className="label" htmlFor="closedAt">
                Closed (won/lost only)
              </label>
              <input className="input" type="date" id="closedAt" name="closedAt" aria-invalid={fe.closedAt ? true : undefined} />
              {err('closedAt')}
            </div>
            <PartnerPicker className="sm:col-span-2" name="sourcedBy" id="sourcedBy" label="Sourced by partner (optional)" errors={fe.sourcedBy} />
          </div>
          <button className="btn-primary" type="submit" disabled={nav.state === 'submitting'}>
            Add opportunity
          </button>
        </Form>

        <Form method="post" encType="multipart/form-data" className="card space-y-3" aria-labelledby="csv-title">
          <h2 id="csv-title" className="font-semibold text-slate-900">
            Add from a CSV
          </h2>
          <p className="text-sm text-slate-600">
            Header row with <code>accountName, amount, stage</code> and optionally <code>accountDomain, title, createdAt, closedAt, sourcedBy</code> (a partner’s slug). Amounts in currency units;
            dates YYYY-MM-DD (UTC). Every row is checked first: any bad row refuses the whole file.{' '}
            <a className="link" href="/docs/samples/opportunities.csv" download data-testid="template-download">
              Download a CSV template
            </a>
            {' · '}
            <Link className="link" to="/docs/import-format#pipeline-opportunities-csv">
              column reference
            </Link>
          </p>
          <input type="hidden" name="intent" value="csv" />
          <label className="label" htmlFor="file">
            CSV file
          </label>
          <input className="input" id="file" name="file" type="file" accept=".csv,text/csv" required />
          <button className="btn-secondary" type="submit">
            Upload CSV
          </button>
          {csvErrors.length ? (
            <p role="alert" className="field-error">
              {csvErrors.join(' ')}
            </p>
          ) : null}
          {csv ? (
            <div role="alert" className="text-sm text-red-700" data-testid="csv-problems">
              <p className="font-semibold">The CSV was refused; nothing was added.</p>
              <ul className="list-disc pl-5">
                {csv.problems.slice(0, 200).map((p, i) => (
                  <li key={i}>
                    {p.row ? `Row ${p.row}` : 'File'} · {p.field}: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Form>
      </div>

      <Form method="get" className="card mt-6 flex flex-wrap items-end gap-3" aria-label="Filter opportunities">
        <div>
          <label className="label" htmlFor="q">
            Account
          </label>
          <input className="input" id="q" name="q" defaultValue={params.get('q') ?? ''} />
        </div>
        <div>
          <label className="label" htmlFor="f-stage">
            Stage
          </label>
          <select className="input" id="f-stage" name="stage" defaultValue={params.get('stage') ?? ''}>
            <option value="">Any</option>
            <option value="open">Open (not won/lost)</option>
            <option value="closed">Won or lost</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="source">
            Source
          </label>
          <select className="input" id="source" name="source" defaultValue={params.get('source') ?? ''}>
            <option value="">Any</option>
            <option value="partner">Partner-sourced</option>
            <option value="direct">Not partner-sourced</option>
          </select>
        </div>
        <div>
          <label className="label" htmlFor="lf">
            Created from
          </label>
          <input className="input" type="date" id="lf" name="from" defaultValue={params.get('from') ?? ''} />
        </div>
        <div>
          <label className="label" htmlFor="lt">
            Created before
          </label>
          <input className="input" type="date" id="lt" name="to" defaultValue={params.get('to') ?? ''} />
        </div>
        <button className="btn-secondary" type="submit">
          Filter
        </button>
      </Form>
      {d.badQuery ? <p className="field-error mt-2">Some filters were not understood and were ignored.</p> : null}

      <p className="mt-4 text-sm text-slate-600">{d.total.toLocaleString('en-US')} opportunities</p>
      {d.rows.length === 0 ? (
        <p className="card mt-2 text-sm text-slate-500">
          No opportunities match. Add one above, upload a CSV, or{' '}
          <Link className="link" to="/analytics/import">
            import a snapshot
          </Link>
          .
        </p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="table" data-testid="opportunities">
            <thead>
              <tr>
                <th>Account</th>
                <th>Amount</th>
                <th>Stage</th>
                <th>Created</th>
                <th>Closed</th>
                <th>Sourced by</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.accountName}
                    {r.accountDomain ? <span className="block text-xs text-slate-500">{r.accountDomain}</span> : null}
                  </td>
                  <td>{money(r.amount)}</td>
                  <td>
                    <span className="badge">{r.stage.replace('_', ' ')}</span>
                  </td>
                  <td>{r.createdAt.slice(0, 10)}</td>
                  <td>{r.closedAt?.slice(0, 10) ?? '—'}</td>
                  <td>
                    {r.sourcedBySlug ? (
                      <Link className="link" to={`/partners/${r.sourcedBySlug}`}>
                        {r.sourcedByName}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={d.page} pageCount={pages} />
    </main>
  )
}
