import type { CapabilityModule, NotificationPlan, NotificationPlans } from '#app/core/module.ts'
import { remember } from '#app/core/remember.ts'
import { accountsModule } from '#app/features/accounts/module.server.ts'
import { analyticsModule } from '#app/features/analytics/module.server.ts'
import { apiModule } from '#app/features/api/module.server.ts'
import { authModule } from '#app/features/auth/module.server.ts'
import { communityModule } from '#app/features/community/module.server.ts'
import { cosellModule } from '#app/features/cosell/module.server.ts'
import { dealsModule } from '#app/features/deals/module.server.ts'
import { EVENTS, type DomainEvent } from '#app/features/events/catalog.ts'
import { eventsModule } from '#app/features/events/module.server.ts'
import { leadsModule } from '#app/features/leads/module.server.ts'
import { listingsModule } from '#app/features/listings/module.server.ts'
import { mailModule } from '#app/features/mail/module.server.ts'
import { messagingModule } from '#app/features/messaging/module.server.ts'
import { notificationsModule } from '#app/features/notifications/module.server.ts'
import { onboardingModule } from '#app/features/onboarding/module.server.ts'
import { partnershipsModule } from '#app/features/partnerships/module.server.ts'
import { orgsModule } from '#app/features/orgs/module.server.ts'
import { programsModule } from '#app/features/programs/module.server.ts'
import { referralsModule } from '#app/features/referrals/module.server.ts'
import { registrationsModule } from '#app/features/registrations/module.server.ts'
import { searchModule } from '#app/features/search/module.server.ts'
import { settingsModule } from '#app/features/settings/module.server.ts'
import { webhooksModule } from '#app/features/webhooks/module.server.ts'

/**
 * Every capability, in the order the server starts them: infrastructure first (the outbox, mail,
 * notifications), then the capabilities. Nothing registers itself by being imported; what is not
 * listed here does not run.
 */
export const MODULES: readonly CapabilityModule[] = [
  eventsModule,
  mailModule,
  notificationsModule,
  authModule,
  orgsModule,
  settingsModule,
  onboardingModule,
  listingsModule,
  leadsModule,
  searchModule,
  accountsModule,
  referralsModule,
  messagingModule,
  cosellModule,
  registrationsModule,
  dealsModule,
  communityModule,
  partnershipsModule,
  programsModule,
  analyticsModule,
  apiModule,
  webhooksModule,
]

/** Checks the list once per process: unique names, and every event type declared by exactly one module. */
export function checkModules(modules: readonly CapabilityModule[]) {
  const problems: string[] = []
  const seen = new Map<string, string>()
  const names = new Set<string>()
  for (const m of modules) {
    if (names.has(m.name)) problems.push(`two modules are named "${m.name}"`)
    names.add(m.name)
    for (const type of Object.keys(m.events ?? {})) {
      if (seen.has(type)) problems.push(`event "${type}" is declared by both ${seen.get(type)} and ${m.name}`)
      seen.set(type, m.name)
    }
    for (const type of Object.keys(m.notifications ?? {})) {
      if (!(m.events ?? {})[type]) problems.push(`module ${m.name} plans notifications for "${type}", an event it does not declare`)
    }
  }
  for (const type of Object.keys(EVENTS)) if (!seen.has(type)) problems.push(`event "${type}" is in the catalog but no module declares it`)
  for (const type of seen.keys()) if (!(type in EVENTS)) problems.push(`event "${type}" is declared by ${seen.get(type)} but missing from the catalog`)
  const consumers = modules.flatMap((m) => (m.consumers ?? []).map((c) => c.name))
  if (new Set(consumers).size !== consumers.length) problems.push('two consumers share a name')
  const jobs = modules.flatMap((m) => (m.jobs ?? []).map((j) => j.name))
  if (new Set(jobs).size !== jobs.length) problems.push('two jobs share a name')
  if (problems.length) throw new Error(`The module list is inconsistent: ${problems.join('; ')}.`)
  return modules
}

/** The checked module list of this process, with the notification plans indexed by event type. */
export function registry() {
  return remember('modules', () => {
    const modules = checkModules(MODULES)
    const plans = new Map<string, (event: DomainEvent) => NotificationPlan | null>()
    for (const m of modules) {
      for (const [type, plan] of Object.entries(m.notifications ?? ({} as NotificationPlans))) plans.set(type, plan as (event: DomainEvent) => NotificationPlan | null)
    }
    return { modules, plans }
  })
}

/** The notification plan for one event, from the module that declares its type. */
export function notificationPlan(event: DomainEvent): NotificationPlan | null {
  return registry().plans.get(event.type)?.(event) ?? null
}
