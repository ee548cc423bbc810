import { formatMoney } from '#app/utils/money.ts'

/** Money is integer minor units (cents) of the vendor's reporting currency, shown compact: $1.25M, $12.5k. */
export const money = (cents: number | null | undefined): string => formatMoney(cents, 'compact')
export const pct = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`)
export const count = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'))
export const hours = (h: number | null | undefined) => (h === null || h === undefined ? '—' : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`)
export const ratio = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toFixed(2)}×`)

/** Change against the previous period, as text and a direction. */
export function change(current: number | null, previous: number | null): { text: string; dir: 'up' | 'down' | 'flat' | 'none' } {
  if (current === null || previous === null) return { text: 'no comparison', dir: 'none' }
  if (previous === 0) return current === 0 ? { text: 'no change', dir: 'flat' } : { text: 'new', dir: 'up' }
  const delta = (current - previous) / Math.abs(previous)
  if (Math.abs(delta) < 0.0005) return { text: 'no change', dir: 'flat' }
  return { text: `${delta > 0 ? '+' : ''}${(delta * 100).toFixed(1)}%`, dir: delta > 0 ? 'up' : 'down' }
}
