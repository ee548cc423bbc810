import { z } from 'zod'
import { SHARING_LEVELS } from '#db/schema/accounts.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

/** Account lists and account-mapping connections: private to the organizations involved. */
export const accountEvents = defineEvents(
  {
    'account.added': z.object({ accountId: id }),
    'account.updated': z.object({ accountId: id }),
    'account.removed': z.object({ accountId: id }),
    'accounts.import_uploaded': z.object({ jobId: id, rows: z.number().int(), byteSize: z.number().int() }),
    'accounts.import_refused': z.object({ jobId: id, rows: z.number().int(), errorRows: z.number().int() }),
    'accounts.imported': z.object({ jobId: id, inserted: z.number().int(), updated: z.number().int(), skipped: z.number().int() }),
    'connection.requested': z.object({ connectionId: id, requesterOrgId: id, requesterOrgName: z.string(), recipientOrgId: id, status: z.literal('requested'), message: z.string().nullable() }),
    'connection.accepted': z.object({ connectionId: id, status: z.string(), requesterOrgId: id, answeredByOrgName: z.string() }),
    'connection.declined': z.object({ connectionId: id, status: z.string(), requesterOrgId: id, answeredByOrgName: z.string() }),
    'connection.sharing_changed': z.object({ connectionId: id, side: z.enum(['requester', 'recipient']), sharing: z.record(z.enum(SHARING_LEVELS)) }),
    'connection.ended': z.object({ connectionId: id, status: z.literal('ended') }),
  },
  { publicPages: false },
)
