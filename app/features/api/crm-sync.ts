import { createHash } from 'node:crypto'
import { mapExport, type CrmFormat } from '#app/features/api/crm-mapping.ts'

/**
 * `npm run crm:sync`: maps a Salesforce or HubSpot export (docs/crm-sync.md) and upserts every
 * opportunity through POST /api/v1/opportunities/{externalId} with the vendor's API key. Each
 * request carries an Idempotency-Key derived from the row, so a rerun after a crash never writes
 * twice (an unchanged row is answered from the first request and counted unchanged); a 429 waits for Retry-After and retries.
 */
export type SyncProgress = { done: number; total: number; externalId: string; outcome: 'created' | 'updated' | 'unchanged' | 'refused' | 'skipped'; message?: string }
export type SyncResult = { format: CrmFormat; total: number; created: number; updated: number; unchanged: number; refused: { row: number; externalId?: string; reasons: string[] }[] }

export async function syncCrmExport(
  text: string,
  { baseUrl, apiKey, format, onProgress = () => {}, fetchImpl = fetch }: { baseUrl: string; apiKey: string; format?: CrmFormat; onProgress?: (p: SyncProgress) => void; fetchImpl?: typeof fetch },
): Promise<SyncResult> {
  const mapped = mapExport(text, format)
  const result: SyncResult = { format: mapped.format, total: mapped.rows.length, created: 0, updated: 0, unchanged: 0, refused: [] }
  let done = 0
  for (const row of mapped.rows) {
    done++
    if (!row.ok) {
      result.refused.push({ row: row.row, reasons: row.reasons })
      onProgress({ done, total: result.total, externalId: `row ${row.row}`, outcome: 'skipped', message: row.reasons.join(' ') })
      continue
    }
    const { externalId, body } = row.value
    const json = JSON.stringify(body)
    const idempotencyKey = `crm-sync-${createHash('sha256').update(`${externalId}\n${json}`).digest('hex').slice(0, 40)}`
    for (let attempt = 1; ; attempt++) {
      const response = await fetchImpl(`${baseUrl.replace(/\/$/, '')}/api/v1/opportunities/${encodeURIComponent(externalId)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: json,
      })
      if (response.status === 429 && attempt < 5) {
        const wait = Number(response.headers.get('retry-after') ?? '1')
        await new Promise((r) => setTimeout(r, Math.min(60, Math.max(1, wait)) * 1000))
        continue
      }
      const answer = (await response.json().catch(() => ({}))) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } }
      if (response.status === 201 || response.status === 200) {
        // A replayed Idempotency-Key: the same row was synced before and nothing was written now.
        const outcome = response.headers.get('idempotent-replayed') === 'true' ? 'unchanged' : response.status === 201 ? 'created' : 'updated'
        result[outcome]++
        onProgress({ done, total: result.total, externalId, outcome })
      } else {
        if (response.status === 401 || response.status === 403) throw new Error(answer.error?.message ?? `The API refused the key (${response.status}).`)
        const reasons = [answer.error?.message ?? `HTTP ${response.status}`]
        result.refused.push({ row: row.row, externalId, reasons })
        onProgress({ done, total: result.total, externalId, outcome: 'refused', message: reasons.join(' ') })
      }
      break
    }
  }
  return result
}
