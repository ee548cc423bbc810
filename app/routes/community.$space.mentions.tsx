import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { isDomainError } from '#app/utils/errors.ts'
import { mentionCandidates } from '#app/features/community/posts.server.ts'
import { requireParamId } from '#app/utils/guards.server.ts'

const headers = { 'Cache-Control': 'private, no-store' }

/**
 * GET /community/:space/mentions?q= — people, then organizations (`kind`), who can see the space whose name (or an organization's address) matches, for the
 * "Mention someone" combobox (JSON). A space the person cannot see is a 404, as its page is.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = context.actor
  if (!actor) return data({ error: 'Sign in to mention people.' }, { status: 401, headers })
  const slug = requireParamId(params.space, 'that community space')
  try {
    const people = await mentionCandidates(actor, slug, Object.fromEntries(new URL(request.url).searchParams))
    return data({ people: people.map(({ kind, id, handle, name, orgName }) => ({ kind, id, handle, name, orgName })) }, { headers })
  } catch (error) {
    if (isDomainError(error)) return data({ error: error.message }, { status: error.status, headers })
    throw error
  }
}
