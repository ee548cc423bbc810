import { parseWithZod } from '@conform-to/zod'
import type { SubmissionResult } from '@conform-to/react'
import type { Actor } from '#app/features/auth/actor.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { createListing, saveListingDraft } from '#app/features/listings/listings.server.ts'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { ListingFormSchema } from '#app/features/listings/schemas.ts'
import { parseUploadForm } from '#app/features/listings/upload.server.ts'
import { trimReply } from '#app/utils/submission.server.ts'

export type EditorActionData = { result: SubmissionResult<string[]>; preview?: string | null }

const formError = (message: string): SubmissionResult<string[]> => ({ status: 'error', error: { '': [message] } })

/**
 * The listing editor's POST: stream the multipart body with size limits, parse it with the
 * form's zod schema, then create or save through the domain. A "preview" submit (no JavaScript)
 * only renders the Markdown. Returns the Conform result to show errors, or a redirect.
 */
export async function handleEditorPost(request: Request, actor: Actor, listingId: string | null): Promise<EditorActionData | Response> {
  let parsed: Awaited<ReturnType<typeof parseUploadForm>>
  try {
    parsed = await parseUploadForm(request, ['logo', 'screenshots'])
  } catch (error) {
    if (isDomainError(error)) return { result: formError(error.message) }
    throw error
  }
  const { form, files } = parsed
  const submission = parseWithZod(form, { schema: ListingFormSchema })
  if (form.get('intent') === 'preview') {
    const body = String(form.get('body') ?? '').slice(0, 20_000)
    return { result: trimReply(submission.reply(), ListingFormSchema, { maxChars: 100_000 }), preview: renderMarkdown(body) }
  }
  if (submission.status !== 'success') return { result: trimReply(submission.reply(), ListingFormSchema, { maxChars: 100_000 }) }
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
    if (isDomainError(error)) {
      if (error.code === 'not_found' || error.code === 'forbidden') throw new Response(error.message, { status: error.status })
      return { result: trimReply(submission.reply({ formErrors: [error.message], fieldErrors: error.fieldErrors }), ListingFormSchema, { maxChars: 100_000 }) }
    }
    throw error
  }
}
