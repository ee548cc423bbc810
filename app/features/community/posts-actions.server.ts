import { data } from '@remix-run/node'
import { z } from 'zod'
import { formIdSchema } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { DraftSchema, FollowSchema, ReactionSchema } from '#app/features/community/post-schemas.ts'
import { BODY_MAX, ReplySchema } from '#app/features/community/schemas.ts'
import { saveDraft, setFollow, toggleReaction } from '#app/features/community/posts.server.ts'
import { editReply } from '#app/features/community/topics.server.ts'
import { REACTION_LABELS } from '#app/features/community/post-schemas.ts'

/** The page of replies a form was sent from, to come back to it. */
const page = z.coerce.number().int().min(1).max(10_000).optional().catch(undefined)

/** The topic page's forms of the posting experience (the topic route hands these intents over). */
export const PostForm = z.discriminatedUnion('intent', [
  ReactionSchema.extend({ intent: z.literal('react'), page }),
  DraftSchema.extend({ intent: z.literal('draft'), autosave: z.literal('1').optional() }),
  ReplySchema.extend({ intent: z.literal('edit-reply'), replyId: formIdSchema('reply'), page }),
  FollowSchema.extend({ intent: z.literal('follow') }),
])
export const POST_INTENTS = new Set(['react', 'draft', 'edit-reply', 'follow'])
const options = { schema: PostForm, maxChars: BODY_MAX, idFields: ['replyId'] }

/** Is this form one the posting experience answers? */
export const isPostIntent = (form: FormData) => POST_INTENTS.has(String(form.get('intent') ?? ''))

/** Answers a topic page's posting-experience form: a reaction, a draft, an edited reply, a follow. */
export async function postAction(actor: Actor, spaceSlug: string, topicId: string, form: FormData) {
  const submission = parseSubmission(form, PostForm)
  if (submission.status !== 'success') return invalidReply(submission, options)
  const value = submission.value
  const here = `/community/${spaceSlug}/${topicId}`
  const onPage = (p: number | undefined) => (p && p > 1 ? `${here}?page=${p}` : here)
  try {
    switch (value.intent) {
      case 'react': {
        const { on, reaction, postId } = await toggleReaction(actor, topicId, value)
        const anchor = postId === topicId ? '#topic' : `#reply-${postId}`
        return redirectWithToast(`${onPage(value.page)}${anchor}`, { type: 'success', title: `${REACTION_LABELS[reaction].label} ${on ? 'added' : 'removed'}` })
      }
      case 'draft': {
        const saved = await saveDraft(actor, topicId, value)
        // Saved as you type: the page keeps its state; the "Save draft" button (no JavaScript) comes back to the page.
        if (value.autosave) return data(submission.reply(), { headers: { 'Cache-Control': 'no-store' } })
        return redirectWithToast(`${here}?page=last#reply-form`, { type: 'success', title: saved.saved ? 'Draft saved' : 'Draft discarded' })
      }
      case 'edit-reply': {
        const reply = await editReply(actor, value.replyId, value)
        return redirectWithToast(`${onPage(value.page)}#reply-${reply.id}`, { type: 'success', title: 'Reply saved' })
      }
      case 'follow': {
        const { follow, on } = await setFollow(actor, spaceSlug, topicId, value)
        const what = follow === 'topic' ? 'topic' : 'space'
        return redirectWithToast(here, { type: 'success', title: on ? `You follow this ${what}` : `You no longer follow this ${what}` })
      }
    }
  } catch (error) {
    return domainReply(submission, error, options)
  }
}
