import { z } from 'zod'
import { EmailSchema } from '#app/features/auth/schemas.ts'

/** Form schemas for the team and applications pages. Safe to use in the browser. */

export const RoleSchema = z.enum(['vendor_admin', 'vendor_member', 'partner_admin', 'partner_member'], {
  errorMap: () => ({ message: 'Choose a role from the list.' }),
})

export const InviteSchema = z.object({ email: EmailSchema, role: RoleSchema })

export const ChangeRoleSchema = z.object({
  userId: z.string({ required_error: 'Choose a member.' }).min(1).max(64),
  role: RoleSchema,
})

export const RemoveMemberSchema = z.object({ userId: z.string({ required_error: 'Choose a member.' }).min(1).max(64) })

export const RevokeInvitationSchema = z.object({ invitationId: z.string({ required_error: 'Choose an invitation.' }).min(1).max(64) })

export const RejectSchema = z.object({
  reason: z
    .string({ required_error: 'Give the applicant a reason; it is sent to them.' })
    .trim()
    .min(10, 'Give the applicant a reason of at least 10 characters; it is sent to them.')
    .max(2000, 'Keep the reason under 2000 characters.'),
})

export const SuspendSchema = z.object({
  reason: z
    .string({ required_error: 'Give a reason for the suspension; the partner’s admins see it.' })
    .trim()
    .min(10, 'Give a reason of at least 10 characters; the partner’s admins see it.')
    .max(2000, 'Keep the reason under 2000 characters.'),
})
