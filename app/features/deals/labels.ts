/** Human labels for the conflict queue (browser-safe: no server imports). */
export const DEAL_KIND_LABELS = { referral: 'Referral', cosell: 'Co-sell', registration: 'Deal registration', vendor_opportunity: 'Vendor opportunity', account_list: 'Account list' } as const
export const CONFLICT_RESOLUTION_LABELS = {
  assign: 'Assigned to one side',
  merge: 'Merged into the existing deal',
  reject: 'Rejected',
  allow_both: 'Both allowed',
} as const

export function dealLink(kind: 'referral' | 'cosell' | 'registration', id: string) {
  return kind === 'referral' ? `/referrals/${id}` : kind === 'cosell' ? `/cosell/${id}` : `/registrations/${id}`
}
