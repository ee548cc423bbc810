import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { pickPartners, PartnerPickerQuerySchema } from '#app/features/search/partner-picker.server.ts'

/** GET /search/partners?q= — partner suggestions for the partner picker, signed in only (JSON). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = context.actor
  if (!actor) return data({ error: 'Sign in to pick a partner.' }, { status: 401, headers: { 'Cache-Control': 'no-store' } })
  if (actor.orgStatus !== 'active' && actor.orgStatus !== 'suspended') {
    return data({ error: 'Your organization is not approved yet.' }, { status: 403, headers: { 'Cache-Control': 'no-store' } })
  }
  const parsed = PartnerPickerQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!parsed.success) {
    const error = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `Unknown parameter ${i.keys.map((k) => `“${k}”`).join(', ')}.` : `${i.path.join('.')}: ${i.message}`)).join(' ')
    return data({ error }, { status: 400, headers: { 'Cache-Control': 'no-store' } })
  }
  const partners = await pickPartners(actor, parsed.data)
  return data({ partners }, { headers: { 'Cache-Control': 'private, no-store' } })
}
