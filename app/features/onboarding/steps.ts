/** The checklist steps, in order (browser-safe; db/schema/onboarding.ts uses the same list). */
export const ONBOARDING_STEPS = ['profile', 'listing', 'accounts', 'connections', 'team'] as const
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number]

/** How the vendor's onboarding page can be sorted. */
export const ONBOARDING_SORTS = ['progress', 'approved', 'activity', 'name'] as const

/** Browser-safe: what each checklist step asks, where it is done, and how it reads once done. */
export const STEP_DEFS: Record<OnboardingStep, { title: string; short: string; description: string; href: string; action: string }> = {
  profile: {
    short: 'Profile',
    title: 'Complete your company profile',
    description: 'Add a tagline, a description, and at least one region, industry and skill, so partners and customers find you.',
    href: '/settings/profile',
    action: 'Edit your profile',
  },
  listing: {
    short: 'Listing',
    title: 'Publish your first listing',
    description: 'Describe a service, solution, app or integration. The partner team reviews it before it goes live.',
    href: '/manage/listings/new',
    action: 'Create a listing',
  },
  accounts: {
    short: 'Account list',
    title: 'Upload your account list',
    description: 'Import your customers, opportunities and prospects (CSV) to see which accounts you share with connected partners. Partners never see your list.',
    href: '/accounts',
    action: 'Import accounts',
  },
  connections: {
    short: 'Connections',
    title: 'Connect with two partners',
    description: 'A connection lets two partners compare account overlaps and refer customers to each other.',
    href: '/connections/request',
    action: 'Request a connection',
  },
  team: {
    short: 'Team',
    title: 'Invite your team',
    description: 'Invite the colleagues who will work referrals and co-sell opportunities with you.',
    href: '/settings/team',
    action: 'Invite a colleague',
  },
}

/** Accepted connections the "connect" step asks for. */
export const CONNECTIONS_NEEDED = 2

export const STEP_OPTIONS = ONBOARDING_STEPS.map((value) => ({ value, label: STEP_DEFS[value].title }))
