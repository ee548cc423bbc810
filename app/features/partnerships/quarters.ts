/** Calendar quarters as plans name them ("2027-Q1"), in UTC. */
export function quarterOf(d: Date) {
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`
}

/** [start, end) of a quarter. */
export function quarterRange(quarter: string): [Date, Date] {
  const [y, q] = quarter.split('-Q').map(Number) as [number, number]
  return [new Date(Date.UTC(y, (q - 1) * 3, 1)), new Date(Date.UTC(y, q * 3, 1))]
}

/** The last day of the quarter containing `d` (noon UTC, so it reads as that day everywhere). */
export function quarterEndDay(d: Date) {
  const [, end] = quarterRange(quarterOf(d))
  return new Date(end.getTime() - 12 * 3600_000)
}

export const isoDay = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : '')
