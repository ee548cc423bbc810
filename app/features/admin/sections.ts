/**
 * The sections of the vendor's admin area, listed on /admin. Each capability adds its own with
 * one line, e.g. `{ to: '/admin/listings', title: 'Listing review', description: '…' }`.
 * `adminOnly` hides a section from vendor members.
 */
export type AdminSection = { to: string; title: string; description: string; adminOnly?: boolean }

export const adminSections: AdminSection[] = [
  { to: '/admin/applications', title: 'Partner applications', description: 'Review companies that applied to join the program; approve them or reject with a reason.' },
  { to: '/admin/partners', title: 'Partners', description: 'Suspend a partner with a reason (its people can read but not act; its public pages and search entries go dark) or reinstate it.' },
  {
    to: '/admin/listings',
    title: 'Listing review',
    description: 'Approve or reject submitted listings and edits: diffs against the live version, waiting time, keyword-stuffing and near-duplicate flags. Manage categories.',
  },
  { to: '/admin/onboarding', title: 'Partner onboarding', description: "Each approved partner's progress through its first-run checklist, least progress first, with who is stuck." },
  {
    to: '/admin/community',
    title: 'Community spaces',
    description: 'Create community spaces, choose who sees each (all partners, the vendor’s team, or invited organizations) and invite organizations to private ones.',
  },
  {
    to: '/admin/programs',
    title: 'Partner program',
    description: 'Tracks and tiers with requirements and benefits, each partner’s standing, tier proposals to approve or override, and “Evaluate now”.',
  },
  {
    to: '/admin/settings',
    title: 'Program settings',
    description: 'Referral reminders and expiry, default fee terms and the onboarding checklist steps. Vendor members can read them; admins change them.',
  },
  { to: '/settings/team', title: 'Vendor team', description: 'Invite colleagues to the ecosystem team, change their roles or remove them.' },
]
