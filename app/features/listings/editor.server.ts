import type { SubmissionResult } from '@conform-to/react'
import type { Actor } from '#app/features/auth/actor.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { createListing, saveListingDraft } from '#app/features/listings/listings.server.ts'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { ListingFormSchema } from '#app/features/listings/schemas.ts'
import { parseUploadForm } from '#app/features/listings/upload.server.ts'
import { domainReply, echoReply, invalidReply, parseSubmission, refusalReply, type ReplyOptions } from '#app/utils/submission.server.ts'

/** The editor's reply: the form's Conform result, and for a "preview" submit the rendered Markdown. */
export type EditorActionData = SubmissionResult<string[]> & { preview?: string | null }

/** A listing's body is long: its reply echoes more of each value than other forms do. */
const REPLY: ReplyOptions = { schema: ListingFormSchema, maxChars: 100_000 }

/**
 * The listing editor's POST: stream the multipart body with size limits, parse it with the
 * form's zod schema, then create or save through the domain. A "preview" submit (no JavaScript)
 * only renders the Markdown. Answers with the shared replies (errors beside their fields), or a
 * redirect.
 */
export async function handleEditorPost(request: Request, actor: Actor, listingId: string | null) {
  let parsed: Awaited<ReturnType<typeof parseUploadForm>>
  try {
    parsed = await parseUploadForm(request, ['logo', 'screenshots'])
  } catch (error) {
    // Over a size limit before the form could be read: the message goes to the top of the form.
    return refusalReply(error)
  }
  const { form, files } = parsed
  const submission = parseSubmission(form, ListingFormSchema)
  if (form.get('intent') === 'preview') {
    const body = String(form.get('body') ?? '').slice(0, 20_000)
    const result: EditorActionData = { ...echoReply(submission, REPLY), preview: renderMarkdown(body) }
    return result
  }
  if (submission.status !== 'success') return invalidReply(submission, REPLY)
  const uploads = {
    logo: files.find((f) => f.field === 'logo') ?? null,
    screenshots: files.filter((f) => f.field === 'screenshots'),
  }
  try {
    if (listingId) {
      await saveListingDraft(actor, listingId, submission.value, uploads)
      return redirectWithToast(`/manage/listings/${listingId}`, { type: 'success', title: 'Draft saved', description: 'Preview it below, then submit it for review.' })
    }
    const created = await createListing(actor, submission.value, uploads)
    return redirectWithToast(`/manage/listings/${created.id}`, { type: 'success', title: 'Listing created as a draft', description: 'Preview it below, then submit it for review.' })
  } catch (error) {
    return domainReply(submission, error, REPLY)
  }
}
