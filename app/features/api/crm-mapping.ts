import { parse } from 'csv-parse/sync'

/**
 * The documented mapping (docs/crm-sync.md) from Salesforce and HubSpot opportunity exports to
 * the body of POST /api/v1/opportunities/{externalId}. Pure: the CLI (scripts/crm-sync.ts) and
 * the tests use it alike.
 */
export type CrmFormat = 'salesforce' | 'hubspot'
export type OpportunityStage = 'prospect' | 'qualified' | 'technical_validation' | 'business_validation' | 'committed' | 'won' | 'lost'
export type MappedOpportunity = {
  externalId: string
  body: {
    title?: string
    accountName: string
    accountDomain?: string
    stage: OpportunityStage
    amount: number
    closeDate?: string
    createdAt?: string
    touchingPartners?: { partner: string }[]
  }
}
export type MappedRow = { row: number; ok: true; value: MappedOpportunity } | { row: number; ok: false; reasons: string[] }

/** Each format's columns: the first header found (case and spacing ignored) is used. */
export const CRM_FIELDS: Record<CrmFormat, Record<'externalId' | 'title' | 'accountName' | 'accountDomain' | 'stage' | 'amount' | 'closeDate' | 'createdAt' | 'partners', string[]>> = {
  salesforce: {
    externalId: ['Id', 'Opportunity ID', 'Opportunity Id'],
    title: ['Name', 'Opportunity Name'],
    accountName: ['Account.Name', 'Account Name'],
    accountDomain: ['Account.Website', 'Website', 'Account Website'],
    stage: ['StageName', 'Stage'],
    amount: ['Amount'],
    closeDate: ['CloseDate', 'Close Date'],
    createdAt: ['CreatedDate', 'Created Date'],
    partners: ['Partners__c', 'Partner Accounts', 'Partners'],
  },
  hubspot: {
    externalId: ['Record ID', 'hs_object_id', 'Deal ID'],
    title: ['Deal Name', 'dealname'],
    accountName: ['Associated Company', 'Company Name', 'Associated Company Name'],
    accountDomain: ['Company Domain Name', 'Associated Company Domain', 'domain'],
    stage: ['Deal Stage', 'dealstage'],
    amount: ['Amount', 'amount'],
    closeDate: ['Close Date', 'closedate'],
    createdAt: ['Create Date', 'createdate'],
    partners: ['Partners', 'partners'],
  },
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Stage names of each CRM's default pipeline (labels and HubSpot's internal values), squashed. */
export const STAGE_MAP: Record<CrmFormat, Record<string, OpportunityStage>> = {
  salesforce: {
    prospecting: 'prospect',
    qualification: 'qualified',
    needsanalysis: 'qualified',
    valueproposition: 'technical_validation',
    iddecisionmakers: 'technical_validation',
    perceptionanalysis: 'technical_validation',
    proposalpricequote: 'business_validation',
    negotiationreview: 'committed',
    closedwon: 'won',
    closedlost: 'lost',
  },
  hubspot: {
    appointmentscheduled: 'prospect',
    qualifiedtobuy: 'qualified',
    presentationscheduled: 'technical_validation',
    decisionmakerboughtin: 'business_validation',
    contractsent: 'committed',
    closedwon: 'won',
    closedlost: 'lost',
  },
}

/** Which export is it? By its id column. */
export function detectFormat(headers: string[]): CrmFormat | null {
  const has = (names: string[]) => headers.some((h) => names.some((n) => squash(n) === squash(h)))
  if (has(CRM_FIELDS.hubspot.externalId) && has(CRM_FIELDS.hubspot.stage)) return 'hubspot'
  if (has(CRM_FIELDS.salesforce.externalId) && has(CRM_FIELDS.salesforce.stage)) return 'salesforce'
  return null
}

/** "2026-09-30", "2026-09-30 14:00", "2026-09-30T14:00:00Z" or "9/30/2026" → "2026-09-30". */
export function readDate(value: string): string | null {
  const v = value.trim()
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v)
  if (m) return `${m[1]}-${m[2]}-${m[3]}`
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(v)
  if (m) return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`
  return null
}

function readDateTime(value: string): string | null {
  const v = value.trim()
  if (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString()
  const day = readDate(v)
  return day ? `${day}T00:00:00.000Z` : null
}

/** "12,500.50", "$12500" → 1250050 minor units; empty → 0. */
export function readAmount(value: string): number | null {
  const v = value.replace(/[\s$€£,]/g, '')
  if (!v) return 0
  if (!/^\d+(\.\d+)?$/.test(v)) return null
  return Math.round(Number(v) * 100)
}

/** Maps every data row of an export; bad rows carry their reasons (row 1 is the first data row). */
export function mapExport(text: string, format?: CrmFormat): { format: CrmFormat; rows: MappedRow[] } {
  const records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true }) as string[][]
  const headers = (records[0] ?? []).map((h) => h.trim())
  const chosen = format ?? detectFormat(headers)
  if (!chosen) throw new Error(`Not a Salesforce or HubSpot opportunity export: no id and stage columns among ${headers.join(', ') || 'no headers'}. See docs/crm-sync.md.`)
  const fields = CRM_FIELDS[chosen]
  const col = Object.fromEntries(Object.entries(fields).map(([field, names]) => [field, headers.findIndex((h) => names.some((n) => squash(n) === squash(h)))])) as Record<keyof typeof fields, number>
  for (const required of ['externalId', 'stage'] as const) if (col[required] < 0) throw new Error(`The export has no ${fields[required][0]} column.`)
  const rows = records.slice(1).map((record, i): MappedRow => {
    const get = (f: keyof typeof fields) => (col[f] >= 0 ? (record[col[f]] ?? '').trim() : '')
    const reasons: string[] = []
    const externalId = get('externalId')
    if (!externalId) reasons.push(`${fields.externalId[0]} is empty.`)
    const rawStage = get('stage')
    const stage = STAGE_MAP[chosen][squash(rawStage)]
    if (!stage) reasons.push(`Stage “${rawStage}” is not in the mapping (docs/crm-sync.md); map it or rename it.`)
    const amount = readAmount(get('amount'))
    if (amount === null) reasons.push(`Amount “${get('amount')}” is not a number.`)
    const closeDate = get('closeDate') ? readDate(get('closeDate')) : null
    if (get('closeDate') && !closeDate) reasons.push(`Close date “${get('closeDate')}” is not a date like 2026-09-30.`)
    const createdAt = get('createdAt') ? readDateTime(get('createdAt')) : null
    const title = get('title')
    const accountName = get('accountName') || title || externalId
    if (reasons.length) return { row: i + 1, ok: false, reasons }
    const partners = get('partners')
      .split(/[;,]/)
      .map((p) => p.trim())
      .filter(Boolean)
    const domain = get('accountDomain')
    return {
      row: i + 1,
      ok: true,
      value: {
        externalId,
        body: {
          ...(title ? { title: title.slice(0, 200) } : {}),
          accountName: accountName.slice(0, 200),
          ...(domain ? { accountDomain: domain } : {}),
          stage: stage!,
          amount: amount!,
          ...(closeDate ? { closeDate } : {}),
          ...(createdAt ? { createdAt } : {}),
          ...(partners.length ? { touchingPartners: [...new Set(partners)].map((partner) => ({ partner })) } : {}),
        },
      },
    }
  })
  return { format: chosen, rows }
}
