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
  {
    to: '/admin/registrations',
    title: 'Deal registrations',
    description: 'Approve partners’ registered deals (protecting them for the program’s period) or reject them with a reason; extend protection.',
  },
  {
    to: '/admin/conflicts',
    title: 'Deal conflicts',
    description: 'New referrals, co-sells and registrations whose customer is already worked in the ecosystem, side by side: assign, merge, reject or allow both.',
  },
  { to: '/admin/onboarding', title: 'Partner onboarding', description: "Each approved partner's progress through its first-run checklist, least progress first, with who is stuck." },
  {
    to: '/admin/community',
    title: 'Community spaces',
    description: 'Create community spaces, choose who sees each (all partners, the vendor’s team, or invited organizations) and invite organizations to private ones.',
  },
  {
    to: '/admin/partnerships',
    title: 'Partnerships board',
    description:
      'Every partnership by lifecycle stage: start one, move it with a note, assess strategic fit, designate strategic partnerships, and set the rules (fit threshold, strategic limit, plan currencies).',
  },
  {
    to: '/admin/partnerships/portfolio',
    title: 'Partnership portfolio',
    description: 'Strategic partnerships ranked by health: commitments met on time per side, executive engagement, pipeline attainment, activity trend, warnings and what needs action.',
  },
  {
    to: '/admin/programs',
    title: 'Partner program',
    description: 'Tracks and tiers with requirements and benefits, each partner’s standing, tier proposals to approve or override, and “Evaluate now”.',
  },
  {
    to: '/admin/settings',
    title: 'Program settings',
    description: 'Referral reminders and expiry, default fee terms, the registration protection period and the onboarding checklist steps. Vendor members can read them; admins change them.',
  },
  { to: '/settings/team', title: 'Vendor team', description: 'Invite colleagues to the ecosystem team, change their roles or remove them.' },
]
