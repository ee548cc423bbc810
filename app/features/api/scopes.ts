/**
 * What an API key may touch: read or write per resource. Browser-safe (the settings page lists
 * them). Write includes read, as with Stripe's restricted keys.
 */
export const API_RESOURCES = ['listings', 'referrals', 'cosell', 'opportunities', 'accounts', 'partners', 'community', 'analytics'] as const
export type ApiResource = (typeof API_RESOURCES)[number]
export type ApiAccess = 'read' | 'write'
export type ApiScope = `${ApiResource}:${ApiAccess}`

export const API_SCOPES = API_RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`] as const) as ApiScope[]

export const RESOURCE_LABELS: Record<ApiResource, string> = {
  listings: 'Listings',
  referrals: 'Referrals',
  cosell: 'Co-sell',
  opportunities: "Opportunities (the vendor's CRM sync)",
  accounts: 'Accounts',
  partners: 'Partners and standings',
  community: 'Community',
  analytics: 'Analytics',
}

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as string[]).includes(value)
}

/** Does a key holding `scopes` have `needed`? `x:write` grants `x:read`. */
export function grants(scopes: readonly string[], needed: ApiScope) {
  if (scopes.includes(needed)) return true
  const [resource, access] = needed.split(':') as [ApiResource, ApiAccess]
  return access === 'read' && scopes.includes(`${resource}:write`)
}

/** The scopes any of which grants `needed`: itself, and for a read the resource's write. */
export function grantingScopes(needed: ApiScope): ApiScope[] {
  const [resource, access] = needed.split(':') as [ApiResource, ApiAccess]
  return access === 'read' ? [needed, `${resource}:write`] : [needed]
}

/** The smallest list meaning the same: a read beside its write is dropped. */
export function normalizeScopes(scopes: readonly ApiScope[]): ApiScope[] {
  const unique = [...new Set(scopes)]
  return API_SCOPES.filter((s) => unique.includes(s) && !(s.endsWith(':read') && unique.includes(s.replace(':read', ':write') as ApiScope)))
}
