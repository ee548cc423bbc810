import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireVendor } from '#app/utils/guards.server.ts'

/** The referral conflicts queue became the conflict queue of every deal (referrals, co-sells, registrations). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireVendor(context, request)
  const status = new URL(request.url).searchParams.get('status') === 'resolved' ? 'resolved' : 'open'
  return redirect(`/admin/conflicts?status=${status}`, 301)
}
