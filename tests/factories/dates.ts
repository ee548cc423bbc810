/** A date `days` from today (negative: in the past), as a form sends it: `YYYY-MM-DD`. */
export const dateInDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
