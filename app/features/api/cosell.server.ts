import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm'
import { db, type Tx } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { opportunities, opportunityParticipants } from '#db/schema/pipeline.ts'
import { forbidden } from '#app/utils/errors.ts'
import { assertOrgMayRead, isVendor, type Actor } from '#app/features/auth/actor.ts'
import { changeStage, getCosell, inviteToCosell, openCosell, respondToCosell, type Opportunity, type Participant } from '#app/features/cosell/cosell.server.ts'
import { decodeCursor, keysetFilter, pageOf, positionOf } from '#app/features/api/cursor.server.ts'
import type { IfMatch } from '#app/features/api/http.server.ts'
import { parseInput } from '#app/features/api/parse.ts'
import { amountText } from '#app/features/api/money.ts'
import { CosellListQuerySchema, CosellResponseSchema, CosellStageChangeSchema, CreateCosellSchema, InviteCosellSchema, type ApiCosell } from '#app/features/api/schemas.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)

/**
 * A co-sell's last change: its record or stage (updated_at) or any participant's invitation or
 * answer, so `updated_since` also finds an opportunity a partner was just invited to or joined.
 */
const changedAt = sql<Date>`greatest(${opportunities.updatedAt}, coalesce((select max(coalesce(p.responded_at, p.invited_at)) from opportunity_participants p where p.opportunity_id = ${opportunities.id}), ${opportunities.updatedAt}))`

/** GET /api/v1/cosell/{id}: the co-sell page's own read (owner, participants invited or working, the vendor's team). */
export async function getApiCosell(actor: Actor, id: string): Promise<ApiCosell> {
  const found = await getCosell(actor, id)
  const participantTimes = found.participants.flatMap((p) => [p.invitedAt, p.respondedAt]).filter((d): d is Date => d !== null)
  const updatedAt = new Date(Math.max(found.opp.updatedAt.getTime(), ...participantTimes.map((d) => d.getTime())))
  return serializeCosell(found.opp, found.owner, found.participants, updatedAt)
}

type ShownParticipant = { orgId: string; orgName: string; role: Participant['role']; status: Participant['status']; invitedAt: Date; joinedAt: Date | null; respondedAt: Date | null }

/** The API's representation of a co-sell, from its record, owner and participants (one read, or a page's set query). */
function serializeCosell(opp: Opportunity, owner: { id: string; name: string }, participants: ShownParticipant[], updatedAt: Date): ApiCosell {
  return {
    id: opp.id,
    object: 'cosell',
    title: opp.title,
    accountName: opp.accountName,
    accountDomain: opp.accountDomain,
    amount: Number(opp.amount),
    stage: opp.stage,
    expectedCloseAt: day(opp.expectedCloseAt),
    nextSteps: opp.nextSteps,
    notes: opp.notes,
    owner: { id: owner.id, name: owner.name },
    participants: participants.map((p) => ({
      org: { id: p.orgId, name: p.orgName },
      role: p.role,
      status: p.status,
      invitedAt: p.invitedAt.toISOString(),
      joinedAt: iso(p.joinedAt),
      respondedAt: iso(p.respondedAt),
    })),
    createdAt: opp.createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    closedAt: iso(opp.closedAt),
  }
}

/**
 * GET /api/v1/cosell: the co-sells the actor's organization owns, is invited to or works on (the
 * vendor's team: all), by last change. The same visibility as the co-sell list page.
 */
export async function listApiCosell(actor: Actor, query: unknown) {
  if (actor.orgKind === 'vendor' && !isVendor(actor)) throw forbidden('Your organization must be approved before it can co-sell.')
  assertOrgMayRead(actor, 'co-sell')
  const q = parseInput(CosellListQuerySchema, query, 'Bad query parameters.')
  const cursor = q.cursor ? decodeCursor(q.cursor) : null
  const filters: (SQL | undefined)[] = [
    eq(opportunities.isCosell, true),
    isVendor(actor)
      ? undefined
      : or(
          eq(opportunities.orgId, actor.orgId),
          sql`exists (select 1 from opportunity_participants p where p.opportunity_id = ${opportunities.id} and p.org_id = ${actor.orgId} and p.status <> 'declined')`,
        ),
    q.stage ? eq(opportunities.stage, q.stage) : undefined,
    ...keysetFilter(changedAt, opportunities.id, cursor, q.updated_since),
  ]
  // One statement for the page: each co-sell with its owner's name and its participants (invited, working or declined, as its page shows them).
  const rows = await db
    .select({
      id: opportunities.id,
      position: positionOf(changedAt),
      changedAt: sql<string>`${changedAt}`,
      opp: opportunities,
      ownerName: organizations.name,
      participants: sql<ParticipantRow[]>`coalesce((
        select json_agg(json_build_object('orgId', p.org_id, 'orgName', o.name, 'role', p.role, 'status', p.status,
                                          'invitedAt', p.invited_at, 'joinedAt', p.joined_at, 'respondedAt', p.responded_at)
                        order by p.invited_at)
        from opportunity_participants p join organizations o on o.id = p.org_id
        where p.opportunity_id = ${opportunities.id}), '[]'::json)`,
    })
    .from(opportunities)
    .innerJoin(organizations, eq(organizations.id, opportunities.orgId))
    .where(and(...filters))
    .orderBy(asc(changedAt), asc(opportunities.id))
    .limit(q.limit + 1)
  return pageOf(rows, q.limit, (row) => serializeCosell(row.opp, { id: row.opp.orgId, name: row.ownerName }, participantsOf(row.participants), new Date(row.changedAt)))
}

type ParticipantRow = { orgId: string; orgName: string; role: Participant['role']; status: Participant['status']; invitedAt: string; joinedAt: string | null; respondedAt: string | null }
const at = (d: string | null) => (d === null ? null : new Date(d))
const participantsOf = (rows: ParticipantRow[] | string) =>
  (typeof rows === 'string' ? (JSON.parse(rows) as ParticipantRow[]) : rows).map((p) => ({ ...p, invitedAt: new Date(p.invitedAt), joinedAt: at(p.joinedAt), respondedAt: at(p.respondedAt) }))

/**
 * A co-sell's revision, read in the write's transaction once the opportunity row is locked (every
 * write, an invitation or an answer too, locks it first): its record's last change or any
 * participant's invitation or answer, the `updatedAt` its representation and ETag carry.
 */
async function cosellRevision(tx: Tx, opp: Opportunity) {
  const [row] = await tx
    .select({ at: sql<string | null>`max(greatest(${opportunityParticipants.invitedAt}, coalesce(${opportunityParticipants.respondedAt}, ${opportunityParticipants.invitedAt})))` })
    .from(opportunityParticipants)
    .where(eq(opportunityParticipants.opportunityId, opp.id))
  const participants = row?.at ? new Date(row.at).getTime() : 0
  return new Date(Math.max(opp.updatedAt.getTime(), participants))
}

/** POST /api/v1/cosell: the "Open a co-sell" form's submission, optionally inviting partners. */
export async function createApiCosell(actor: Actor, body: unknown) {
  const input = parseInput(CreateCosellSchema, body, 'Check the opportunity.')
  const opp = await openCosell(actor, {
    ...input,
    amount: amountText(input.amount),
    invites: (input.invites ?? []).map((i) => ({ ...i })),
  })
  return getApiCosell(actor, opp.id)
}

/** POST /api/v1/cosell/{id}/invitations: the owner invites a partner (an unknown one names `partner`). */
export async function inviteApiCosell(actor: Actor, id: string, body: unknown, ifMatch: IfMatch = () => {}) {
  const input = parseInput(InviteCosellSchema, body, 'Check the invitation.')
  await inviteToCosell(actor, id, input, { precondition: async (opp, tx) => ifMatch(await cosellRevision(tx, opp)) })
  return getApiCosell(actor, id)
}

/** POST /api/v1/cosell/{id}/stage: a working party moves the stage. */
export async function changeApiCosellStage(actor: Actor, id: string, body: unknown, ifMatch: IfMatch = () => {}) {
  const input = parseInput(CosellStageChangeSchema, body, 'Check the stage.')
  await changeStage(actor, id, input, { precondition: async (opp, tx) => ifMatch(await cosellRevision(tx, opp)) })
  return getApiCosell(actor, id)
}

/** POST /api/v1/cosell/{id}/response: an invited partner accepts or declines. */
export async function respondApiCosell(actor: Actor, id: string, body: unknown) {
  const input = parseInput(CosellResponseSchema, body, 'Check your answer.')
  const participant = await respondToCosell(actor, id, input)
  // A partner that declined no longer sees the opportunity: the answer is its participation only.
  return { object: 'cosell_participation' as const, opportunityId: id, org: { id: actor.orgId, name: actor.orgName }, status: participant.status as 'accepted' | 'declined' }
}
