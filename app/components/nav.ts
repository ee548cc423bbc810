import type { Actor } from '#app/features/auth/actor.ts'

export type NavItem = { to: string; label: string }

/** The main navigation for who is signed in. Each capability owns the page behind its link. */
export function navFor(actor: Pick<Actor, 'orgKind' | 'role' | 'orgStatus'> | null): NavItem[] {
  const items: NavItem[] = [
    { to: '/marketplace', label: 'Marketplace' },
    { to: '/search', label: 'Search' },
  ]
  // Visitors get the ways in to the ecosystem; signed-in people reach them from the marketplace.
  if (!actor) return [...items.slice(0, 1), { to: '/partners', label: 'Partners' }, { to: '/find-partner', label: 'Find a partner' }, { to: '/integrations', label: 'Integrations' }, ...items.slice(1)]
  const vendor = actor.orgKind === 'vendor'
  // A suspended partner still reads its referrals and co-sells (it cannot change them).
  if (vendor || actor.orgStatus === 'active' || actor.orgStatus === 'suspended') {
    items.push({ to: '/referrals', label: 'Referrals' }, { to: '/cosell', label: 'Co-sell' }, { to: '/community', label: 'Community' }, { to: '/partnerships', label: 'Partnerships' })
  }
  if (!vendor && (actor.orgStatus === 'active' || actor.orgStatus === 'suspended')) items.push({ to: '/registrations', label: 'Registrations' })
  if (vendor) items.push({ to: '/analytics', label: 'Analytics' })
  else if (actor.orgStatus === 'active') items.push({ to: '/insights', label: 'My numbers' })
  // A partner's standing in the program (a suspended partner still reads it).
  if (!vendor && (actor.orgStatus === 'active' || actor.orgStatus === 'suspended')) items.push({ to: '/program', label: 'Program' })
  if (vendor) items.push({ to: '/admin', label: 'Admin' })
  return items
}
