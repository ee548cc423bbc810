import { z } from 'zod'

/**
 * "Start X from here" links: a referral or a co-sell started from a listing, a partner, an
 * overlapping account or a need carries what the page already knows, and the form it opens
 * fills itself from the same names. Browser-safe (used by pages and by the forms' loaders).
 */
/** `fromTopic`/`fromReply`: a community partner request (and the reply in it) the referral or co-sell is started from. */
type FromRequest = { fromTopic?: string; fromReply?: string }
/** `fromLead`: an inbound lead the record is converted from (the form fills itself from the lead on the server, and the lead links the record). */
type FromLead = { fromLead?: string }
export type ReferralContext = { to?: string; accountName?: string; accountDomain?: string; need?: string } & FromRequest & FromLead
export type CosellContext = { invite?: string; accountName?: string; accountDomain?: string; message?: string } & FromRequest & FromLead
export type RegistrationContext = FromLead

const query = (values: Record<string, string | undefined>) => {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v)
  const s = params.toString()
  return s ? `?${s}` : ''
}

export const referHref = (c: ReferralContext) =>
  `/referrals/new${query({ to: c.to, accountName: c.accountName, accountDomain: c.accountDomain, need: c.need, fromTopic: c.fromTopic, fromReply: c.fromReply, fromLead: c.fromLead })}`
export const cosellHref = (c: CosellContext) =>
  `/cosell/new${query({ invite: c.invite, accountName: c.accountName, accountDomain: c.accountDomain, message: c.message, fromTopic: c.fromTopic, fromReply: c.fromReply, fromLead: c.fromLead })}`
export const registerHref = (c: RegistrationContext) => `/registrations/new${query({ fromLead: c.fromLead })}`

const text = (max: number) => z.string().trim().max(max).catch('').default('')
const recordId = z
  .string()
  .regex(/^[\w-]{1,64}$/)
  .optional()
  .catch(undefined)

/** What a referral form reads from its URL; anything too long or malformed is dropped, never an error. */
export const ReferralPrefillSchema = z.object({ to: text(200), accountName: text(200), accountDomain: text(300), need: text(4000), fromTopic: recordId, fromReply: recordId, fromLead: recordId })
/** What a co-sell form reads from its URL. */
export const CosellPrefillSchema = z.object({ invite: text(200), accountName: text(200), accountDomain: text(300), message: text(2000), fromTopic: recordId, fromReply: recordId, fromLead: recordId })
/** What a deal registration form reads from its URL. */
export const RegistrationPrefillSchema = z.object({ fromLead: recordId })

export const prefillFrom = <S extends z.ZodTypeAny>(schema: S, url: string): z.output<S> => schema.parse(Object.fromEntries(new URL(url).searchParams))
