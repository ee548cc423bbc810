import { z } from 'zod'

/** The moderation rules and forms (browser-safe: routes build their forms from these). */

/** A member whose account is younger than this is "new"… */
export const NEW_MEMBER_DAYS = 7
/** …and may publish this many posts a day; more go to the queue. */
export const NEW_MEMBER_POSTS_PER_DAY = 3
/** Anyone's posts in one minute beyond this go to the queue. */
export const POSTS_PER_MINUTE = 5
/** A post with more links than this goes to the queue. */
export const MAX_LINKS = 5
/** A post repeating (whitespace and case aside) one of its author's posts of the last day goes to the queue, if at least this long. */
export const REPEAT_MIN_CHARS = 40
export const QUEUE_PER_PAGE = 20
export const SUSPENSION_MAX_DAYS = 365

const reasonField = (what: string) =>
  z
    .string({ required_error: `Give a reason for ${what}.`, invalid_type_error: `Give a reason for ${what}.` })
    .trim()
    .min(3, `Give a reason for ${what} (at least 3 characters).`)
    .max(500, 'The reason must be at most 500 characters.')
const idField = (label: string) =>
  z
    .string({ required_error: `Choose ${label}.` })
    .trim()
    .min(1, `Choose ${label}.`)
    .max(64)

export const ReportSchema = z.object({ postId: idField('a post'), reason: reasonField('the report') })
export const ModeratePostSchema = z.object({
  postId: idField('a post'),
  decision: z.enum(['hide', 'restore', 'dismiss'], { errorMap: () => ({ message: 'Choose hide, restore or dismiss.' }) }),
  reason: reasonField('this decision'),
})
export const LockSchema = z.object({ locked: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()), reason: reasonField('locking or unlocking') })
export const MoveSchema = z.object({ spaceId: idField('a space'), reason: reasonField('the move') })
export const SuspendSchema = z.object({
  userId: idField('a person'),
  days: z.coerce
    .number({ invalid_type_error: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(1, 'Suspend for at least 1 day.')
    .max(SUSPENSION_MAX_DAYS, `Suspend for at most ${SUSPENSION_MAX_DAYS} days.`),
  reason: reasonField('the suspension'),
})
