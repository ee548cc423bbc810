import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getPartnerInsights } from '#app/features/analytics/insights.server.ts'
import { defaultPeriod, isoDay, paramErrors, periodQuerySchema, searchParamsObject } from '#app/features/analytics/period.ts'
import { count, money, pct } from '#app/features/analytics/ui/format.ts'
import { PARTNER_TYPE_SHORT_LABELS } from '#db/vocab.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'My numbers · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const fallback = defaultPeriod()
  const raw = { from: isoDay(fallback.from), to: isoDay(fallback.to), ...searchParamsObject(new URL(request.url).searchParams) }
  const parsed = periodQuerySchema.safeParse(raw)
  const period = parsed.success ? { from: parsed.data.from, to: parsed.data.to } : fallback
  const insights = await orThrowResponse(getPartnerInsights(actor, period))
  return { insights, errors: parsed.success ? null : paramErrors(parsed.error), form: { from: String(raw.from), to: String(raw.to) }, orgName: actor.orgName }
}

const STATUS_LABELS: Record<string, string> = { submitted: 'Submitted', accepted: 'Accepted', declined: 'Declined', in_progress: 'In progress', won: 'Won', lost: 'Lost' }

export default function Insights() {
  const { insights: d, errors, form, orgName } = useLoaderData<typeof loader>()
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold text-slate-900">My numbers — {orgName}</h1>
      <p className="mt-1 text-sm text-slate-600">Your own referrals, revenue, fees and connections. Other partners see only theirs.</p>
      <Form method="get" className="card mt-4 flex flex-wrap items-end gap-3" aria-label="Period">
        <div>
          <label className="label" htmlFor="from">
            From
          </label>
          <input className="input" type="date" id="from" name="from" defaultValue={form.from} aria-invalid={errors?.from ? true : undefined} />
          {errors?.from ? <p className="field-error">{errors.from.join(' ')}</p> : null}
        </div>
        <div>
          <label className="label" htmlFor="to">
            To (exclusive)
          </label>
          <input className="input" type="date" id="to" name="to" defaultValue={form.to} aria-invalid={errors?.to ? true : undefined} />
          {errors?.to ? <p className="field-error">{errors.to.join(' ')}</p> : null}
        </div>
        <button className="btn-primary" type="submit">
          Show
        </button>
      </Form>

      <div className="mt-6 grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="insights-tiles">
        <Tile label="Referrals sent" value={count(d.sent.created)} title="Referrals you sent that were created in the period." />
        <Tile label="Referrals received" value={count(d.received.created)} title="Referrals sent to you that were created in the period." />
        <Tile label="Revenue from referrals you received" value={money(d.received.wonRevenue)} title="Won amount of referrals sent to you, closed in the period." />
        <Tile label="Revenue your referrals generated" value={money(d.sent.wonRevenue)} title="Won amount of referrals you sent, closed in the period." />
        <Tile label="Acceptance rate (received)" value={pct(d.acceptanceRateReceived)} title="Of referrals received in the period that you answered, the share you accepted." />
        <Tile label="Co-sells joined" value={count(d.coSell.accepted)} title="Co-sell invitations you accepted, joined in the period." />
        <Tile label="Pipeline you sourced" value={money(d.sourcedPipeline)} title="Amount of the vendor's opportunities created in the period that you sourced." />
        <Tile
          label="Fees earned / owed"
          value={d.fees ? `${money(d.fees.earned)} / ${money(d.fees.owed)}` : '—'}
          title="All-time referral fee ledger: fees others owe you / fees you owe (open amounts in the ledger)."
        />
      </div>

      <section className="mt-8 grid gap-6 md:grid-cols-2">
        {(['sent', 'received'] as const).map((dir) => (
          <div className="card" key={dir}>
            <h2 className="font-semibold text-slate-900">Referrals {dir} by status</h2>
            {Object.keys(d[dir].byStatus).length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">None in this period.</p>
            ) : (
              <table className="table mt-2">
                <tbody>
                  {Object.entries(d[dir].byStatus).map(([s, n]) => (
                    <tr key={s}>
                      <th scope="row">{STATUS_LABELS[s] ?? s}</th>
                      <td>{count(n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </section>

      <section className="card mt-8" aria-labelledby="connections">
        <h2 id="connections" className="font-semibold text-slate-900">
          Your connections in this period
        </h2>
        <p className="text-sm text-slate-600">
          Partners you exchanged referrals with or co-sold with (both accepted).{' '}
          <Link className="link" to="/referrals">
            Open referrals
          </Link>
        </p>
        {d.connections.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">No connections yet in this period — refer a customer to a partner to start one.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table mt-2" data-testid="connections">
              <thead>
                <tr>
                  <th>Partner</th>
                  <th>Type</th>
                  <th>You referred</th>
                  <th>They referred</th>
                  <th>Co-sells</th>
                </tr>
              </thead>
              <tbody>
                {d.connections.map((c) => (
                  <tr key={c.slug}>
                    <td>
                      <Link className="link" to={`/partners/${c.slug}`}>
                        {c.name}
                      </Link>
                    </td>
                    <td>{c.partnerType ? PARTNER_TYPE_SHORT_LABELS[c.partnerType as keyof typeof PARTNER_TYPE_SHORT_LABELS] : '—'}</td>
                    <td>{c.referralsSent}</td>
                    <td>{c.referralsReceived}</td>
                    <td>{c.coSell}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  )
}

function Tile({ label, value, title }: { label: string; value: string; title: string }) {
  return (
    <div className="card p-4" title={title}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-xl font-semibold text-slate-900">{value}</div>
    </div>
  )
}
