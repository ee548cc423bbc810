/**
 * npm run crm:sync -- <file|url> [--format salesforce|hubspot] [--api http://localhost:3000]
 *
 * Reads a Salesforce or HubSpot opportunity export (CSV; docs/crm-sync.md), maps it and upserts
 * every opportunity through the public API with the vendor's key in CRM_SYNC_API_KEY, printing
 * progress. Exits 1 when any row was refused.
 */
import fs from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { syncCrmExport } from '#app/features/api/crm-sync.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string' }, api: { type: 'string' } },
})
const source = positionals[0]
if (!source) {
  console.error('Usage: npm run crm:sync -- <file|url> [--format salesforce|hubspot] [--api http://localhost:3000]\nSet CRM_SYNC_API_KEY to a vendor key with opportunities:write.')
  process.exit(2)
}
const apiKey = process.env.CRM_SYNC_API_KEY
if (!apiKey) {
  console.error('Set CRM_SYNC_API_KEY to a vendor API key with the opportunities:write scope (create one at /settings/api-keys).')
  process.exit(2)
}
if (values.format && values.format !== 'salesforce' && values.format !== 'hubspot') {
  console.error('--format must be salesforce or hubspot (or leave it out to detect it).')
  process.exit(2)
}
const baseUrl = values.api ?? process.env.CRM_SYNC_API_URL ?? 'http://localhost:3000'

async function read(from: string) {
  if (/^https?:\/\//.test(from)) {
    const response = await fetch(from)
    if (!response.ok) throw new Error(`Could not download ${from}: HTTP ${response.status}`)
    return response.text()
  }
  return fs.readFile(from, 'utf8')
}

const started = Date.now()
const text = await read(source)
const result = await syncCrmExport(text, {
  baseUrl,
  apiKey,
  format: values.format as 'salesforce' | 'hubspot' | undefined,
  onProgress: (p) => {
    const width = String(p.total).length
    console.log(`[${String(p.done).padStart(width)}/${p.total}] ${p.outcome.padEnd(8)} ${p.externalId}${p.message ? ` — ${p.message}` : ''}`)
  },
})
console.log(
  `\n${result.format} export: ${result.total} opportunities — ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.refused.length} refused, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
)
process.exit(result.refused.length ? 1 : 0)
