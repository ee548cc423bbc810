import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { SeriesPoint } from '../dashboard.server.ts'
import { money, pct } from './format.ts'

/** The monthly series charts (recharts). Loaded only in the browser. */
export default function SeriesCharts({ series }: { series: SeriesPoint[] }) {
  const data = series.map((s) => ({ ...s, participationPct: s.participationRate === null ? null : +(s.participationRate * 100).toFixed(2) }))
  const moneyTick = (v: number) => money(v)
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="card" data-testid="chart-pipeline" data-points={data.length}>
        <figcaption className="mb-2 text-sm font-semibold text-slate-700" title="Pipeline created each month: ecosystem-influenced (partner-sourced or partner-touched) vs direct.">
          Ecosystem-influenced vs direct pipeline
        </figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" fontSize={11} />
            <YAxis tickFormatter={moneyTick} fontSize={11} width={70} />
            <Tooltip formatter={(v) => money(Number(v))} />
            <Legend />
            <Bar dataKey="ecosystemPipeline" name="Ecosystem-influenced" stackId="p" fill="#2563eb" isAnimationActive={false} />
            <Bar dataKey="directPipeline" name="Direct" stackId="p" fill="#94a3b8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="card" data-testid="chart-p2p-revenue" data-points={data.length}>
        <figcaption className="mb-2 text-sm font-semibold text-slate-700" title="Won partner-to-partner referral revenue by month of close.">
          P2P referral revenue
        </figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" fontSize={11} />
            <YAxis tickFormatter={moneyTick} fontSize={11} width={70} />
            <Tooltip formatter={(v) => money(Number(v))} />
            <Bar dataKey="p2pRevenue" name="P2P revenue" fill="#16a34a" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="card" data-testid="chart-active-partners" data-points={data.length}>
        <figcaption className="mb-2 text-sm font-semibold text-slate-700" title="Active partners approved before each month's end.">
          Active partners
        </figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" fontSize={11} />
            <YAxis fontSize={11} allowDecimals={false} />
            <Tooltip />
            <Line type="monotone" dataKey="activePartners" name="Active partners" stroke="#9333ea" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="card" data-testid="chart-network" data-points={data.length}>
        <figcaption className="mb-2 text-sm font-semibold text-slate-700" title="Each month's own network: edges between active partners, and the share of active partners with at least one edge.">
          Edges and participation
        </figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" fontSize={11} />
            <YAxis yAxisId="e" fontSize={11} allowDecimals={false} />
            <YAxis yAxisId="r" orientation="right" fontSize={11} unit="%" />
            <Tooltip formatter={(v, name) => (name === 'Participation' ? pct(Number(v) / 100) : v)} />
            <Legend />
            <Line yAxisId="e" type="monotone" dataKey="edges" name="Edges" stroke="#ea580c" dot={false} isAnimationActive={false} />
            <Line yAxisId="r" type="monotone" dataKey="participationPct" name="Participation" stroke="#0891b2" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  )
}
