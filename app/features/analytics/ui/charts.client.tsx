import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type YAxisProps } from 'recharts'
import type { SeriesPoint } from '#app/features/analytics/dashboard.server.ts'
import { money, pct } from '#app/features/analytics/ui/format.ts'

type Row = SeriesPoint & { label: string; participationPct: number | null }

/** One monthly chart: its card (caption, definition on hover), its kind, axes and the series it draws. */
type ChartSpec = {
  testId: string
  title: string
  caption: string
  height: number
  kind: 'bar' | 'line'
  legend?: boolean
  yAxes: YAxisProps[]
  tooltip?: (value: unknown, name: string) => string | number
  series: { key: keyof Row & string; name: string; color: string; axis?: string; stack?: string }[]
}

const moneyAxis: YAxisProps = { tickFormatter: (v: number) => money(v), width: 70 }
const moneyTooltip = (v: unknown) => money(Number(v))

const CHARTS: ChartSpec[] = [
  {
    testId: 'chart-pipeline',
    title: 'Pipeline created each month: ecosystem-influenced (partner-sourced or partner-touched) vs direct.',
    caption: 'Ecosystem-influenced vs direct pipeline',
    height: 260,
    kind: 'bar',
    legend: true,
    yAxes: [moneyAxis],
    tooltip: moneyTooltip,
    series: [
      { key: 'ecosystemPipeline', name: 'Ecosystem-influenced', color: '#2563eb', stack: 'p' },
      { key: 'directPipeline', name: 'Direct', color: '#94a3b8', stack: 'p' },
    ],
  },
  {
    testId: 'chart-p2p-revenue',
    title: 'Won partner-to-partner referral revenue by month of close.',
    caption: 'P2P referral revenue',
    height: 260,
    kind: 'bar',
    yAxes: [moneyAxis],
    tooltip: moneyTooltip,
    series: [{ key: 'p2pRevenue', name: 'P2P revenue', color: '#16a34a' }],
  },
  {
    testId: 'chart-active-partners',
    title: "Active partners approved before each month's end.",
    caption: 'Active partners',
    height: 240,
    kind: 'line',
    yAxes: [{ allowDecimals: false }],
    series: [{ key: 'activePartners', name: 'Active partners', color: '#9333ea' }],
  },
  {
    testId: 'chart-network',
    title: "Each month's own network: edges between active partners, and the share of active partners with at least one edge.",
    caption: 'Edges and participation',
    height: 240,
    kind: 'line',
    legend: true,
    yAxes: [
      { yAxisId: 'e', allowDecimals: false },
      { yAxisId: 'r', orientation: 'right', unit: '%' },
    ],
    tooltip: (v, name) => (name === 'Participation' ? pct(Number(v) / 100) : (v as number)),
    series: [
      { key: 'edges', name: 'Edges', color: '#ea580c', axis: 'e' },
      { key: 'participationPct', name: 'Participation', color: '#0891b2', axis: 'r' },
    ],
  },
]

/** The monthly series charts (recharts). Loaded only in the browser. */
export default function SeriesCharts({ series }: { series: SeriesPoint[] }) {
  // The running month is labelled "partial" and its bars drawn lighter: it holds only the days so far.
  const data: Row[] = series.map((s) => ({
    ...s,
    label: s.partial ? `${s.month} (partial)` : s.month,
    participationPct: s.participationRate === null ? null : +(s.participationRate * 100).toFixed(2),
  }))
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {CHARTS.map((chart) => (
        <SeriesChart key={chart.testId} chart={chart} data={data} />
      ))}
    </div>
  )
}

/** A chart card: caption with its definition on hover, and a responsive bar or line chart of a fixed height. */
function SeriesChart({ chart, data }: { chart: ChartSpec; data: Row[] }) {
  const shade = (fill: string) => data.map((d) => <Cell key={d.month} fill={fill} fillOpacity={d.partial ? 0.35 : 1} />)
  const Chart = chart.kind === 'bar' ? BarChart : LineChart
  return (
    <figure className="card" data-testid={chart.testId} data-points={data.length}>
      <figcaption className="mb-2 text-sm font-semibold text-slate-700" title={chart.title}>
        {chart.caption}
      </figcaption>
      <ResponsiveContainer width="100%" height={chart.height}>
        <Chart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={11} />
          {chart.yAxes.map((axis, i) => (
            <YAxis key={String(axis.yAxisId ?? i)} fontSize={11} {...axis} />
          ))}
          <Tooltip formatter={chart.tooltip ? (v, name) => chart.tooltip!(v, String(name)) : undefined} />
          {chart.legend ? <Legend /> : null}
          {chart.series.map((s) =>
            chart.kind === 'bar' ? (
              <Bar key={s.key} dataKey={s.key} name={s.name} stackId={s.stack} fill={s.color} isAnimationActive={false}>
                {shade(s.color)}
              </Bar>
            ) : (
              <Line key={s.key} yAxisId={s.axis} type="monotone" dataKey={s.key} name={s.name} stroke={s.color} dot={false} isAnimationActive={false} />
            ),
          )}
        </Chart>
      </ResponsiveContainer>
    </figure>
  )
}
