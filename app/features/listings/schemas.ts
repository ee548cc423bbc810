import { z } from 'zod'
import { INDUSTRIES, LISTING_KINDS, PRICING_MODELS, REGIONS } from '#db/vocab.ts'

export const TITLE_MAX = 90
export const SUMMARY_MAX = 280
export const BODY_MAX = 20_000
export const MAX_CATEGORIES = 3
export const ALT_MAX = 200
export const RESERVED_SLUGS = ['new', 'mine', 'edit', 'admin', 'api', 'preview']

export const KIND_LABELS: Record<(typeof LISTING_KINDS)[number], string> = {
  service: 'Service',
  solution: 'Solution',
  app: 'App',
  integration: 'Integration',
}
export const PRICING_LABELS: Record<(typeof PRICING_MODELS)[number], string> = {
  free: 'Free',
  subscription: 'Subscription',
  one_time: 'One-time fee',
  usage_based: 'Usage-based',
  contact_us: 'Contact us',
}

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'A slug needs at least 3 characters.')
  .max(80, 'A slug can be at most 80 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens, e.g. "cloud-migration-assessment".')
  .refine((s) => !RESERVED_SLUGS.includes(s), 'That slug is reserved; pick another.')

export function slugify(text: string) {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/g, '')
}

const list = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item))

const optionalText = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, `${label} can be at most ${max} characters.`).optional())

/** The listing editor form (text fields; images travel next to it as files). */
export const ListingFormSchema = z
  .object({
    kind: z.enum(LISTING_KINDS, { errorMap: () => ({ message: 'Choose what kind of listing this is.' }) }),
    title: z
      .string({ required_error: 'A title is required.' })
      .trim()
      .min(3, 'A title needs at least 3 characters.')
      .max(TITLE_MAX, `Keep the title to ${TITLE_MAX} characters or fewer; put the detail in the summary.`),
    slug: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), slugSchema.optional()),
    summary: z
      .string({ required_error: 'A summary is required.' })
      .trim()
      .min(10, 'Write a summary of at least 10 characters.')
      .max(SUMMARY_MAX, `Keep the summary to ${SUMMARY_MAX} characters or fewer.`),
    body: z.string({ required_error: 'Write a description of what you offer (Markdown is fine).' }).max(BODY_MAX, `The description can be at most ${BODY_MAX.toLocaleString('en')} characters.`),
    categoryIds: list(z.string().min(1).max(40))
      .refine((a) => a.length >= 1, 'Pick at least one category.')
      .refine((a) => a.length <= MAX_CATEGORIES, `Pick at most ${MAX_CATEGORIES} categories.`),
    industries: list(z.enum(INDUSTRIES)),
    regions: list(z.enum(REGIONS)),
    pricingModel: z.enum(PRICING_MODELS, { errorMap: () => ({ message: 'Choose a pricing model.' }) }),
    pricingDetails: optionalText(200, 'Pricing details'),
    counterpartOrgId: optionalText(40, 'The integration partner'),
    removeLogo: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
    removeScreenshots: list(z.string().max(200)),
    /** Alt text of the screenshots already on the listing (new uploads get a default the partner can edit after saving). */
    screenshotAlts: z
      .array(
        z.object({
          key: z.string().max(200),
          alt: z.string().trim().max(ALT_MAX, `Keep a screenshot description to ${ALT_MAX} characters or fewer.`).optional(),
        }),
      )
      .max(12)
      .default([]),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'integration' && !value.counterpartOrgId) {
      ctx.addIssue({ code: 'custom', path: ['counterpartOrgId'], message: 'Name the partner (or the vendor) whose product this integrates with.' })
    }
  })
export type ListingFormInput = z.infer<typeof ListingFormSchema>

export const RejectSchema = z.object({
  intent: z.literal('reject'),
  reason: z
    .string({ required_error: 'Give the partner a reason they can act on.' })
    .trim()
    .min(10, 'Give the partner a reason of at least 10 characters they can act on.')
    .max(2000, 'Keep the reason to 2,000 characters.'),
})
export const ApproveSchema = z.object({ intent: z.literal('approve'), note: optionalText(1000, 'The note') })

export const CategoryFormSchema = z.object({
  name: z.string({ required_error: 'A name is required.' }).trim().min(2, 'A name needs at least 2 characters.').max(60, 'Keep the name to 60 characters.'),
  slug: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), slugSchema.optional()),
  description: optionalText(300, 'The description'),
  position: z.coerce.number().int().min(0).max(10_000).default(0),
})
export type CategoryInput = z.infer<typeof CategoryFormSchema>

export const IntegrationDecisionSchema = z.object({
  integrationId: z.string().min(1).max(40),
  decision: z.enum(['confirm', 'decline'], { errorMap: () => ({ message: 'Choose confirm or decline.' }) }),
  note: optionalText(500, 'The note'),
})

export const ProfileFormSchema = z.object({
  tagline: optionalText(120, 'The tagline'),
  description: optionalText(5000, 'The description'),
  website: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .max(200, 'Keep the address to 200 characters.')
      .url('Enter a full address starting with https://')
      .refine((u) => /^https?:\/\//i.test(u), 'Only http:// or https:// addresses.')
      .optional(),
  ),
  regions: list(z.enum(REGIONS)),
  industries: list(z.enum(INDUSTRIES)),
  skills: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[,\n]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : (v ?? []),
    z.array(z.string().max(60, 'Each skill or certification can be at most 60 characters.')).max(30, 'List at most 30 skills and certifications.'),
  ),
  removeLogo: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
})
export type ProfileInput = z.infer<typeof ProfileFormSchema>
