import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { loader as docLoader } from '#app/routes/docs.$page.tsx'
import { loader as sampleLoader } from '#app/routes/docs.samples.$file.tsx'
import { importAccountsCsv } from '#app/features/accounts/import-apply.server.ts'
import { importSnapshot } from '#app/features/analytics/import.server.ts'
import { importOpportunitiesCsv } from '#app/features/analytics/opportunities.server.ts'
import { docHref, DOC_PAGES } from '#app/features/docs/docs.server.ts'

type LoaderArgs = Parameters<typeof sampleLoader>[0]
const args = (params: Record<string, string>) => ({ params, request: new Request('http://localhost/docs'), context: {} }) as unknown as LoaderArgs

async function sample(file: string) {
  const response = await sampleLoader(args({ file }))
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Disposition')).toContain('attachment')
  return response.text()
}

async function* bytes(text: string) {
  yield new TextEncoder().encode(text)
}

describe('sample import files', () => {
  it('the sample snapshot imports cleanly through the snapshot importer', async () => {
    const { admin } = await createVendor()
    const text = await sample('snapshot.json')
    const result = await importSnapshot(admin, text, { fileName: 'sample-snapshot.json' })
    expect(result.ok, JSON.stringify(result)).toBe(true)
    if (!result.ok) return
    expect(result.counts.organizations.inserted).toBe(3) // the three partners; the vendor is this site's
    expect(result.counts.opportunities.inserted).toBe(3)
    expect(result.counts.referrals.inserted).toBe(2)
    expect(result.counts.coSell.inserted).toBe(2)
  })

  it('the pipeline CSV template imports cleanly, its example sourced by a real partner', async () => {
    const { admin } = await createVendor()
    const { org: partner } = await createPartner({ name: 'Aaa First Partner' })
    const text = await sample('opportunities.csv')
    expect(text.split('\r\n')[0]).toBe('accountName,accountDomain,title,amount,stage,createdAt,closedAt,sourcedBy')
    const result = await importOpportunitiesCsv(admin, text)
    expect(result, JSON.stringify(result)).toEqual({ ok: true, inserted: 3 })
    const rows = await queryRows<{ account_name: string; sourced: string | null }>(
      db,
      sql`select o.account_name, s.slug as sourced from opportunities o left join organizations s on s.id = o.sourced_by_org_id where o.created_by = ${admin.userId} order by o.account_name`,
    )
    expect(rows).toEqual([
      { account_name: 'Globex', sourced: partner.slug },
      { account_name: 'Initech', sourced: null },
      { account_name: 'Umbrella', sourced: null },
    ])
  })

  it('the account list CSV template imports cleanly with the guessed column mapping', async () => {
    const { admin } = await createPartner()
    const text = await sample('accounts.csv')
    const job = await importAccountsCsv(admin, { filename: 'sample-accounts.csv', data: bytes(text), mode: 'strict' })
    expect(job.status).toBe('completed')
    expect(job.totalRows).toBe(3)
    expect(job.errorRows).toBe(0)
    expect(job.insertedCount).toBe(3)
    const list = await queryRows<{ domain: string; population: string }>(db, sql`select domain, population from accounts where org_id = ${admin.orgId} order by domain`)
    expect(list).toEqual([
      { domain: 'globex.example', population: 'customer' },
      { domain: 'initech.example', population: 'opportunity' },
      { domain: 'umbrella.example', population: 'prospect' },
    ])
  })

  it('answers 404 for an unknown sample', async () => {
    const response = await sampleLoader(args({ file: 'passwords.csv' }))
    expect(response.status).toBe(404)
  })
})

describe('documents', () => {
  it('renders a document with anchors and links between documents resolved to the site', async () => {
    const page = await docLoader(args({ page: 'import-format' }))
    expect(page.title).toBe('Import formats')
    expect(page.html).toContain('<h2 id="ecosystem-snapshot-json">')
    expect(page.html).toContain('href="#pipeline-opportunities-csv"')
    expect(page.html).toContain('href="/docs/metrics"')
    expect(page.html).not.toContain('.md"')
    const design = await docLoader(args({ page: 'design' }))
    expect(design.html).toContain('decision 0001') // a document the site does not serve stays as text
    expect(design.html).not.toContain('decisions/0001')
    await expect(docLoader(args({ page: 'secrets' }))).rejects.toMatchObject({ status: 404 })
  })

  it('resolves only the documents it serves', () => {
    expect(docHref('metrics.md#pipeline')).toBe('/docs/metrics#pipeline')
    expect(docHref('../shared/METRICS.md')).toBeNull()
    expect(Object.keys(DOC_PAGES).sort()).toEqual(['api', 'design', 'import-format', 'metrics', 'webhooks'])
  })

  it('nothing in the repository points to documents outside it', () => {
    const root = path.resolve(import.meta.dirname, '../../..')
    const files: string[] = [path.join(root, 'README.md')]
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(full)
        } else if (/\.(md|ts|tsx)$/.test(entry.name)) files.push(full)
      }
    }
    for (const dir of ['docs', 'app', 'db', 'scripts', 'search', 'realtime', 'tests', 'bench']) walk(path.join(root, dir))
    const self = path.join(root, 'app/features/docs/docs.test.ts')
    const offenders = files.filter((f) => f !== self && /\.\.\/shared|METRICS\.md|DESIGN\.md/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f))
    expect(offenders).toEqual([])
  })
})
