import type { OrgKind, OrgStatus, Role } from '#db/schema/orgs.ts'
import { forbidden } from '#app/utils/errors.ts'

/** The signed-in person acting, with the one organization they act for. Every domain function takes it first. */
export type Actor = {
  userId: string
  email: string
  name: string
  orgId: string
  orgKind: OrgKind
  orgStatus: OrgStatus
  orgName: string
  role: Role
}

export const isVendor = (actor: Actor) => actor.orgKind === 'vendor' && (actor.role === 'vendor_admin' || actor.role === 'vendor_member')
export const isVendorAdmin = (actor: Actor) => actor.orgKind === 'vendor' && actor.role === 'vendor_admin'
export const isOrgAdmin = (actor: Actor) => actor.role === 'vendor_admin' || actor.role === 'partner_admin'
export const isActivePartner = (actor: Actor) => actor.orgKind === 'partner' && actor.orgStatus === 'active'

export function assertVendor(actor: Actor, message = "Only the vendor's ecosystem team can do that.") {
  if (!isVendor(actor)) throw forbidden(message)
}

export function assertVendorAdmin(actor: Actor, message = "Only the vendor's admins can do that.") {
  if (!isVendorAdmin(actor)) throw forbidden(message)
}

export function assertOrgAdmin(actor: Actor, message = 'Only an admin of your organization can do that.') {
  if (!isOrgAdmin(actor)) throw forbidden(message)
}

/**
 * May this organization act? The one check every capability's writes go through: the vendor's
 * team always may; a partner only while active. A suspended partner's people can still sign in and
 * read (see `assertOrgMayRead`) but change nothing; an applicant waits for approval, except where
 * `allowApplicant` lets it get ready (its profile and team). `what` completes "cannot …".
 */
export function assertOrgMayAct(actor: Actor, what = 'do that', { allowApplicant = false }: { allowApplicant?: boolean } = {}) {
  if (orgMayAct(actor)) return
  if (actor.orgStatus === 'suspended') {
    throw forbidden(`${actor.orgName} is suspended by the vendor's partner team, so it cannot ${what}. You can still sign in and read; the partner team can reinstate it.`)
  }
  if (actor.orgStatus === 'applicant' && allowApplicant) return
  throw forbidden(actor.orgStatus === 'rejected' ? `${actor.orgName}'s application was not approved, so it cannot ${what}.` : `Your organization must be approved before it can ${what}.`)
}

/** The same rule as a yes/no, for pages deciding which actions to offer. */
export function orgMayAct(actor: Pick<Actor, 'orgKind' | 'orgStatus'>) {
  return actor.orgKind === 'vendor' || actor.orgStatus === 'active'
}

/** May this organization read its own working data (referrals, accounts, co-sells, conversations)? Active and suspended partners, and the vendor's team. */
export function assertOrgMayRead(actor: Actor, what = 'see that') {
  if (actor.orgKind === 'vendor' || actor.orgStatus === 'active' || actor.orgStatus === 'suspended') return
  throw forbidden(`Your organization must be approved before it can ${what}.`)
}
