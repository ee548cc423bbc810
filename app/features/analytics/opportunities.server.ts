import { and, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import Papa from 'papaparse'
import { z } from 'zod'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { OPPORTUNITY_STAGES, opportunities } from '#db/schema/pipeline.ts'
import { normalizeDomain } from '#app/utils/domain.ts'
import { readMoney } from '#app/utils/money.ts'
import { fieldErrorsOf, invalid } from '#app/utils/errors.ts'
import { assertVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { parseIsoTime } from '#app/features/analytics/period.ts'

/**
 * The vendor's pipeline: list with filters and pages, add one by hand, or add many from a CSV.
 * Amounts on forms and in CSV are in currency units ("4200.50") and stored in minor units.
 */
export const PAGE_SIZE = 25
const STAGE_INPUT = [...OPPORTUNITY_STAGES, 'open'] as const

const amount = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const read = readMoney(String(v))
  if (!read.ok && read.problem === 'too_large') {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'The amount is too large (at most 13 digits before the decimal point). Check for extra digits.' })
    return z.NEVER
  }
  if (!read.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Enter an amount like 4200 or 4200.50 (no negative amounts).' })
    return z.NEVER
  }
  return read.minor
})
const dateField = (label: string, required: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label} is required (YYYY-MM-DD).` })
        return null
      }
      const d = parseIsoTime(v)
      if (!d) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label} must be a date like 2026-02-01.` })
        return z.NEVER
      }
      return d
    })

export const opportunityFields = z.object({
  accountName: z.string().trim().min(1, 'Account name is required.').max(200),
  accountDomain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null
      const domain = normalizeDomain(v)
      if (!domain) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Enter a domain like globex.com.' })
      return domain
    }),
  title: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  amount,
  stage: z.enum(STAGE_INPUT, { errorMap: () => ({ message: `Stage must be one of: ${STAGE_INPUT.join(', ')}.` }) }).transform((s) => (s === 'open' ? 'prospect' : s)),
  createdAt: dateField('Created', false),
  closedAt: dateField('Closed', false),
  sourcedBy: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
})

export const opportunityInputSchema = opportunityFields.superRefine((v, ctx) => {
  const closed = v.stage === 'won' || v.stage === 'lost'
  if (closed && !v.closedAt) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['closedAt'], message: 'A won or lost opportunity needs its close date.' })
  if (!closed && v.closedAt) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['closedAt'], message: 'Only won or lost opportunities have a close date.' })
  if (v.closedAt && v.createdAt && v.closedAt < v.createdAt) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['closedAt'], message: 'The close date is before the created date.' })
})

export type OpportunityInput = z.input<typeof opportunityInputSchema>

/** The CSV's columns are the form's fields; a column is required when its field is. */
export const OPPORTUNITY_CSV_COLUMNS = Object.keys(opportunityFields.shape) as (keyof typeof opportunityFields.shape)[]
export const OPPORTUNITY_CSV_REQUIRED = OPPORTUNITY_CSV_COLUMNS.filter((c) => !opportunityFields.shape[c].isOptional())

/**
 * The CSV template offered on the pipeline page (GET /docs/samples/opportunities.csv): the
 * importer's columns and example rows typed by its schema. `sourcedBy` names a real partner when
 * one is given, so the template imports as it is.
 */
export function opportunitiesCsvTemplate(sourcedBySlug: string | null): string {
  const rows: OpportunityInput[] = [
    { accountName: 'Globex', accountDomain: 'globex.example', title: 'Data platform', amount: '42000', stage: 'won', createdAt: '2026-02-01', closedAt: '2026-04-15', sourcedBy: sourcedBySlug ?? '' },
    { accountName: 'Initech', accountDomain: 'initech.example', title: '', amount: '18,500.50', stage: 'qualified', createdAt: '2026-03-10', closedAt: '', sourcedBy: '' },
    { accountName: 'Umbrella', accountDomain: '', title: '', amount: '9900', stage: 'open', createdAt: '', closedAt: '', sourcedBy: '' },
  ]
  return Papa.unparse({ fields: OPPORTUNITY_CSV_COLUMNS, data: rows.map((r) => OPPORTUNITY_CSV_COLUMNS.map((c) => String(r[c] ?? ''))) }, { newline: '\r\n' }) + '\r\n'
}

/** The template with this site's first active partner (by name) as the example's `sourcedBy`. */
export async function opportunitiesCsvTemplateForSite(): Promise<string> {
  const [partner] = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(and(eq(organizations.kind, 'partner'), eq(organizations.status, 'active')))
    .orderBy(organizations.name)
    .limit(1)
  return opportunitiesCsvTemplate(partner?.slug ?? null)
}

/** Partner slugs → ids (sourcedBy accepts a partner's slug). */
async function partnerIdsBySlug(slugs: string[]) {
  if (!slugs.length) return new Map<string, string>()
  const rows = await db
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(and(eq(organizations.kind, 'partner'), inArray(organizations.slug, slugs)))
  return new Map(rows.map((r) => [r.slug, r.id]))
}

async function vendorOrgId() {
  const [v] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'vendor')).limit(1)
  return v!.id
}

export async function createOpportunity(actor: Actor, input: unknown) {
  assertVendor(actor, "Only the vendor's team can add opportunities to the pipeline.")
  const parsed = opportunityInputSchema.safeParse(input)
  if (!parsed.success) throw invalid('Check the highlighted fields.', fieldErrorsOf(parsed.error))
  const v = parsed.data
  const partners = await partnerIdsBySlug(v.sourcedBy ? [v.sourcedBy] : [])
  if (v.sourcedBy && !partners.has(v.sourcedBy)) throw invalid('Check the highlighted fields.', { sourcedBy: [`No partner with the slug "${v.sourcedBy}".`] })
  const orgId = await vendorOrgId()
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(opportunities)
      .values({ ...opportunityRow(orgId, actor, v, partners), ...(v.createdAt ? { createdAt: v.createdAt } : {}) })
      .returning()
    await recordEvent(tx, {
      type: 'opportunity.created',
      actorId: actor.userId,
      orgId,
      subjectType: 'opportunity',
      subjectId: row!.id,
      payload: { accountName: row!.accountName, amount: row!.amount, stage: row!.stage },
      audience: { vendor: true },
    })
    return row!
  })
}

/** The columns of a vendor opportunity entered by hand or by CSV (created_at is the caller's). */
function opportunityRow(orgId: string, actor: Actor, v: z.output<typeof opportunityInputSchema>, partners: Map<string, string>) {
  return {
    orgId,
    title: v.title,
    accountName: v.accountName,
    accountDomain: v.accountDomain,
    amount: v.amount,
    stage: v.stage,
    sourcedByOrgId: v.sourcedBy ? partners.get(v.sourcedBy)! : null,
    createdBy: actor.userId,
    closedAt: v.closedAt,
  }
}

export type CsvRowProblem = { row: number; field: string; message: string }

/** A CSV of opportunities (a header row naming OPPORTUNITY_CSV_COLUMNS). All rows or none. */
export async function importOpportunitiesCsv(actor: Actor, csvText: string) {
  assertVendor(actor, "Only the vendor's team can add opportunities to the pipeline.")
  const parsed = Papa.parse<Record<string, string>>(csvText.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() })
  const problems: CsvRowProblem[] = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 2, field: 'csv', message: e.message }))
  const missing = OPPORTUNITY_CSV_REQUIRED.filter((h) => !parsed.meta.fields?.includes(h))
  if (missing.length) return { ok: false as const, problems: [{ row: 1, field: 'header', message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.` }] }
  if (parsed.data.length === 0) return { ok: false as const, problems: [{ row: 1, field: 'csv', message: 'The file has no rows.' }] }
  if (parsed.data.length > 20_000) return { ok: false as const, problems: [{ row: 1, field: 'csv', message: 'At most 20,000 rows per file.' }] }
  const rows: { line: number; value: z.output<typeof opportunityInputSchema> }[] = []
  parsed.data.forEach((raw, i) => {
    const result = opportunityInputSchema.safeParse(raw)
    if (!result.success) for (const issue of result.error.issues) problems.push({ row: i + 2, field: String(issue.path[0] ?? 'row'), message: issue.message })
    else rows.push({ line: i + 2, value: result.data })
  })
  // Partner slugs are checked on every row, valid or not, so one pass lists every problem.
  const rawSlug = (raw: Record<string, string>) => (typeof raw.sourcedBy === 'string' ? raw.sourcedBy.trim() : '')
  const slugs = [...new Set(parsed.data.map(rawSlug).filter(Boolean))].slice(0, 5000)
  const partners = await partnerIdsBySlug(slugs)
  parsed.data.forEach((raw, i) => {
    const slug = rawSlug(raw)
    if (slug && !partners.has(slug)) problems.push({ row: i + 2, field: 'sourcedBy', message: `No partner with the slug "${slug}".` })
  })
  if (problems.length) return { ok: false as const, problems: problems.sort((a, b) => a.row - b.row) }
  const orgId = await vendorOrgId()
  const inserted = await db.transaction(async (tx) => {
    let n = 0
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500)
      const out = await tx
        .insert(opportunities)
        .values(part.map(({ value: v }) => ({ ...opportunityRow(orgId, actor, v, partners), createdAt: v.createdAt ?? new Date() })))
        .returning({ id: opportunities.id })
      n += out.length
    }
    await recordEvent(tx, { type: 'opportunities.csv_imported', actorId: actor.userId, orgId, subjectType: 'opportunity_csv', subjectId: orgId, payload: { rows: n }, audience: { vendor: true } })
    return n
  })
  return { ok: true as const, inserted }
}

export const listQuerySchema = z.object({
  q: z.string().trim().max(100).optional().default(''),
  stage: z
    .enum([...OPPORTUNITY_STAGES, 'open', 'closed', ''] as const)
    .optional()
    .default(''),
  source: z
    .enum(['', 'partner', 'direct'] as const)
    .optional()
    .default(''),
  from: z
    .string()
    .optional()
    .transform((v) => (v ? parseIsoTime(v) : null)),
  to: z
    .string()
    .optional()
    .transform((v) => (v ? parseIsoTime(v) : null)),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
})

export async function listOpportunities(actor: Actor, query: z.output<typeof listQuerySchema>) {
  assertVendor(actor, "Only the vendor's team can see the pipeline.")
  const orgId = await vendorOrgId()
  const conds: SQL[] = [eq(opportunities.orgId, orgId)]
  if (query.q) conds.push(or(ilike(opportunities.accountName, `%${query.q}%`), ilike(opportunities.accountDomain, `%${query.q}%`))!)
  if (query.stage === 'open') conds.push(sql`${opportunities.stage} not in ('won', 'lost')`)
  else if (query.stage === 'closed') conds.push(sql`${opportunities.stage} in ('won', 'lost')`)
  else if (query.stage) conds.push(eq(opportunities.stage, query.stage))
  if (query.source === 'partner') conds.push(isNotNull(opportunities.sourcedByOrgId))
  if (query.source === 'direct') conds.push(isNull(opportunities.sourcedByOrgId))
  if (query.from) conds.push(gte(opportunities.createdAt, query.from))
  if (query.to) conds.push(lt(opportunities.createdAt, query.to))
  const where = and(...conds)
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: opportunities.id,
        accountName: opportunities.accountName,
        accountDomain: opportunities.accountDomain,
        title: opportunities.title,
        amount: opportunities.amount,
        stage: opportunities.stage,
        createdAt: opportunities.createdAt,
        closedAt: opportunities.closedAt,
        sourcedByName: organizations.name,
        sourcedBySlug: organizations.slug,
      })
      .from(opportunities)
      .leftJoin(organizations, eq(organizations.id, opportunities.sourcedByOrgId))
      .where(where)
      .orderBy(desc(opportunities.createdAt), desc(opportunities.id))
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(opportunities).where(where),
  ])
  return { rows, total: Number(total?.n ?? 0), page: query.page, pageSize: PAGE_SIZE }
}
