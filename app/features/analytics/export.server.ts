import Papa from 'papaparse'
import { invalid } from '#app/utils/errors.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { getDashboard, type TopRow } from '#app/features/analytics/dashboard.server.ts'
import type { AnalyticsFilters, Period } from '#app/features/analytics/period.ts'

export const EXPORT_TABLES = ['summary', 'series', 'top-sourced', 'top-p2p-revenue', 'top-connected', 'top-betweenness', 'network-nodes', 'network-edges'] as const
export type ExportTable = (typeof EXPORT_TABLES)[number]

/**
 * CSV for spreadsheets. papaparse quotes as needed, and `escapeFormulae` prefixes a quote to any
 * text cell starting with = + - @ tab or CR, so a hostile partner name cannot run as a formula.
 */
export function toCsv(fields: string[], rows: unknown[][]): string {
  return Papa.unparse({ fields, data: rows }, { escapeFormulae: true, newline: '\r\n' })
}

const topCsv = (rows: TopRow[], valueName: string, extras: string[] = []) =>
  toCsv(
    ['rank', 'partner', 'slug', 'partnerType', 'tier', valueName, ...extras],
    rows.map((r, i) => [i + 1, r.name, r.slug, r.partnerType ?? '', r.tier ?? '', r.value, ...extras.map((e) => r.extra?.[e] ?? '')]),
  )

/** Every table of the dashboard as CSV, for the vendor's team (same permission as the dashboard). */
export async function exportTable(actor: Actor, table: string, period: Period, filters: AnalyticsFilters): Promise<{ filename: string; csv: string }> {
  if (!(EXPORT_TABLES as readonly string[]).includes(table)) throw invalid(`Unknown table "${table}". Tables: ${EXPORT_TABLES.join(', ')}.`)
  const d = await getDashboard(actor, period, filters)
  const names = new Map(d.network.nodes.map((n) => [n.id, n.name]))
  let csv: string
  switch (table as ExportTable) {
    case 'summary': {
      const rows: unknown[][] = []
      for (const [group, values] of Object.entries(d.summary)) {
        if (group === 'period') continue
        for (const [field, value] of Object.entries(values as Record<string, number | null>)) {
          const prev = (d.previous as unknown as Record<string, Record<string, number | null>>)[group]![field]
          rows.push([`${group}.${field}`, value ?? '', prev ?? ''])
        }
      }
      csv = toCsv(['field', 'value', 'previousPeriodValue'], rows)
      break
    }
    case 'series':
      csv = toCsv(
        ['month', 'ecosystemPipeline', 'directPipeline', 'p2pRevenue', 'activePartners', 'edges', 'connectedPartners', 'participationRate', 'partial'],
        d.series.map((s) => [s.month, s.ecosystemPipeline, s.directPipeline, s.p2pRevenue, s.activePartners, s.edges, s.connectedPartners, s.participationRate ?? '', s.partial]),
      )
      break
    case 'top-sourced':
      csv = topCsv(d.top.sourced, 'sourcedPipeline', ['opportunities', 'won'])
      break
    case 'top-p2p-revenue':
      csv = topCsv(d.top.p2pRevenue, 'p2pRevenue', ['sent', 'received'])
      break
    case 'top-connected':
      csv = topCsv(d.top.connected, 'partnersConnected', ['interactions'])
      break
    case 'top-betweenness':
      csv = topCsv(d.top.betweenness, 'betweenness')
      break
    case 'network-nodes':
      csv = toCsv(
        ['partner', 'slug', 'partnerType', 'tier', 'p2pRevenue', 'partnersConnected', 'interactions'],
        d.network.nodes.map((n) => [n.name, n.slug, n.partnerType ?? '', n.tier ?? '', n.p2pRevenue, n.degree, n.interactions]),
      )
      break
    case 'network-edges':
      csv = toCsv(
        ['partnerA', 'partnerB', 'referrals', 'coSell', 'interactions'],
        d.network.edges.map((e) => [names.get(e.a) ?? e.a, names.get(e.b) ?? e.b, e.referrals, e.coSell, e.weight]),
      )
      break
  }
  const day = (x: Date) => x.toISOString().slice(0, 10)
  return { filename: `analytics-${table}-${day(period.from)}-${day(period.to)}.csv`, csv }
}
