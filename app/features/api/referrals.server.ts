import { aliasedTable, and, asc, eq, or, type SQL } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { referrals } from '#db/schema/pipeline.ts'
import { DomainError } from '#app/utils/errors.ts'
import { assertOrgMayRead, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { referralFor } from '#app/features/referrals/conflicts.server.ts'
import { acceptReferral, declineReferral, loseReferral, previewReferral, startReferral, submitReferral, winReferral } from '#app/features/referrals/lifecycle.server.ts'
import { listMessages, postMessage } from '#app/features/messaging/threads.server.ts'
import type { MessageDto } from '#app/features/messaging/contract.ts'
import { getProgramSettings } from '#app/features/referrals/program-settings.server.ts'
import { getReferral } from '#app/features/referrals/queries.server.ts'
import type { Referral } from '#app/features/referrals/records.server.ts'
import { describeTerms } from '#app/features/referrals/schemas.ts'
import { badCursor, decodeCursor, keysetFilter, pageOf, positionOf } from '#app/features/api/cursor.server.ts'
import { ApiError, type IfMatch } from '#app/features/api/http.server.ts'
import type { ApiMessage, ApiReferral, CreateReferralBody } from '#app/features/api/schemas.ts'
import { CreateReferralSchema, MessageListQuerySchema, PostMessageSchema, ReferralListQuerySchema, ReferralStatusChangeSchema } from '#app/features/api/schemas.ts'
import { parseInput } from '#app/features/api/parse.ts'
import { amountText } from '#app/features/api/money.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** A referral as the API shows it to `actor`: the same redaction as its page (a sender sees only the conflicts it may know of). */
export function toApiReferral(actor: Actor, row: Referral, names: { fromName: string; toName: string }): ApiReferral {
  const r = referralFor(actor, row)
  return {
    id: r.id,
    object: 'referral',
    status: r.status,
    from: { id: r.fromOrgId, name: names.fromName },
    to: { id: r.toOrgId, name: names.toName },
    accountName: r.accountName,
    accountDomain: r.accountDomain,
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    need: r.need,
    estimatedValue: Number(r.estimatedValue),
    wonAmount: r.wonAmount === null ? null : Number(r.wonAmount),
    fee: {
      type: r.feeType,
      percentBps: r.feePercentBps,
      fixedAmount: r.feeFixedAmount === null ? null : Number(r.feeFixedAmount),
      capAmount: r.feeCapAmount === null ? null : Number(r.feeCapAmount),
      description: describeTerms(r),
      acceptedAt: iso(r.termsAcceptedAt),
    },
    conflictStatus: r.conflictStatus,
    conflicts: r.conflicts.map((c) => ({ kind: c.kind, explanation: c.explanation })),
    declineReason: r.declineReason,
    lostReason: r.lostReason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    respondedAt: iso(r.respondedAt),
    closedAt: iso(r.closedAt),
  }
}

/** GET /api/v1/referrals: the referrals the actor's organization is a party to (all of them for the vendor's team), oldest change first. */
export async function listApiReferrals(actor: Actor, query: unknown) {
  assertOrgMayRead(actor, 'use referrals')
  const q = parseInput(ReferralListQuerySchema, query, 'Bad query parameters.')
  const cursor = q.cursor ? decodeCursor(q.cursor) : null
  const fromOrg = aliasedTable(organizations, 'from_org')
  const toOrg = aliasedTable(organizations, 'to_org')
  const filters: (SQL | undefined)[] = [
    isVendor(actor) ? undefined : or(eq(referrals.fromOrgId, actor.orgId), eq(referrals.toOrgId, actor.orgId)),
    q.status ? eq(referrals.status, q.status) : undefined,
    ...keysetFilter(referrals.updatedAt, referrals.id, cursor, q.updated_since),
  ]
  const rows = await db
    .select({ referral: referrals, fromName: fromOrg.name, toName: toOrg.name, position: positionOf(referrals.updatedAt), id: referrals.id })
    .from(referrals)
    .innerJoin(fromOrg, eq(fromOrg.id, referrals.fromOrgId))
    .innerJoin(toOrg, eq(toOrg.id, referrals.toOrgId))
    .where(and(...filters))
    .orderBy(asc(referrals.updatedAt), asc(referrals.id))
    .limit(q.limit + 1)
  return pageOf(rows, q.limit, (row) => toApiReferral(actor, row.referral, row))
}

/** GET /api/v1/referrals/{id}: through the referral page's own read, so a non-party gets not_found. */
export async function getApiReferral(actor: Actor, id: string) {
  const found = await getReferral(actor, id)
  return toApiReferral(actor, found.referral, { fromName: found.fromName, toName: found.toName })
}

/** The API's field names for the form's (the amounts are in minor units here). */
const FIELD_NAMES: Record<string, string> = { feeFixed: 'feeFixedAmount', feeCap: 'feeCapAmount' }

function renameFields(error: DomainError) {
  if (!error.fieldErrors) return error
  const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [FIELD_NAMES[k] ?? k, v]))
  return new DomainError(error.code, error.message, { fieldErrors, retryAfterSeconds: error.retryAfterSeconds })
}

/**
 * POST /api/v1/referrals: the referral form's own submission (`submitReferral`), so the same
 * checks, conflict rules and fee terms apply. Without fee fields the program's default terms are
 * proposed, as the form pre-fills them. Conflicts the sender may see answer 409 with their kinds.
 */
export async function createApiReferral(actor: Actor, body: unknown) {
  const input = parseInput(CreateReferralSchema, body, 'Check the referral.')
  const formInput = await toFormInput(input)
  try {
    const created = await submitReferral(actor, formInput, { acknowledged: input.acknowledgedConflicts ?? [] })
    return getApiReferral(actor, created.id)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    if (error.code === 'conflict' && error.fieldErrors?.conflicts) {
      const preview = await previewReferral(actor, formInput).catch(() => null)
      throw new ApiError(409, 'conflict', `${error.message} Send the kinds you reviewed in acknowledgedConflicts to send it anyway.`, {
        details: { conflicts: preview?.conflicts.map((c) => ({ kind: c.kind, explanation: c.explanation })) ?? [] },
      })
    }
    throw renameFields(error)
  }
}

async function toFormInput(input: CreateReferralBody) {
  const { feeType, feePercent, feeFixedAmount, feeCapAmount, estimatedValue, acknowledgedConflicts: _ack, ...rest } = input
  const base = { ...rest, estimatedValue: amountText(estimatedValue) }
  if (feeType === undefined && feePercent === undefined && feeFixedAmount === undefined && feeCapAmount === undefined) {
    const defaults = await getProgramSettings()
    return {
      ...base,
      feeType: defaults.defaultFeeType,
      feePercent: defaults.defaultFeePercentBps === null ? undefined : defaults.defaultFeePercentBps / 100,
      feeFixed: amountText(defaults.defaultFeeFixedAmount ?? undefined),
      feeCap: amountText(defaults.defaultFeeCapAmount ?? undefined),
    }
  }
  if (feeType === undefined)
    throw new ApiError(400, 'invalid_request', 'Say which fee you propose: feeType none, percent or fixed.', { fieldErrors: { feeType: ['Required when any fee field is sent.'] } })
  return { ...base, feeType, feePercent, feeFixed: amountText(feeFixedAmount), feeCap: amountText(feeCapAmount) }
}

/**
 * POST /api/v1/referrals/{id}/status: the buttons of the referral page, through the same domain
 * transitions (only the receiver moves it, in the allowed order; won records the fee).
 */
export async function changeApiReferralStatus(actor: Actor, id: string, body: unknown, ifMatch: IfMatch = () => {}) {
  const change = parseInput(ReferralStatusChangeSchema, body, 'Check the status change.')
  // If-Match is compared with the locked referral inside the transition's transaction.
  const options = { precondition: (r: Referral) => ifMatch(r.updatedAt) }
  switch (change.status) {
    case 'accepted':
      await acceptReferral(actor, id, { acceptTerms: change.acceptTerms === true }, options)
      break
    case 'declined':
      await declineReferral(actor, id, { reason: change.reason }, options)
      break
    case 'in_progress':
      await startReferral(actor, id, options)
      break
    case 'won':
      await winReferral(actor, id, { wonAmount: amountText(change.wonAmount) }, options)
      break
    case 'lost':
      await loseReferral(actor, id, { reason: change.reason }, options)
      break
  }
  return getApiReferral(actor, id)
}

/** The referral's conversation, as its page shows it: a party (or an invited vendor) only. */
async function referralThread(actor: Actor, id: string) {
  const found = await getReferral(actor, id)
  if (!found.thread) throw new ApiError(404, 'not_found', 'This referral has no conversation your organization can join.')
  return found.thread
}

const toApiMessage = (m: MessageDto): ApiMessage => ({
  id: m.id,
  object: 'message',
  seq: m.seq,
  body: m.body,
  author: { name: m.authorName, orgId: m.authorOrgId, orgName: m.authorOrgName },
  createdAt: m.createdAt,
})

const MESSAGE_CURSOR = /^m([0-9]{1,12})$/

/** GET /api/v1/referrals/{id}/messages: oldest first; the cursor is the position after the page. */
export async function listApiReferralMessages(actor: Actor, id: string, query: unknown) {
  const q = parseInput(MessageListQuerySchema, query, 'Bad query parameters.')
  let afterSeq = 0
  if (q.cursor) {
    const match = MESSAGE_CURSOR.exec(Buffer.from(q.cursor, 'base64url').toString('utf8'))
    if (!match) throw badCursor()
    afterSeq = Number(match[1])
  }
  const thread = await referralThread(actor, id)
  const page = await listMessages(actor, thread.id, { afterSeq, limit: q.limit })
  const last = page.messages.at(-1)
  return {
    object: 'list' as const,
    data: page.messages.map(toApiMessage),
    hasMore: page.hasMore,
    nextCursor: page.hasMore && last ? Buffer.from(`m${last.seq}`).toString('base64url') : null,
  }
}

/** POST /api/v1/referrals/{id}/messages: the same post as the page's message box. */
export async function postApiReferralMessage(actor: Actor, id: string, body: unknown) {
  const input = parseInput(PostMessageSchema, body, 'Check the message.')
  const thread = await referralThread(actor, id)
  const posted = await postMessage(actor, { threadId: thread.id, body: input.body, clientId: null })
  return toApiMessage(posted.message)
}
