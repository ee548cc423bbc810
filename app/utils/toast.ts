/**
 * The cookie the browser's Toaster writes with the id of the toast it has shown, so the server
 * stops delivering that toast (see readToast in toast.server.ts). Not secret: it can only hide a
 * toast of the same id.
 */
export const TOAST_SEEN_COOKIE = 'pe_toast_seen'

/** Acknowledges a toast as shown (in the browser). */
export function acknowledgeToast(id: string) {
  document.cookie = `${TOAST_SEEN_COOKIE}=${encodeURIComponent(id)}; Path=/; Max-Age=60; SameSite=Lax`
}
