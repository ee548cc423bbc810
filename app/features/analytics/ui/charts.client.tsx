import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { ReactElement } from 'react'
import type { SeriesPoint } from '#app/features/analytics/dashboard.server.ts'
import { money, pct } from '#app/features/analytics/ui/format.ts'

/** The monthly series charts (recharts). Loaded only in the browser. */
export default function SeriesCharts({ series }: { series: SeriesPoint[] }) {
  // The running month is labelled "partial" and its bars drawn lighter: it holds only the days so far.
  const data = series.map((s) => ({ ...s, label: s.partial ? `${s.month} (partial)` : s.month, participationPct: s.participationRate === null ? null : +(s.participationRate * 100).toFixed(2) }))
  const shade = (fill: string) => data.map((d) => <Cell key={d.month} fill={fill} fillOpacity={d.partial ? 0.35 : 1} />)
  const moneyTick = (v: number) => money(v)
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartFrame
        testId="chart-pipeline"
        points={data.length}
        title="Pipeline created each month: ecosystem-influenced (partner-sourced or partner-touched) vs direct."
        caption="Ecosystem-influenced vs direct pipeline"
        height={260}
      >
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis tickFormatter={moneyTick} fontSize={11} width={70} />
          <Tooltip formatter={(v) => money(Number(v))} />
          <Legend />
          <Bar dataKey="ecosystemPipeline" name="Ecosystem-influenced" stackId="p" fill="#2563eb" isAnimationActive={false}>
            {shade('#2563eb')}
          </Bar>
          <Bar dataKey="directPipeline" name="Direct" stackId="p" fill="#94a3b8" isAnimationActive={false}>
            {shade('#94a3b8')}
          </Bar>
        </BarChart>
      </ChartFrame>
      <ChartFrame testId="chart-p2p-revenue" points={data.length} title="Won partner-to-partner referral revenue by month of close." caption="P2P referral revenue" height={260}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis tickFormatter={moneyTick} fontSize={11} width={70} />
          <Tooltip formatter={(v) => money(Number(v))} />
          <Bar dataKey="p2pRevenue" name="P2P revenue" fill="#16a34a" isAnimationActive={false}>
            {shade('#16a34a')}
          </Bar>
        </BarChart>
      </ChartFrame>
      <ChartFrame testId="chart-active-partners" points={data.length} title="Active partners approved before each month's end." caption="Active partners" height={240}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis fontSize={11} allowDecimals={false} />
          <Tooltip />
          <Line type="monotone" dataKey="activePartners" name="Active partners" stroke="#9333ea" dot={false} isAnimationActive={false} />
        </LineChart>
      </ChartFrame>
      <ChartFrame
        testId="chart-network"
        points={data.length}
        title="Each month's own network: edges between active partners, and the share of active partners with at least one edge."
        caption="Edges and participation"
        height={240}
      >
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis yAxisId="e" fontSize={11} allowDecimals={false} />
          <YAxis yAxisId="r" orientation="right" fontSize={11} unit="%" />
          <Tooltip formatter={(v, name) => (name === 'Participation' ? pct(Number(v) / 100) : v)} />
          <Legend />
          <Line yAxisId="e" type="monotone" dataKey="edges" name="Edges" stroke="#ea580c" dot={false} isAnimationActive={false} />
          <Line yAxisId="r" type="monotone" dataKey="participationPct" name="Participation" stroke="#0891b2" dot={false} isAnimationActive={false} />
        </LineChart>
      </ChartFrame>
    </div>
  )
}

/** A chart card: caption with its definition on hover, and a responsive chart of a fixed height. */
function ChartFrame({ testId, points, title, caption, height, children }: { testId: string; points: number; title: string; caption: string; height: number; children: ReactElement }) {
  return (
    <figure className="card" data-testid={testId} data-points={points}>
      <figcaption className="mb-2 text-sm font-semibold text-slate-700" title={title}>
        {caption}
      </figcaption>
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    </figure>
  )
}
