import { createCookie, redirect } from '@remix-run/node'
import { z } from 'zod'
import { cookieSecret, secureCookies } from '#app/env.server.ts'
import { createId } from '#app/utils/id.ts'
import { TOAST_SEEN_COOKIE } from '#app/utils/toast.ts'

export const ToastSchema = z.object({
  type: z.enum(['success', 'error', 'info']).default('info'),
  title: z.string().max(200),
  description: z.string().max(500).optional(),
})
export type Toast = z.infer<typeof ToastSchema>
/** A toast as it travels: with the id the page acknowledges it by once it has shown it. */
const StoredToastSchema = ToastSchema.extend({ id: z.string().regex(/^[a-z0-9]{16}$/) })
export type KeyedToast = z.infer<typeof StoredToastSchema>

function toastCookie() {
  return createCookie('pe_toast', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    secrets: [cookieSecret()],
    maxAge: 60,
  })
}

export async function toastHeader(toast: z.input<typeof ToastSchema>) {
  return toastCookie().serialize({ ...ToastSchema.parse(toast), id: createId() })
}

export async function redirectWithToast(url: string, toast: z.input<typeof ToastSchema>, init: ResponseInit = {}) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastHeader(toast))
  return redirect(url, { ...init, headers })
}

/** The id the page says it has shown (`pe_toast_seen`, written by the Toaster in the browser). */
function seenToastId(request: Request) {
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === TOAST_SEEN_COOKIE) return decodeURIComponent(value.join('='))
  }
  return null
}

const expired = (name: string) => `${name}=; Path=/; Max-Age=0; SameSite=Lax`

/**
 * The flash toast for the root loader, and the Set-Cookie headers to send with it.
 *
 * A toast is delivered with every load of the root's data until it is known to be shown, not
 * read-and-cleared by the first one: a revalidation (a live update reloading the page's data) can
 * reach the server between an action's redirect setting the toast and the redirect's own load,
 * and its answer may be dropped by the navigation that follows; consuming the toast there lost it.
 * It is known to be shown when the page's HTML carried it (a document request: `Sec-Fetch-Dest:
 * document`, which works without JavaScript) or when the Toaster acknowledged its id in
 * `pe_toast_seen`; then both cookies are cleared. Otherwise it expires with its cookie (a minute).
 */
export async function readToast(request: Request): Promise<{ toast: KeyedToast | null; headers: string[] }> {
  const cookie = toastCookie()
  const raw = await cookie.parse(request.headers.get('Cookie'))
  const parsed = StoredToastSchema.safeParse(raw)
  const seen = seenToastId(request)
  const clearToast = async () => cookie.serialize('', { maxAge: 0 })
  if (!parsed.success) return { toast: null, headers: [...(raw ? [await clearToast()] : []), ...(seen !== null ? [expired(TOAST_SEEN_COOKIE)] : [])] }
  const toast = parsed.data
  if (seen === toast.id) return { toast: null, headers: [await clearToast(), expired(TOAST_SEEN_COOKIE)] }
  if (request.headers.get('sec-fetch-dest') === 'document') return { toast, headers: [await clearToast(), ...(seen !== null ? [expired(TOAST_SEEN_COOKIE)] : [])] }
  return { toast, headers: [] }
}
