/**
 * Synonym groups shared by both engines: every phrase in a group finds documents that use any
 * other phrase of the group (SI ↔ systems integrator, MSP ↔ managed service provider, …).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['si', 'systems integrator', 'system integrator'],
  ['msp', 'managed service provider', 'managed services provider'],
  ['isv', 'independent software vendor'],
  ['var', 'value added reseller'],
  ['gsi', 'global systems integrator'],
  ['crm', 'customer relationship management'],
  ['erp', 'enterprise resource planning'],
  ['hcm', 'human capital management'],
  ['ai', 'artificial intelligence'],
  ['ml', 'machine learning'],
  ['k8s', 'kubernetes'],
  ['iam', 'identity and access management'],
  ['siem', 'security information and event management'],
  ['finserv', 'financial services', 'fintech'],
  ['healthcare', 'health care', 'healthtech'],
  ['public sector', 'government', 'govtech'],
  ['cloud provider', 'hyperscaler'],
]

/** Lower-case words of a text: letters and digits only. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** Meilisearch's synonyms setting: each phrase maps to every other phrase of its group. */
export function meiliSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const group of SYNONYM_GROUPS) {
    for (const phrase of group) {
      out[phrase] = [...new Set([...(out[phrase] ?? []), ...group.filter((p) => p !== phrase)])]
    }
  }
  return out
}

/**
 * A query as a list of terms, each with its alternatives: a multi-word synonym phrase found in the
 * query becomes one term whose alternatives are the group's phrases (each a list of words).
 */
export type QueryTerm = { words: string[]; alternatives: string[][]; synonym: boolean }

export function expandQuery(query: string): QueryTerm[] {
  const tokens = words(query)
  const phrases = SYNONYM_GROUPS.flatMap((group) => group.map((phrase) => ({ phrase: words(phrase), group })))
  // Longest phrases first, so "managed service provider" wins over a shorter overlap.
  phrases.sort((a, b) => b.phrase.length - a.phrase.length)
  const terms: QueryTerm[] = []
  let i = 0
  while (i < tokens.length) {
    const found = phrases.find(({ phrase }) => phrase.every((w, k) => tokens[i + k] === w))
    if (found) {
      terms.push({ words: found.phrase, alternatives: found.group.map(words), synonym: true })
      i += found.phrase.length
    } else {
      terms.push({ words: [tokens[i]!], alternatives: [[tokens[i]!]], synonym: false })
      i += 1
    }
  }
  // Filler words would demand a literal match of "for" or "the"; drop them unless nothing else is left.
  const meaningful = terms.filter((t) => t.synonym || !STOP_WORDS.has(t.words[0]!))
  return meaningful.length > 0 ? meaningful : terms
}

export const STOP_WORDS = new Set(['a', 'an', 'and', 'or', 'the', 'for', 'of', 'in', 'on', 'at', 'to', 'with', 'by', 'from', 'that', 'who', 'we', 'our', 'is', 'are', 'need', 'needs', 'looking'])

/** The query text engines receive: words only, filler words dropped. */
export function normalizedQuery(query: string) {
  return expandQuery(query)
    .map((t) => t.words.join(' '))
    .join(' ')
}

/** Edit distance with transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}

/** Typos allowed in a query word, as Meilisearch counts them: 1 from 5 letters, 2 from 9. */
export function typosAllowed(word: string) {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0
}

/**
 * Typos between a query word and an indexed word, or null when over the budget, counted as
 * Meilisearch counts them (a different first letter is two typos). As a prefix (the word being
 * typed), only the candidate's first letters count.
 */
export function typoDistance(word: string, candidate: string, prefix: boolean): number | null {
  const allowed = typosAllowed(word)
  if (allowed === 0) return null
  // Meilisearch counts a different first letter as two typos, and allows it only one edit.
  const firstLetterCost = (d: number | null) => (d === null || candidate[0] === word[0] ? d : d <= 1 && allowed >= 2 ? 2 : null)
  if (!prefix) {
    const d = editDistance(word, candidate)
    return firstLetterCost(d <= allowed ? d : null)
  }
  let best: number | null = null
  for (let len = Math.max(1, word.length - allowed); len <= Math.min(candidate.length, word.length + allowed); len++) {
    const d = editDistance(word, candidate.slice(0, len))
    if (d <= allowed && (best === null || d < best)) best = d
  }
  return firstLetterCost(best)
}
