import { z } from 'zod'
import { ROLES } from '#db/schema/orgs.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

/** An organization's standing in the ecosystem: public pages show only active partners, so these change them. */
export const orgStatusEvents = defineEvents(
  {
    'org.applied': z.object({ name: z.string(), applicantName: z.string(), partnerType: z.string(), regions: z.array(z.string()), industries: z.array(z.string()) }),
    'org.approved': z.object({ name: z.string() }),
    'org.rejected': z.object({ name: z.string(), reason: z.string() }),
    'org.suspended': z.object({ orgId: id, name: z.string(), reason: z.string() }),
    'org.reinstated': z.object({ orgId: id, name: z.string() }),
  },
  { publicPages: true },
)

/** Who belongs to an organization: never on public pages. */
export const teamEvents = defineEvents(
  {
    'member.invited': z.object({ email: z.string(), role: z.enum(ROLES) }),
    'invitation.revoked': z.object({ email: z.string() }),
    'member.joined': z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES), invitationId: id, invitedBy: z.string().nullable(), orgName: z.string() }),
    'member.role_changed': z.object({ from: z.enum(ROLES), to: z.enum(ROLES), orgName: z.string(), changedByName: z.string() }),
    'member.removed': z.object({ email: z.string(), role: z.enum(ROLES) }),
  },
  { publicPages: false },
)
