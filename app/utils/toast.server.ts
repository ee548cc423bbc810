import { createCookie, redirect } from '@remix-run/node'
import { z } from 'zod'
import { cookieSecret, secureCookies } from '#app/env.server.ts'

export const ToastSchema = z.object({
  type: z.enum(['success', 'error', 'info']).default('info'),
  title: z.string().max(200),
  description: z.string().max(500).optional(),
})
export type Toast = z.infer<typeof ToastSchema>

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
  return toastCookie().serialize(ToastSchema.parse(toast))
}

export async function redirectWithToast(url: string, toast: z.input<typeof ToastSchema>, init: ResponseInit = {}) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastHeader(toast))
  return redirect(url, { ...init, headers })
}

/** Reads the flash toast once; returns the header that clears it. */
export async function readToast(request: Request) {
  const cookie = toastCookie()
  const raw = await cookie.parse(request.headers.get('Cookie'))
  const parsed = ToastSchema.safeParse(raw)
  return {
    toast: parsed.success ? parsed.data : null,
    clearHeader: raw ? await cookie.serialize('', { maxAge: 0 }) : null,
  }
}
