import { type HighlightPart } from '#search/types.ts'

/** The operands of a tsquery made by buildTsQuery: whole words, and words that match as a prefix (`word:*`). */
export type Operands = { words: ReadonlySet<string>; prefixes: readonly string[] }

export function tsqueryOperands(tsquery: string): Operands {
  const words = new Set<string>()
  const prefixes = new Set<string>()
  for (const [, word, prefix] of tsquery.matchAll(/([a-z0-9]+)(:\*)?/g)) (prefix ? prefixes : words).add(word!)
  return { words, prefixes: [...prefixes] }
}

/**
 * Runs of letters and digits, joined by dots, slashes and @: PostgreSQL's default parser reads
 * such a run as one token (a host name, file path, e-mail address or number), and hyphenated
 * words as their parts.
 */
const TOKEN = /[\p{L}\p{N}]+(?:[./@][\p{L}\p{N}]+)*/gu
/** A host name followed by a path is a URL: its host is a token, its path (never a query word) another. */
const URL_PATH = /^[^/@]*\.[^/@]*(?=\/)/u

/**
 * The text in parts, the words matching an operand marked: what ts_headline('simple', text, query,
 * 'HighlightAll=true') marks (each token lower-cased, compared whole or as a prefix). Tested
 * against ts_headline for ordinary words, hyphenated words, hosts, paths, URLs, e-mail addresses
 * and numbers (highlight.test.ts).
 */
export function highlightParts(text: string, { words, prefixes }: Operands): HighlightPart[] {
  if (words.size === 0 && prefixes.length === 0) return text ? [{ text, match: false }] : []
  const parts: HighlightPart[] = []
  let plainFrom = 0
  let last: HighlightPart | null = null
  for (const found of text.matchAll(TOKEN)) {
    const token = URL_PATH.exec(found[0])?.[0] ?? found[0]
    const lexeme = token.toLowerCase()
    if (!words.has(lexeme) && !prefixes.some((prefix) => lexeme.startsWith(prefix))) continue
    const start = found.index!
    if (start > plainFrom) parts.push((last = { text: text.slice(plainFrom, start), match: false }))
    if (last?.match) last.text += token
    else parts.push((last = { text: token, match: true }))
    plainFrom = start + token.length
  }
  if (plainFrom < text.length) parts.push({ text: text.slice(plainFrom), match: false })
  return parts
}
