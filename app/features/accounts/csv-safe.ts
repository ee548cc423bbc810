/**
 * Spreadsheet formula injection: a cell starting with = + - @ (or a tab / carriage return
 * followed by one) is run as a formula by Excel, LibreOffice and Google Sheets. Every value we
 * export goes through this, so a hostile account name like `=cmd|' /C calc'!A0` is shown as text.
 */
export function neutralizeFormula(value: unknown): string {
  if (value == null) return ''
  const s = value instanceof Date ? value.toISOString() : String(value)
  if (/^[=+\-@\t\r]/.test(s)) return `'${s}`
  return s
}

/** Neutralizes every cell of a row for export. Numbers stay numbers only when they are plain numbers. */
export function safeRow(values: unknown[]): string[] {
  return values.map((v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? String(v) : neutralizeFormula(v)))
}
