import { z } from 'zod'
import { INDUSTRIES, PARTNER_TYPES, REGIONS } from '#db/vocab.ts'

/** Form and input schemas for sign-up, sign-in and account pages. Safe to use in the browser. */

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 200

export const EmailSchema = z
  .string({ required_error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long (254 characters at most).')
  .email('Enter a valid email address, like name@company.com.')
  .transform((v) => v.toLowerCase())

export const PasswordSchema = z
  .string({ required_error: 'Enter a password.' })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters for your password.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters for your password.`)

export const PersonNameSchema = z.string({ required_error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(100, 'Names can be at most 100 characters.')

const WebsiteSchema = z
  .string({ required_error: "Enter your company's website." })
  .trim()
  .min(1, "Enter your company's website.")
  .max(200, 'Website addresses can be at most 200 characters.')
  .transform((v) => (/^https?:\/\//i.test(v) ? v : `https://${v}`))
  .refine((v) => {
    try {
      const url = new URL(v)
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
    } catch {
      return false
    }
  }, 'Enter a website address, like https://example.com.')

export const withPasswordConfirmation = <T extends z.ZodRawShape>(shape: T, passwordKey = 'password') =>
  z.object({ ...shape, confirmPassword: z.string({ required_error: 'Type the password again.' }).max(PASSWORD_MAX) }).superRefine((value, ctx) => {
    const v = value as Record<string, unknown>
    if (v.confirmPassword !== v[passwordKey]) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two passwords do not match.' })
  })

export const ApplySchema = withPasswordConfirmation({
  companyName: z.string({ required_error: 'Enter your company name.' }).trim().min(2, 'Enter your company name (at least 2 characters).').max(120, 'Company names can be at most 120 characters.'),
  website: WebsiteSchema,
  partnerType: z.enum(PARTNER_TYPES, {
    errorMap: () => ({ message: 'Choose the kind of partner you are.' }),
  }),
  regions: z
    .array(z.enum(REGIONS, { errorMap: () => ({ message: 'Choose regions from the list.' }) }), {
      required_error: 'Choose at least one region you sell or deliver in.',
    })
    .min(1, 'Choose at least one region you sell or deliver in.'),
  industries: z
    .array(z.enum(INDUSTRIES, { errorMap: () => ({ message: 'Choose industries from the list.' }) }), {
      required_error: 'Choose at least one industry you serve.',
    })
    .min(1, 'Choose at least one industry you serve.'),
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
})
export type ApplyInput = z.infer<typeof ApplySchema>

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ required_error: 'Enter your password.' }).min(1, 'Enter your password.').max(PASSWORD_MAX, 'That password is too long.'),
  redirectTo: z.string().max(2000).optional(),
})
export type LoginInput = z.infer<typeof LoginSchema>

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

export const ResetPasswordSchema = withPasswordConfirmation({ password: PasswordSchema })

export const AccountNameSchema = z.object({ name: PersonNameSchema })

export const ChangePasswordFields = {
  currentPassword: z.string({ required_error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(PASSWORD_MAX),
  newPassword: PasswordSchema,
}
export const ChangePasswordSchema = withPasswordConfirmation(ChangePasswordFields, 'newPassword')

export const AcceptInvitationSchema = withPasswordConfirmation({ name: PersonNameSchema, password: PasswordSchema })
