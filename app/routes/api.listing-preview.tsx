import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { BODY_MAX } from '#app/features/listings/schemas.ts'
import { requireActor } from '#app/utils/guards.server.ts'
import { readForm } from '#app/utils/form.server.ts'

const Body = z.object({ body: z.string().max(BODY_MAX, `The description can be at most ${BODY_MAX} characters.`).default('') })

/** Live preview for the listing editor: the same Markdown renderer and sanitizer as the public page. */
export async function action({ request, context }: ActionFunctionArgs) {
  requireActor(context, request)
  const parsed = Body.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return Response.json({ html: '', error: parsed.error.issues[0]?.message }, { status: 400 })
  return Response.json({ html: renderMarkdown(parsed.data.body) })
}
