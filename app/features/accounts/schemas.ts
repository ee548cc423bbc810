import { z } from 'zod'
import type * as schema from '#db/schema/accounts.ts'
import { optionalMoneyField } from '#app/utils/money.ts'

/** The same lists as db/schema/accounts.ts, kept here so browser code does not pull in the schema. */
export const POPULATIONS = ['customer', 'opportunity', 'prospect'] as const satisfies readonly schema.Population[]
export const SHARING_LEVELS = ['none', 'counts', 'names'] as const satisfies readonly schema.SharingLevel[]
export type Population = schema.Population
export type SharingLevel = schema.SharingLevel

export const POPULATION_LABELS: Record<Population, string> = {
  customer: 'Customers',
  opportunity: 'Open opportunities',
  prospect: 'Prospects',
}
export const POPULATION_SINGULAR: Record<Population, string> = {
  customer: 'customer',
  opportunity: 'open opportunity',
  prospect: 'prospect',
}
export const SHARING_LABELS: Record<SharingLevel, string> = {
  none: 'Nothing',
  counts: 'Overlap counts only',
  names: 'Names of overlapping accounts, with status',
}

export type Sharing = Record<Population, SharingLevel>
const level = z.enum(SHARING_LEVELS, { errorMap: () => ({ message: 'Choose nothing, counts only or names.' }) })

/** What one side shares per population (form fields share.customer, share.opportunity, share.prospect). */
export const SharingSchema = z.object({
  customer: level.default('none'),
  opportunity: level.default('none'),
  prospect: level.default('none'),
})

const rank: Record<SharingLevel, number> = { none: 0, counts: 1, names: 2 }
export const stricter = (a: SharingLevel, b: SharingLevel): SharingLevel => (rank[a] <= rank[b] ? a : b)
export const atLeast = (a: SharingLevel, b: SharingLevel) => rank[a] >= rank[b]

/** The stricter of the two sides' choices, per population: what both sides see. */
export function effectiveSharing(a: Sharing, b: Sharing): Sharing {
  return {
    customer: stricter(a.customer, b.customer),
    opportunity: stricter(a.opportunity, b.opportunity),
    prospect: stricter(a.prospect, b.prospect),
  }
}

/** A matrix cell (my population × their population) shows the stricter level of its two populations. */
export function cellLevel(eff: Sharing, mine: Population, theirs: Population): SharingLevel {
  return stricter(eff[mine], eff[theirs])
}

export const RequestConnectionSchema = z.object({
  partner: z.string({ required_error: 'Choose the partner to connect with.' }).trim().min(1, 'Choose the partner to connect with.').max(200),
  message: z.string().trim().max(1000, 'Keep the message under 1,000 characters.').optional(),
  share: SharingSchema.default({}),
})

export const RespondConnectionSchema = z.object({
  decision: z.enum(['accept', 'decline'], { errorMap: () => ({ message: 'Accept or decline the request.' }) }),
  share: SharingSchema.default({}),
})

export const AccountInputSchema = z.object({
  name: z.string({ required_error: 'Enter the account name.' }).trim().min(1, 'Enter the account name.').max(200, 'Keep the name under 200 characters.'),
  domain: z.string({ required_error: 'Enter the account’s web domain.' }).trim().min(1, 'Enter the account’s web domain.').max(300),
  population: z.enum(POPULATIONS, { errorMap: () => ({ message: 'Choose customer, open opportunity or prospect.' }) }),
  ownerEmail: z
    .string()
    .trim()
    .max(254)
    .email('Enter a valid e-mail address for the owner, or leave it empty.')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Whole currency units as typed ("12,500" or "12500.50"); stored in cents. */
  dealSize: optionalMoneyField('Enter the deal size as a positive amount, like 12500 or 12,500.00.'),
})
