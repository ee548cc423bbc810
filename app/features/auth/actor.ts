import type { OrgKind, OrgStatus, Role } from '../../../db/schema/orgs.ts'
import { forbidden } from '../../utils/errors.ts'

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

/** Partners must be approved before they act in the ecosystem; the vendor's team always can. */
export function assertActiveOrg(actor: Actor, message = 'Your organization must be approved before it can do that.') {
  if (actor.orgStatus !== 'active') throw forbidden(message)
}
