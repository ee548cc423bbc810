import { z } from 'zod'
import { REACTIONS, type Reaction } from '#db/schema/community.ts'

/** Tags: at most this many per topic, each at most this long. */
export const TAGS_MAX = 5
export const TAG_MAX_LENGTH = 30
/** At most this many distinct people mentioned in one post. */
export const MENTIONS_MAX = 10
export const FOLLOWING_PER_PAGE = 20
export const REVISIONS_PER_PAGE = 20
/** A draft is at most as long as a post (`BODY_MAX` in schemas.ts, which imports this file). */
const DRAFT_MAX = 20_000

export const REACTION_LABELS: Record<Reaction, { emoji: string; label: string }> = {
  thumbs_up: { emoji: '👍', label: 'Thumbs up' },
  heart: { emoji: '❤️', label: 'Heart' },
  tada: { emoji: '🎉', label: 'Celebrate' },
  bulb: { emoji: '💡', label: 'Insightful' },
}

const TAG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** One tag as people type it ("Deal Registration", "#api") in its one spelling ("deal-registration", "api"). */
export const normalizeTag = (raw: string) =>
  raw
    .trim()
    .replace(/^#+/, '')
    .toLowerCase()
    .replace(/[\s_]+/g, '-')

/**
 * A topic's tags, comma-separated in the form (a list already parsed reads the same): normalized,
 * duplicates dropped, each letters, digits and hyphens, at most `TAGS_MAX`.
 */
export const TagsSchema = z
  .preprocess((v) => (Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : v), z.string().max(400, 'List at most 400 characters of tags.'))
  .transform((v, ctx) => {
    const tags = [...new Set(v.split(',').map(normalizeTag).filter(Boolean))]
    for (const tag of tags) {
      if (tag.length > TAG_MAX_LENGTH || !TAG_PATTERN.test(tag)) {
        ctx.addIssue({ code: 'custom', message: `Tags use letters, digits and single hyphens, at most ${TAG_MAX_LENGTH} characters (e.g. "deal-registration"); “${tag.slice(0, 40)}” does not.` })
        return z.NEVER
      }
    }
    if (tags.length > TAGS_MAX) {
      ctx.addIssue({ code: 'custom', message: `Add at most ${TAGS_MAX} tags (you listed ${tags.length}).` })
      return z.NEVER
    }
    return tags
  })

/** A tag in a query string (`?tag=`): anything that is not a valid tag is ignored. */
export const TagQuerySchema = z.object({
  tag: z
    .string()
    .transform(normalizeTag)
    .refine((t) => t.length <= TAG_MAX_LENGTH && TAG_PATTERN.test(t))
    .optional()
    .catch(undefined),
})

const postId = z.string({ required_error: 'Choose a post.' }).trim().min(1, 'Choose a post.').max(64, 'Choose a post.')

export const ReactionSchema = z.object({
  postId,
  reaction: z.enum(REACTIONS, { errorMap: () => ({ message: `Choose a reaction (${REACTIONS.join(', ')}).` }) }),
})

export const FollowSchema = z.object({ follow: z.enum(['space', 'topic'], { errorMap: () => ({ message: 'Choose to follow the space or the topic.' }) }), on: z.enum(['on', 'off']).default('on') })

export const DraftSchema = z.object({
  body: z
    .string()
    .max(DRAFT_MAX, `A draft must be at most ${DRAFT_MAX.toLocaleString('en-US')} characters.`)
    .optional()
    .default(''),
})

/**
 * A new topic's draft: the form's fields as typed, each only bounded (a draft may be unfinished;
 * posting checks it with `TopicSchema`). Unknown fields are dropped.
 */
export const TOPIC_DRAFT_FIELDS = ['kind', 'title', 'body', 'tags', 'need', 'region', 'industry', 'skills', 'deadline'] as const
const draftField = (max: number) =>
  z
    .string()
    .max(max, `A draft's field must be at most ${max.toLocaleString('en-US')} characters.`)
    .optional()
export const TopicDraftSchema = z.object({
  kind: z.enum(['discussion', 'question', 'request']).optional().catch(undefined),
  title: draftField(1000),
  body: draftField(DRAFT_MAX),
  tags: draftField(400),
  need: draftField(200),
  region: draftField(60),
  industry: draftField(60),
  skills: draftField(500),
  deadline: draftField(20),
})

export const MentionQuerySchema = z.object({
  q: z.string({ required_error: 'Type part of a name.' }).trim().min(1, 'Type part of a name.').max(40, 'Type at most 40 characters.'),
})

/**
 * A person's handle for `@` mentions: their name without accents, spaces or punctuation, lower
 * case ("Zoë O'Neill" → "zoeoneill"). Several people sharing a handle are all mentioned by it.
 */
export const handleOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')

/** The distinct handles (people's, or organizations' addresses) `@`-mentioned in a Markdown text, leaving code, quotes and e-mail addresses out. */
export function mentionedHandles(markdown: string): string[] {
  const text = markdown
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/~~~[\s\S]*?(~~~|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    // A quoted post's mentions were the quoted author's: they notify nobody again.
    .replace(/^ {0,3}>.*$/gm, ' ')
  const handles = new Set<string>()
  // A person's handle, or an organization's address (`@northwind-systems`: inner hyphens, none at the end).
  for (const m of text.matchAll(/(^|[^A-Za-z0-9_@.\\/])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?)(?![A-Za-z0-9_@])/g)) if (m[2]!.length >= 2) handles.add(m[2]!.toLowerCase())
  return [...handles]
}

/** The error for a post naming too many people, or null. */
export function tooManyMentions(markdown: string): string | null {
  const count = mentionedHandles(markdown).length
  return count > MENTIONS_MAX ? `Mention at most ${MENTIONS_MAX} people in one post (this one mentions ${count}).` : null
}

/** Escapes text so Markdown shows it as written (a name in a quote's attribution). */
export const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>~&@]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')

/** A post quoted into a reply: an attribution line, then the post, as a Markdown block quote. */
export function quoteMarkdown(author: string, orgName: string, body: string) {
  const lines = body.replace(/\r\n?/g, '\n').trim().split('\n')
  const who = orgName ? `${escapeMarkdown(author)} (${escapeMarkdown(orgName)})` : escapeMarkdown(author)
  return `> **${who}** wrote:\n>\n${lines.map((l) => (l ? `> ${l}` : '>')).join('\n')}\n\n`
}
