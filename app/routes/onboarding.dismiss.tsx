import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { dismissOnboarding } from '#app/features/onboarding/onboarding.server.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { requireActor, toResponse } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

/** POST /onboarding/dismiss — the home page's "Hide this checklist" (only once every step is done). */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  await readForm(request)
  try {
    await dismissOnboarding(actor)
  } catch (error) {
    if (isDomainError(error) && error.code === 'conflict') return redirectWithToast('/', { type: 'error', title: error.message })
    throw toResponse(error)
  }
  return redirectWithToast('/', { type: 'success', title: 'Checklist hidden', description: 'Your organization is set up.' })
}

export function loader() {
  return redirect('/')
}
