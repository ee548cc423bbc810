import { sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { CONTRACT_DOCUMENTS } from '#search/fixtures.ts'
import { highlightParts, tsqueryOperands } from '#search/highlight.ts'
import { buildTsQuery } from '#search/postgres-query-plan.server.ts'
import { expandQuery } from '#search/synonyms.ts'
import { MARK_END, MARK_START, toHighlightParts } from '#search/types.ts'

const TEXTS = [
  ...CONTRACT_DOCUMENTS.flatMap((d) => [d.title, d.summary]),
  'Co-sell playbooks for data-driven teams: cloud-native, multi-cloud and hybrid clouds.',
  "Partner's cloud migration — Zürich & São Paulo offices; CLOUD first, ClOuDy days.",
  'Integration_with ERP/CRM (SAP S4 and Salesforce), 24x7 support, ISO27001 certified.',
  'Systems integrator and managed service provider: SI, MSP, ISV... all welcome!',
  '',
  'Healthcare-healthcare healthcare,healthcare. Healthcare',
  'Write to sales@bluepeak.test, see bluepeak.example.com/cloud or docs.cloud.io; version 2.5 cloud 3.5.1',
]
const QUERIES = [
  'sales',
  'bluepeak',
  'docs',
  '2',
  'version 2',
  'cloud',
  'clou',
  'cloud ',
  'data driven',
  'SI',
  'msp',
  'integration erp',
  'erp',
  'healthcare',
  'zurich',
  'zürich',
  'sao paulo',
  'iso27001',
  '24x7 support',
  'co sell',
  'playbook',
]

test('the JavaScript highlighter marks the same words as ts_headline', async () => {
  const cases = QUERIES.flatMap((q) => {
    const tsquery = buildTsQuery(expandQuery(q.trim()), new Map(), { prefixLast: !/\s$/.test(q), maxTypos: 2 })
    return TEXTS.map((text) => ({ q, text, tsquery }))
  }).map((c, n) => ({ ...c, n }))
  const rows = await queryRows<{ marked: string }>(
    db,
    sql`select ts_headline('simple', c.text, to_tsquery('simple', c.tsquery), ${`HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`}) as marked
        from jsonb_to_recordset(${JSON.stringify(cases)}::jsonb) as c(text text, tsquery text, n int) order by c.n`,
  )
  for (const [i, { q, text, tsquery }] of cases.entries()) {
    expect({ q, text, parts: highlightParts(text, tsqueryOperands(tsquery)) }).toEqual({ q, text, parts: toHighlightParts(rows[i]!.marked) })
  }
  // The cases mark something: the comparison is not between two empty outputs.
  expect(cases.filter((c) => highlightParts(c.text, tsqueryOperands(c.tsquery)).some((p) => p.match)).length).toBeGreaterThan(30)
})

test('operands of a tsquery: whole words and prefixes', () => {
  expect(tsqueryOperands('(cloud | clowd) & (migration:*) & ((systems <-> integrator) | si)')).toEqual({
    words: new Set(['cloud', 'clowd', 'systems', 'integrator', 'si']),
    prefixes: ['migration'],
  })
  expect(highlightParts('Cloud migrations', tsqueryOperands('cloud & migration:*'))).toEqual([
    { text: 'Cloud', match: true },
    { text: ' ', match: false },
    { text: 'migrations', match: true },
  ])
  expect(highlightParts('No match here', tsqueryOperands('cloud'))).toEqual([{ text: 'No match here', match: false }])
})
