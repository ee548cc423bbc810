/**
 * When an unanswered referral expires: the program's `expireAfterHours` after it was sent (the
 * reminder job then declines it as "expired"). Only a referral still `submitted` expires.
 * Browser-safe; the loaders compute it with the server's clock so the page shows one answer.
 */
export type Expiry = { expiresAt: string; label: string }

export function referralExpiry(status: string, createdAt: Date | string, expireAfterHours: number, now: Date = new Date()): Expiry | null {
  if (status !== 'submitted') return null
  const expiresAt = new Date(new Date(createdAt).getTime() + expireAfterHours * 3_600_000)
  return { expiresAt: expiresAt.toISOString(), label: expiresInLabel(expiresAt.getTime() - now.getTime()) }
}

/** "Expires in 3 days", "Expires in 5 hours", "Expires in less than an hour", "Expires now". */
export function expiresInLabel(ms: number): string {
  const hours = ms / 3_600_000
  if (hours <= 0) return 'Expires now'
  if (hours < 1) return 'Expires in less than an hour'
  if (hours < 24) {
    const h = Math.ceil(hours)
    return `Expires in ${h} hour${h === 1 ? '' : 's'}`
  }
  const days = Math.max(1, Math.round(hours / 24))
  return `Expires in ${days} day${days === 1 ? '' : 's'}`
}
