import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigate, useNavigation } from '@remix-run/react'
import { useCallback, useEffect, useState, type ComponentType } from 'react'
import type { NetworkEdge, NetworkNode, SeriesPoint, TopRow } from '#app/features/analytics/dashboard.server.ts'
import { getDashboard } from '#app/features/analytics/dashboard.server.ts'
import { defaultPeriod, FILTER_EXPLANATION, filtersOf, isoDay, paramErrors, periodQuerySchema, searchParamsObject } from '#app/features/analytics/period.ts'
import { MultiSelect } from '#app/components/multi-select.tsx'
import { DEFINITIONS } from '#app/features/analytics/ui/definitions.ts'
import { change, count, hours, money, pct, ratio } from '#app/features/analytics/ui/format.ts'
import { PARTNER_TYPE_SHORT_LABELS, PARTNER_TYPES, REGION_LABELS, REGIONS, TIER_LABELS, TIERS } from '#db/vocab.ts'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Ecosystem analytics · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const url = new URL(request.url)
  const fallback = defaultPeriod()
  const raw = { from: isoDay(fallback.from), to: isoDay(fallback.to), ...searchParamsObject(url.searchParams) }
  const parsed = periodQuerySchema.safeParse(raw)
  const errors = parsed.success ? null : paramErrors(parsed.error)
  const query = parsed.success ? parsed.data : periodQuerySchema.parse({ from: isoDay(fallback.from), to: isoDay(fallback.to) })
  const period = { from: query.from, to: query.to }
  const dashboard = await orThrowResponse(getDashboard(actor, period, filtersOf(query)))
  return {
    errors,
    form: {
      from: typeof raw.from === 'string' ? raw.from : isoDay(period.from),
      to: typeof raw.to === 'string' ? raw.to : isoDay(period.to),
      type: query.type,
      tier: query.tier,
      region: query.region,
    },
    queryString: url.search,
    isAdmin: actor.role === 'vendor_admin',
    ...dashboard,
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function useClientModule<T>(load: () => Promise<{ default: T }>): T | null {
  const [mod, setMod] = useState<T | null>(null)
  useEffect(() => {
    let live = true
    load().then((m) => live && setMod(() => m.default))
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return mod
}

export default function AnalyticsDashboard() {
  const d = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.location?.pathname === '/analytics'
  const Charts = useClientModule<ComponentType<{ series: SeriesPoint[] }>>(() => import('#app/features/analytics/ui/charts.client.tsx'))
  const Graph = useClientModule<ComponentType<{ nodes: NetworkNode[]; edges: NetworkEdge[]; onOpen: (slug: string) => void }>>(() => import('#app/features/analytics/ui/network.client.tsx'))
  const navigate = useNavigate()
  const openPartner = useCallback((slug: string) => navigate(`/partners/${slug}`), [navigate])
  const qs = d.queryString
  const exportHref = (table: string) => `/analytics/export/${table}.csv${qs}`

  return (
    <main id="main" className="mx-auto max-w-7xl px-4 py-8" aria-busy={busy}>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Ecosystem analytics</h1>
        <nav className="flex flex-wrap gap-3 text-sm" aria-label="Analytics">
          <Link className="link" to="/analytics/opportunities">
            Opportunities
          </Link>
          {d.isAdmin ? (
            <Link className="link" to="/analytics/import">
              Import a snapshot
            </Link>
          ) : null}
          <a className="link" href={`/api/v1/analytics/summary${qs || `?from=${d.form.from}&to=${d.form.to}`}`}>
            Summary JSON
          </a>
          <a className="link" href={exportHref('summary')} download data-testid="export-summary">
            Summary CSV
          </a>
        </nav>
      </div>

      <PeriodForm d={d} />

      <p className="mt-2 text-sm text-slate-600" data-testid="period-label">
        Period {d.summary.period.from.slice(0, 10)} to {d.summary.period.to.slice(0, 10)} (to exclusive, UTC), compared with {d.previous.period.from.slice(0, 10)} to{' '}
        {d.previous.period.to.slice(0, 10)}.
      </p>

      <section aria-labelledby="kpis" className="mt-6">
        <h2 id="kpis" className="sr-only">
          Key numbers
        </h2>
        <TileList tiles={KPI_TILES} now={d.summary} before={d.previous} className={`grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-4 ${busy ? 'opacity-60' : ''}`} />
      </section>

      <Multiplier d={d} />

      <section aria-labelledby="marketplace-kpis" className="mt-8" data-testid="marketplace-kpis">
        <h2 id="marketplace-kpis" className="text-lg font-semibold text-slate-900">
          Marketplace leads
        </h2>
        <p className="mt-1 text-sm text-slate-600">Visitors who contacted a partner from its profile or a listing, and the pipeline the partners converted them into.</p>
        <div className={`mt-3 grid grid-cols-2 gap-3 md:grid-cols-4 ${busy ? 'opacity-60' : ''}`}>
          <Tile name="marketplaceLeads" label="Marketplace leads" def="marketplace.leads" value={d.summary.marketplace.leads} prev={d.previous.marketplace.leads} fmt={count} />
          <Tile
            name="marketplaceConvertedLeads"
            label="Converted leads"
            def="marketplace.convertedLeads"
            value={d.summary.marketplace.convertedLeads}
            prev={d.previous.marketplace.convertedLeads}
            fmt={count}
          />
          <Tile
            name="marketplaceConversionRate"
            label="Lead conversion rate"
            def="marketplace.conversionRate"
            value={d.summary.marketplace.conversionRate}
            prev={d.previous.marketplace.conversionRate}
            fmt={pct}
          />
          <Tile name="marketplacePipeline" label="Pipeline from leads" def="marketplace.pipeline" value={d.summary.marketplace.pipeline} prev={d.previous.marketplace.pipeline} fmt={money} />
        </div>
      </section>

      <section aria-labelledby="community-kpis" className="mt-8" data-testid="community-kpis">
        <h2 id="community-kpis" className="text-lg font-semibold text-slate-900">
          Community
        </h2>
        <p className="mt-1 text-sm text-slate-600">The partner community over the same period (the partner filters do not narrow it).</p>
        <TileList tiles={COMMUNITY_TILES} now={d.summary} before={d.previous} className={`mt-3 grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-4 ${busy ? 'opacity-60' : ''}`} />
      </section>

      <section aria-labelledby="trends" className="mt-8">
        <div className="flex items-baseline justify-between">
          <h2 id="trends" className="text-lg font-semibold text-slate-900">
            Monthly trends
          </h2>
          <a className="link text-sm" href={exportHref('series')} download data-testid="export-series">
            Download CSV
          </a>
        </div>
        {d.series.some((s) => s.partial) ? (
          <p className="mt-1 text-sm text-slate-600" data-testid="partial-note">
            {d.series
              .filter((s) => s.partial)
              .map((s) => s.month)
              .join(', ')}{' '}
            {d.series.filter((s) => s.partial).length === 1 ? 'is' : 'are'} still running, marked “partial” and drawn lighter: the numbers cover only the days so far, so a lower bar there is not a
            drop.
          </p>
        ) : null}
        <div className="mt-3" data-testid="charts" data-months={d.series.length}>
          {Charts ? <Charts series={d.series} /> : <p className="text-sm text-slate-500">Loading charts… the numbers are in the table below.</p>}
        </div>
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-slate-700">Monthly numbers as a table</summary>
          <div className="overflow-x-auto">
            <table className="table mt-2" data-testid="series-table">
              <thead>
                <tr>
                  <th>Month</th>
                  <th>Ecosystem pipeline</th>
                  <th>Direct pipeline</th>
                  <th>P2P revenue</th>
                  <th>Active partners</th>
                  <th>Edges</th>
                  <th>Participation</th>
                </tr>
              </thead>
              <tbody>
                {d.series.map((s) => (
                  <tr key={s.month}>
                    <td>
                      {s.month}
                      {s.partial ? ' (partial)' : ''}
                    </td>
                    <td>{money(s.ecosystemPipeline)}</td>
                    <td>{money(s.directPipeline)}</td>
                    <td>{money(s.p2pRevenue)}</td>
                    <td>{count(s.activePartners)}</td>
                    <td>{count(s.edges)}</td>
                    <td>{pct(s.participationRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section aria-labelledby="network" className="mt-8">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="network" className="text-lg font-semibold text-slate-900">
            Partner network
          </h2>
          <div className="flex gap-3 text-sm">
            <a className="link" href={exportHref('network-nodes')} download>
              Partners CSV
            </a>
            <a className="link" href={exportHref('network-edges')} download>
              Edges CSV
            </a>
          </div>
        </div>
        <p className="mt-1 text-sm text-slate-600">
          Node size: P2P referral revenue; colour: partner type; edge width: interactions (referrals created plus co-sells joined together in the period). Click a partner to open its page.
          {d.network.truncated ? ` Showing the ${d.network.nodes.length} busiest of ${d.network.totalNodes} partners.` : ''}
        </p>
        <div className="card mt-3" data-testid="network" data-node-count={d.network.nodes.length} data-edge-count={d.network.edges.length}>
          {d.network.nodes.length === 0 ? (
            <p className="text-sm text-slate-500">No active partners in this period and filter.</p>
          ) : Graph ? (
            <Graph nodes={d.network.nodes} edges={d.network.edges} onOpen={openPartner} />
          ) : (
            <p className="text-sm text-slate-500">
              Loading the network graph… {d.network.nodes.length} partners, {d.network.edges.length} edges.
            </p>
          )}
        </div>
      </section>

      <section aria-labelledby="top" className="mt-8 grid gap-6 lg:grid-cols-2">
        <h2 id="top" className="sr-only">
          Top partners
        </h2>
        <TopTable
          title="Top partners by sourced pipeline"
          def={DEFINITIONS.sourced}
          rows={d.top.sourced}
          fmt={money}
          table="top-sourced"
          href={exportHref('top-sourced')}
          extra={(r) => `${r.extra?.opportunities ?? 0} opps`}
        />
        <TopTable
          title="Top partners by P2P revenue"
          def={DEFINITIONS.p2pRevenueNode}
          rows={d.top.p2pRevenue}
          fmt={money}
          table="top-p2p-revenue"
          href={exportHref('top-p2p-revenue')}
          extra={(r) => `sent ${money(r.extra?.sent)} · received ${money(r.extra?.received)}`}
        />
        <TopTable
          title="Most connected partners"
          def={DEFINITIONS.connected}
          rows={d.top.connected}
          fmt={count}
          table="top-connected"
          href={exportHref('top-connected')}
          extra={(r) => `${r.extra?.interactions ?? 0} interactions`}
        />
        <TopTable title="Brokers (betweenness)" def={DEFINITIONS.betweenness} rows={d.top.betweenness} fmt={(v) => v.toFixed(3)} table="top-betweenness" href={exportHref('top-betweenness')} />
      </section>

      <section aria-labelledby="glossary" className="mt-10">
        <h2 id="glossary" className="text-lg font-semibold text-slate-900">
          Definitions
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          All times are UTC; a period is [from, to). Money is in the vendor’s reporting currency. {FILTER_EXPLANATION} The full definitions:{' '}
          <Link className="link" to="/docs/metrics">
            metric definitions
          </Link>
          .
        </p>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm md:grid-cols-2">
          {Object.entries(DEFINITIONS).map(([k, v]) => (
            <div key={k}>
              <dt className="font-mono text-xs text-slate-500">{k}</dt>
              <dd className="text-slate-700">{v}</dd>
            </div>
          ))}
        </dl>
      </section>
    </main>
  )
}

function PeriodForm({ d }: { d: Data }) {
  const e = d.errors
  return (
    <Form method="get" className="card mt-4 grid gap-3 md:grid-cols-6" aria-label="Period and filters" data-testid="period-form">
      <div>
        <label className="label" htmlFor="from">
          From
        </label>
        <input className="input" type="date" id="from" name="from" defaultValue={d.form.from} aria-invalid={e?.from ? true : undefined} aria-describedby={e?.from ? 'from-error' : undefined} />
        {e?.from ? (
          <p id="from-error" className="field-error">
            {e.from.join(' ')}
          </p>
        ) : null}
      </div>
      <div>
        <label className="label" htmlFor="to">
          To (exclusive)
        </label>
        <input className="input" type="date" id="to" name="to" defaultValue={d.form.to} aria-invalid={e?.to ? true : undefined} aria-describedby={e?.to ? 'to-error' : undefined} />
        {e?.to ? (
          <p id="to-error" className="field-error">
            {e.to.join(' ')}
          </p>
        ) : null}
      </div>
      <Multi name="type" label="Partner type" options={PARTNER_TYPES.map((t) => [t, PARTNER_TYPE_SHORT_LABELS[t]])} selected={d.form.type} error={e?.type} />
      <Multi name="tier" label="Tier" options={TIERS.map((t) => [t, TIER_LABELS[t]])} selected={d.form.tier} error={e?.tier} />
      <Multi name="region" label="Region" options={REGIONS.map((t) => [t, `${REGION_LABELS[t]} (${t})`])} selected={d.form.region} error={e?.region} />
      <div className="flex items-end gap-2">
        <button type="submit" className="btn-primary" data-testid="apply-filters">
          Apply
        </button>
        <Link to="/analytics" className="btn-secondary">
          Reset
        </Link>
      </div>
      {e ? (
        <p className="field-error md:col-span-6" role="alert">
          Showing the default period: fix the highlighted fields.
        </p>
      ) : null}
      <p className="text-xs text-slate-500 md:col-span-6" title={FILTER_EXPLANATION}>
        Filters restrict which partners are considered (hover for details). Pick as many of each as you like; none means all.
      </p>
    </Form>
  )
}

function Multi({ name, label, options, selected, error }: { name: string; label: string; options: [string, string][]; selected: string[]; error?: string[] }) {
  return <MultiSelect name={name} id={`f-${name}`} label={label} options={options} selected={selected} error={error} />
}

type Summary = Data['summary']

/** One key number: its test name, label, definition, where it is in a summary and how it is shown. */
type TileSpec = { name: string; label: string; def: keyof typeof DEFINITIONS; pick: (s: Summary) => number | null; fmt: (v: number | null) => string }

const KPI_TILES: TileSpec[] = [
  { name: 'ecosystemInfluenced', label: 'Ecosystem-influenced pipeline', def: 'pipeline.ecosystemInfluenced', pick: (s) => s.pipeline.ecosystemInfluenced, fmt: money },
  { name: 'partnerSourced', label: 'Partner-sourced pipeline', def: 'pipeline.partnerSourced', pick: (s) => s.pipeline.partnerSourced, fmt: money },
  { name: 'partnerInfluenced', label: 'Partner-influenced pipeline', def: 'pipeline.partnerInfluenced', pick: (s) => s.pipeline.partnerInfluenced, fmt: money },
  { name: 'direct', label: 'Direct pipeline', def: 'pipeline.direct', pick: (s) => s.pipeline.direct, fmt: money },
  { name: 'p2pRevenue', label: 'P2P referral revenue', def: 'referrals.p2pRevenue', pick: (s) => s.referrals.p2pRevenue, fmt: money },
  { name: 'p2pCreated', label: 'P2P referrals created', def: 'referrals.p2pCreated', pick: (s) => s.referrals.p2pCreated, fmt: count },
  { name: 'acceptanceRate', label: 'P2P acceptance rate', def: 'referrals.acceptanceRate', pick: (s) => s.referrals.acceptanceRate, fmt: pct },
  { name: 'winRate', label: 'P2P win rate', def: 'referrals.winRate', pick: (s) => s.referrals.winRate, fmt: pct },
  { name: 'multiplier', label: 'Commercial multiplier', def: 'multiplier.value', pick: (s) => s.multiplier.value, fmt: ratio },
  { name: 'activePartners', label: 'Active partners', def: 'network.activePartners', pick: (s) => s.network.activePartners, fmt: count },
  { name: 'edges', label: 'Partner connections (edges)', def: 'network.edges', pick: (s) => s.network.edges, fmt: count },
  { name: 'participationRate', label: 'Participation rate', def: 'network.participationRate', pick: (s) => s.network.participationRate, fmt: pct },
  { name: 'density', label: 'Network density', def: 'network.density', pick: (s) => s.network.density, fmt: pct },
  { name: 'reciprocity', label: 'Reciprocity', def: 'network.reciprocity', pick: (s) => s.network.reciprocity, fmt: pct },
  { name: 'largestComponentShare', label: 'Largest connected group', def: 'network.largestComponentShare', pick: (s) => s.network.largestComponentShare, fmt: pct },
  { name: 'pipelineTotal', label: 'Total pipeline', def: 'pipeline.total', pick: (s) => s.pipeline.total, fmt: money },
]

const COMMUNITY_TILES: TileSpec[] = [
  { name: 'communityActiveMembers', label: 'Active members', def: 'community.activeMembers', pick: (s) => s.community.activeMembers, fmt: count },
  { name: 'communityTopics', label: 'Topics', def: 'community.topics', pick: (s) => s.community.topics, fmt: count },
  { name: 'communityReplies', label: 'Replies', def: 'community.replies', pick: (s) => s.community.replies, fmt: count },
  { name: 'communityAnswerRate', label: 'Answer rate', def: 'community.answerRate', pick: (s) => s.community.answerRate, fmt: pct },
  { name: 'communityMedianHoursToFirstReply', label: 'Median time to first reply', def: 'community.medianHoursToFirstReply', pick: (s) => s.community.medianHoursToFirstReply, fmt: hours },
  { name: 'communityPartnerAnswerShare', label: 'Answers by partners', def: 'community.partnerAnswerShare', pick: (s) => s.community.partnerAnswerShare, fmt: pct },
  { name: 'communityRequestsConverted', label: 'Partner requests turned into referrals or co-sells', def: 'community.requestsConverted', pick: (s) => s.community.requestsConverted, fmt: count },
]

/** A grid of key numbers, each with its change against the previous period. */
function TileList({ tiles, now, before, className }: { tiles: TileSpec[]; now: Summary; before: Summary; className: string }) {
  return (
    <div className={className}>
      {tiles.map((t) => (
        <Tile key={t.name} name={t.name} label={t.label} def={t.def} value={t.pick(now)} prev={t.pick(before)} fmt={t.fmt} />
      ))}
    </div>
  )
}

function Tile({ name, label, def, value, prev, fmt }: { name: string; label: string; def: keyof typeof DEFINITIONS; value: number | null; prev: number | null; fmt: (v: number | null) => string }) {
  const c = change(value, prev)
  const colour = c.dir === 'up' ? 'text-green-700' : c.dir === 'down' ? 'text-red-700' : 'text-slate-500'
  return (
    <div className="card p-4" data-testid={`kpi-${name}`} title={DEFINITIONS[def]}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">
        <abbr title={DEFINITIONS[def]} className="no-underline">
          {label}
        </abbr>
      </div>
      <div className="mt-1 text-2xl font-semibold text-slate-900" data-testid={`kpi-${name}-value`} data-value={value ?? ''}>
        {fmt(value)}
      </div>
      <div className={`mt-1 text-xs ${colour}`} data-testid={`kpi-${name}-change`}>
        {c.dir === 'up' ? '▲ ' : c.dir === 'down' ? '▼ ' : ''}
        {c.text} <span className="text-slate-500">vs previous ({fmt(prev)})</span>
      </div>
    </div>
  )
}

function Multiplier({ d }: { d: Data }) {
  const m = d.summary.multiplier
  return (
    <section aria-labelledby="multiplier" className="card mt-6" data-testid="multiplier">
      <h2 id="multiplier" className="text-lg font-semibold text-slate-900" title={DEFINITIONS['multiplier.value']}>
        Commercial multiplier: <span data-testid="multiplier-value">{ratio(m.value)}</span>
      </h2>
      <p className="text-sm text-slate-600">Opportunities won or lost with their close in the period. Ecosystem = partner-sourced or partner-influenced; direct = neither.</p>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        {(
          [
            ['Ecosystem', m.ecosystemRevenuePerClosed, m.ecosystemWinRate, d.details.ecosystemClosed, d.details.ecosystemWon, 'multiplier.ecosystemRevenuePerClosed', 'multiplier.ecosystemWinRate'],
            ['Direct', m.directRevenuePerClosed, m.directWinRate, d.details.directClosed, d.details.directWon, 'multiplier.directRevenuePerClosed', 'multiplier.directWinRate'],
          ] as const
        ).map(([name, rpc, wr, closed, won, defR, defW]) => (
          <div key={name} className="rounded-md border border-slate-200 p-4" data-testid={`multiplier-${name.toLowerCase()}`}>
            <h3 className="font-semibold text-slate-800">{name}</h3>
            <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
              <dt className="text-slate-500" title={DEFINITIONS[defR]}>
                Revenue per closed
              </dt>
              <dd className="font-medium">{money(rpc)}</dd>
              <dt className="text-slate-500" title={DEFINITIONS[defW]}>
                Win rate
              </dt>
              <dd className="font-medium">{pct(wr)}</dd>
              <dt className="text-slate-500">Closed / won</dt>
              <dd className="font-medium">
                {count(closed)} / {count(won)}
              </dd>
            </dl>
          </div>
        ))}
      </div>
    </section>
  )
}

function TopTable({
  title,
  def,
  rows,
  fmt,
  table,
  href,
  extra,
}: {
  title: string
  def: string
  rows: TopRow[]
  fmt: (v: number) => string
  table: string
  href: string
  extra?: (r: TopRow) => string
}) {
  return (
    <div className="card" data-testid={`table-${table}`}>
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="font-semibold text-slate-900" title={def}>
          {title}
        </h3>
        <a className="link text-sm" href={href} download data-testid={`export-${table}`}>
          CSV
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">Nothing in this period.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table mt-2">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Partner</th>
                <th scope="col" title={def}>
                  Value
                </th>
                {extra ? <th scope="col">Detail</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id}>
                  <td>{i + 1}</td>
                  <td>
                    <Link className="link" to={`/partners/${r.slug}`}>
                      {r.name}
                    </Link>{' '}
                    <span className="badge">{r.partnerType ? PARTNER_TYPE_SHORT_LABELS[r.partnerType as keyof typeof PARTNER_TYPE_SHORT_LABELS] : '—'}</span>
                  </td>
                  <td className="whitespace-nowrap">{fmt(r.value)}</td>
                  {extra ? <td className="text-slate-600">{extra(r)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
