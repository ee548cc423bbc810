import { describe, expect, it } from 'vitest'
import { readToast, redirectWithToast, toastHeader } from '#app/utils/toast.server.ts'
import { TOAST_SEEN_COOKIE } from '#app/utils/toast.ts'

/** A browser's cookie jar for one site: what it sends, and what Set-Cookie headers do to it. */
function browser() {
  const cookies = new Map<string, string>()
  return {
    cookies,
    apply(setCookies: string[]) {
      for (const line of setCookies) {
        const [pair = '', ...attributes] = line.split(';')
        const name = pair.slice(0, pair.indexOf('=')).trim()
        if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) cookies.delete(name)
        else cookies.set(name, pair.slice(pair.indexOf('=') + 1))
      }
    },
    /** The page's own script acknowledging a toast (the Toaster's acknowledgeToast). */
    acknowledge(id: string) {
      cookies.set(TOAST_SEEN_COOKIE, encodeURIComponent(id))
    },
    /** One load of the root's data: `data` is a client-side fetch (a navigation's or a revalidation's), `document` a page load. */
    async load(kind: 'data' | 'document') {
      const request = new Request('http://localhost/community/general/t1', {
        headers: { Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'Sec-Fetch-Dest': kind === 'document' ? 'document' : 'empty' },
      })
      const { toast, headers } = await readToast(request)
      this.apply(headers)
      return toast
    },
  }
}

describe('the one-time toast', () => {
  it("a live revalidation between an action's redirect and the redirect's own load does not consume it: it is delivered until the page acknowledges it", async () => {
    const b = browser()
    const redirected = await redirectWithToast('/community/general/t1', { type: 'success', title: 'Topic locked' })
    b.apply(redirected.headers.getSetCookie())
    // The lock's live event makes the page reload its data first; that answer may be dropped by the navigation that follows.
    const duringRevalidation = await b.load('data')
    expect(duringRevalidation).toMatchObject({ type: 'success', title: 'Topic locked' })
    // The redirect's own load still gets it, the same toast (same id).
    const onRedirect = await b.load('data')
    expect(onRedirect).toEqual(duringRevalidation)
    // Shown and acknowledged: the next load clears both cookies and shows nothing again.
    b.acknowledge(onRedirect!.id)
    expect(await b.load('data')).toBeNull()
    expect([...b.cookies.keys()]).toEqual([])
    expect(await b.load('document')).toBeNull()
  })

  it('a page load shows it in its HTML and consumes it (no JavaScript needed): a reload does not show it again', async () => {
    const b = browser()
    b.apply([await toastHeader({ type: 'info', title: 'Reply posted' })])
    expect(await b.load('document')).toMatchObject({ title: 'Reply posted' })
    expect(b.cookies.has('pe_toast')).toBe(false)
    expect(await b.load('document')).toBeNull()
  })

  it("a new toast after an acknowledged one is delivered; a forged or another toast's acknowledgement hides nothing", async () => {
    const b = browser()
    b.apply([await toastHeader({ type: 'success', title: 'First' })])
    const first = await b.load('data')
    b.acknowledge(first!.id)
    b.apply([await toastHeader({ type: 'success', title: 'Second' })])
    const second = await b.load('data')
    expect(second).toMatchObject({ title: 'Second' })
    expect(second!.id).not.toBe(first!.id)
    b.acknowledge('not-the-id')
    expect(await b.load('data')).toMatchObject({ title: 'Second' })
    // An unsigned toast cookie is no toast.
    const forged = browser()
    forged.cookies.set('pe_toast', encodeURIComponent(btoa(JSON.stringify({ id: 'aaaaaaaaaaaaaaaa', type: 'error', title: 'Your account is closed' }))))
    expect(await forged.load('data')).toBeNull()
  })
})
