import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { endSession } from '#app/features/auth/session.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

/** GET /logout does nothing (a link or prefetch must never sign anyone out). */
export async function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request)
  if (!context.sessionId) return redirect('/')
  const blank = await endSession(context.sessionId, { ip: context.ip })
  return redirectWithToast('/', { type: 'info', title: 'Signed out' }, { headers: { 'Set-Cookie': blank } })
}
