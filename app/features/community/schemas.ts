import { z } from 'zod'
import { SPACE_VISIBILITIES, TOPIC_KINDS } from '#db/schema/community.ts'
import { INDUSTRIES, PARTNER_TYPES, REGIONS, TIERS } from '#db/vocab.ts'
import { TagsSchema } from '#app/features/community/post-schemas.ts'

export const TITLE_MAX = 160
export const BODY_MAX = 20_000
export const TOPICS_PER_PAGE = 20
export const REPLIES_PER_PAGE = 20

/**
 * The permalink of a reply: `?reply=` opens the page of the topic that holds it (replies come
 * `REPLIES_PER_PAGE` a page), and the anchor scrolls to it. Every link to a reply is built here.
 */
export const replyHref = (spaceSlug: string, topicId: string, replyId: string) => `/community/${spaceSlug}/${topicId}?reply=${encodeURIComponent(replyId)}#reply-${replyId}`

export const VISIBILITY_LABELS: Record<(typeof SPACE_VISIBILITIES)[number], string> = {
  partners: 'All partners and the vendor’s team',
  vendor: 'The vendor’s team only',
  orgs: 'Invited organizations only (and the vendor’s team)',
  segment: 'Partners of the chosen types, tiers or regions (and the vendor’s team)',
}

export const KIND_LABELS: Record<(typeof TOPIC_KINDS)[number], string> = { discussion: 'Discussion', question: 'Question', request: 'Partner request' }

const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter ${label}.`, invalid_type_error: `Enter ${label}.` })
    .trim()
    .min(min, min <= 1 ? `Enter ${label}.` : `${label[0]!.toUpperCase()}${label.slice(1)} must be at least ${min} characters.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${max.toLocaleString('en-US')} characters.`)

/** A checkbox: present ("on"/"true") or absent. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())

/** A list of choices from a form (repeated checkboxes: absent, one string, or several). */
const choices = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { errorMap: () => ({ message }) })).max(values.length))
    .transform((list) => [...new Set(list)])

/** Who a `segment` space is for; ignored (emptied) for the other visibilities. */
const segmentFields = {
  partnerTypes: choices(PARTNER_TYPES, 'Choose partner types from the list.'),
  tiers: choices(TIERS, 'Choose tiers from the list.'),
  regions: choices(REGIONS, 'Choose regions from the list.'),
}
type SegmentLists = { visibility?: string; partnerTypes: string[]; tiers: string[]; regions: string[] }
const SEGMENT_MESSAGE = 'Choose at least one partner type, tier or region for a space open to a segment of partners.'
function checkSegment<T extends SegmentLists>(v: T, ctx: z.RefinementCtx): T {
  if (v.visibility === 'segment' && v.partnerTypes.length + v.tiers.length + v.regions.length === 0) ctx.addIssue({ code: 'custom', path: ['partnerTypes'], message: SEGMENT_MESSAGE })
  return v.visibility === 'segment' ? v : { ...v, partnerTypes: [], tiers: [], regions: [] }
}

/** Addresses under /community/ that are pages, not spaces. */
export const RESERVED_SPACE_SLUGS = ['search', 'following']

const SpaceObject = z.object({
  name: text('a name', 2, 80),
  slug: z
    .string({ required_error: 'Enter an address.' })
    .trim()
    .toLowerCase()
    .min(2, 'The address must be at least 2 characters.')
    .max(60, 'The address must be at most 60 characters.')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens (e.g. "co-sell-emea").')
    .refine((slug) => !RESERVED_SPACE_SLUGS.includes(slug), 'That address is a community page (search, following); choose another.'),
  description: z.string().trim().max(500, 'The description must be at most 500 characters.').optional().default(''),
  colour: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Choose a colour like #4f46e5.')
    .optional()
    .default('#4f46e5')
    .transform((c) => c.toLowerCase()),
  visibility: z.enum(SPACE_VISIBILITIES, { errorMap: () => ({ message: 'Choose who can see the space.' }) }),
  ...segmentFields,
})
export const SpaceSchema = SpaceObject.transform(checkSegment)
export type SpaceInput = z.input<typeof SpaceSchema>

/** The form's fields (a route's discriminated union needs plain objects; the domain applies the segment rule). */
export const SpaceFormSchema = SpaceObject
export const SpaceUpdateFormSchema = SpaceObject.omit({ slug: true, partnerTypes: true, tiers: true, regions: true }).partial().extend(segmentFields)

/** An edit: the lists go with the visibility (both or neither). */
export const SpaceUpdateSchema = SpaceUpdateFormSchema.transform((v, ctx) => {
  if (v.visibility === undefined) {
    const { partnerTypes: _p, tiers: _t, regions: _r, ...rest } = v
    return rest
  }
  return checkSegment(v, ctx)
})

export const InviteOrgSchema = z.object({ org: z.string({ required_error: 'Choose an organization.' }).trim().min(1, 'Choose an organization.').max(200) })

const topicFields = { title: text('a title', 5, TITLE_MAX), body: text('the text', 1, BODY_MAX), tags: TagsSchema.optional() }
const KIND_MESSAGE = 'Choose a discussion, a question or a partner request.'

export const SKILLS_MAX = 10
const optionalChoice = (values: readonly string[], message: string) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(values as [string, ...string[]], { errorMap: () => ({ message }) }).optional())

/** What a partner request asks for: the need (searched for matching partners), where, for whom, which skills, by when. */
export const RequestDetailsSchema = z.object({
  need: z.string().trim().max(200, 'What you need must be at most 200 characters.').optional(),
  region: optionalChoice(REGIONS, `Choose a region (${REGIONS.join(', ')}) or leave it empty.`),
  industry: optionalChoice(INDUSTRIES, 'Choose an industry from the list or leave it empty.'),
  /** Comma-separated in the form; a list already parsed (the domain parses what the route parsed) reads the same. */
  skills: z
    .preprocess((v) => (Array.isArray(v) ? v.join(',') : v), z.string().max(500, 'List at most 500 characters of skills.').optional().default(''))
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(40, 'Each skill must be at most 40 characters.')).max(SKILLS_MAX, `List at most ${SKILLS_MAX} skills.`)),
  deadline: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the deadline as a date (YYYY-MM-DD).')
      .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'Enter a real date.')
      .optional(),
  ),
})

/** A topic; a partner request also says what it needs (the other request fields are optional, and ignored for other kinds). */
export const TopicSchema = z.object({ kind: z.enum(TOPIC_KINDS, { errorMap: () => ({ message: KIND_MESSAGE }) }), ...topicFields, ...RequestDetailsSchema.shape }).superRefine((v, ctx) => {
  if (v.kind === 'request' && (v.need ?? '').length < 3) ctx.addIssue({ code: 'custom', path: ['need'], message: 'Say what you need in at least 3 characters.' })
})
export type TopicInput = z.input<typeof TopicSchema>

export const ReplySchema = z.object({ body: text('a reply', 1, BODY_MAX) })

export const EditTopicSchema = z.object(topicFields)

export const PinSchema = z.object({ pinned: checkbox })

export const TOPIC_FILTERS = ['all', 'unanswered', 'questions', 'requests'] as const
export type TopicFilter = (typeof TOPIC_FILTERS)[number]

/** Query string of a topic list: a filter and a page (anything else falls back to the first page of all topics). */
/**
 * A place in a space's list (keyset paging): pinned or not, the latest activity in microseconds
 * since 1970, and the topic's id — `p.1733580000123456.abc` ("n." when not pinned).
 */
export const TOPIC_CURSOR = /^[pn]\.\d{1,20}\.[A-Za-z0-9_-]{1,64}$/
const cursorParam = z.string().max(100).regex(TOPIC_CURSOR).optional().catch(undefined)

/** `?filter=&after=` (older than that place) or `?before=` (newer): a bad cursor is the first page, not an error. */
export const TopicListQuerySchema = z.object({
  filter: z.enum(TOPIC_FILTERS).catch('all').default('all'),
  after: cursorParam,
  before: cursorParam,
})
