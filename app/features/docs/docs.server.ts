import api from '../../../docs/api.md?raw'
import design from '../../../docs/design.md?raw'
import importFormat from '../../../docs/import-format.md?raw'
import metrics from '../../../docs/metrics.md?raw'
import webhooks from '../../../docs/webhooks.md?raw'
import { accountsCsvTemplate } from '#app/features/accounts/import-validate.server.ts'
import { opportunitiesCsvTemplateForSite } from '#app/features/analytics/opportunities.server.ts'
import { sampleSnapshotJson } from '#app/features/analytics/snapshot-sample.ts'
import { renderDocument } from '#app/features/listings/markdown.server.ts'

/**
 * The repository's own documents (docs/*.md), served readably at /docs/<name>: the markdown is
 * bundled with the server (Vite `?raw`), so the site shows exactly what the repository says.
 */
export const DOC_PAGES = {
  metrics: { title: 'Metric definitions', summary: 'What every number on the analytics dashboard, its exports, the API and the CLI means.', markdown: metrics },
  'import-format': { title: 'Import formats', summary: 'The ecosystem snapshot (JSON), the pipeline CSV and the account list CSV, with samples to download.', markdown: importFormat },
  api: { title: 'The Partner Hub API', summary: 'API keys, authentication, errors, pagination, idempotency and rate limits, with examples.', markdown: api },
  webhooks: { title: 'Webhooks', summary: 'Event types and their payloads, signature verification, secret rotation, order and retries.', markdown: webhooks },
  design: { title: 'Design overview', summary: 'How Partner Hub is built: services, the event outbox, tenancy and the domain.', markdown: design },
} as const

export type DocName = keyof typeof DOC_PAGES
export const isDocName = (name: string): name is DocName => Object.hasOwn(DOC_PAGES, name)

/** `metrics.md#pipeline` → `/docs/metrics#pipeline`; a document the site does not serve → null (plain text). */
export function docHref(href: string): string | null {
  const m = /^(?:\.\/)?([a-z0-9-]+)\.md(#[\w-]*)?$/.exec(href)
  if (!m || !isDocName(m[1]!)) return null
  return `/docs/${m[1]}${m[2] ?? ''}`
}

/** The document's HTML without its own `# title` (the page renders the title). */
export function renderDoc(name: DocName): { title: string; html: string } {
  const page = DOC_PAGES[name]
  return { title: page.title, html: renderDocument(page.markdown.replace(/^# .*\n/, ''), docHref) }
}

/** Sample files for the import pages, generated from the importers' own schemas. */
export const SAMPLE_FILES = {
  'snapshot.json': { contentType: 'application/json; charset=utf-8', body: async () => sampleSnapshotJson() },
  'opportunities.csv': { contentType: 'text/csv; charset=utf-8', body: () => opportunitiesCsvTemplateForSite() },
  'accounts.csv': { contentType: 'text/csv; charset=utf-8', body: async () => accountsCsvTemplate() },
} as const

export type SampleFile = keyof typeof SAMPLE_FILES
export const isSampleFile = (name: string): name is SampleFile => Object.hasOwn(SAMPLE_FILES, name)
