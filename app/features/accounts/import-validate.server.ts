import { stringify } from 'csv-stringify/sync'
import { z } from 'zod'
import { accountImportRows, IMPORT_FIELDS, type ImportField, type ImportMapping, type Population } from '#db/schema/accounts.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { parseMoney } from '#app/utils/money.ts'

const HEADER_GUESSES: Record<ImportField, string[]> = {
  name: ['name', 'accountname', 'company', 'companyname', 'account', 'organization', 'organisation', 'customer', 'customername'],
  domain: ['domain', 'website', 'url', 'web', 'site', 'accountdomain', 'companydomain', 'homepage', 'webdomain'],
  population: ['population', 'type', 'status', 'stage', 'segment', 'category', 'list', 'accounttype', 'relationship'],
  ownerEmail: ['owneremail', 'owner', 'email', 'accountowner', 'rep', 'repemail', 'salesrep', 'accountowneremail'],
  dealSize: ['dealsize', 'amount', 'value', 'dealvalue', 'size', 'arr', 'revenue', 'dealamount'],
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Guesses which column holds which field from the header names. */
export function guessMapping(headers: string[]): ImportMapping {
  const mapping: ImportMapping = {}
  const used = new Set<string>()
  for (const field of IMPORT_FIELDS) {
    for (const guess of HEADER_GUESSES[field]) {
      const header = headers.find((h) => squash(h) === guess && !used.has(h))
      if (header) {
        mapping[field] = header
        used.add(header)
        break
      }
    }
  }
  return mapping
}

/**
 * The CSV template offered on the accounts page (GET /docs/samples/accounts.csv): a header row of
 * the import's own field names, which the header guesses map without help, and one example row
 * per population. A test uploads it through the real import.
 */
export function accountsCsvTemplate(): string {
  const rows: Record<ImportField, string>[] = [
    { name: 'Globex', domain: 'globex.example', population: 'customer', ownerEmail: 'jane.doe@yourcompany.example', dealSize: '42000' },
    { name: 'Initech', domain: 'https://www.initech.example/', population: 'opportunity', ownerEmail: '', dealSize: '18,500.50' },
    { name: 'Umbrella', domain: 'umbrella.example', population: 'prospect', ownerEmail: '', dealSize: '' },
  ]
  return stringify([[...IMPORT_FIELDS], ...rows.map((r) => IMPORT_FIELDS.map((f) => r[f]))], { record_delimiter: 'windows' })
}

/** customer(s), client, open opportunity, opp, pipeline, prospect(s), lead … → the population. */
export function parsePopulation(value: string | undefined): Population | null {
  const v = squash(value ?? '')
  if (!v) return null
  if (['customer', 'customers', 'client', 'clients', 'cust', 'account', 'installedbase'].includes(v)) return 'customer'
  if (['opportunity', 'opportunities', 'openopportunity', 'openopportunities', 'opp', 'opps', 'pipeline', 'deal', 'open'].includes(v)) return 'opportunity'
  if (['prospect', 'prospects', 'lead', 'leads', 'target', 'targets'].includes(v)) return 'prospect'
  return null
}

export type StagedRow = typeof accountImportRows.$inferInsert

/** Checks one data row against the mapping; returns the staged row or the reasons it is refused. */
export function validateRow(
  record: string[],
  columns: Partial<Record<ImportField, number>>,
  defaultPopulation: Population | undefined,
): { row: Omit<StagedRow, 'jobId' | 'rowNumber'> } | { reasons: string[] } {
  const get = (f: ImportField) => (columns[f] === undefined ? '' : (record[columns[f]!] ?? '').trim())
  const reasons: string[] = []
  const name = get('name')
  if (!name) reasons.push('The account name is empty.')
  else if (name.length > 200) reasons.push('The account name is longer than 200 characters.')
  const rawDomain = get('domain')
  const domain = normalizeDomain(rawDomain)
  if (!rawDomain) reasons.push('The web domain is empty.')
  else if (!domain) reasons.push(`“${rawDomain.slice(0, 80)}” is not a web domain like example.com.`)
  let population: Population | null = null
  if (columns.population !== undefined) {
    const raw = get('population')
    population = parsePopulation(raw) ?? (raw ? null : (defaultPopulation ?? null))
    if (!population) reasons.push(raw ? `“${raw.slice(0, 40)}” is not a population; use customer, opportunity or prospect.` : 'The population is empty.')
  } else population = defaultPopulation ?? null
  const rawEmail = get('ownerEmail')
  let ownerEmail: string | null = null
  if (rawEmail) {
    const ok = z.string().email().max(254).safeParse(rawEmail)
    if (ok.success) ownerEmail = rawEmail.toLowerCase()
    else reasons.push(`“${rawEmail.slice(0, 80)}” is not a valid owner e-mail address.`)
  }
  const rawDeal = get('dealSize')
  let dealSize: number | null = null
  if (rawDeal) {
    dealSize = parseMoney(rawDeal)
    if (dealSize === null) reasons.push(`“${rawDeal.slice(0, 40)}” is not a deal size; use a positive amount like 12500.`)
  }
  if (reasons.length > 0) return { reasons }
  return { row: { name, domain: domain!, population: population!, ownerEmail, dealSize } }
}
