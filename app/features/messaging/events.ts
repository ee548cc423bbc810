import { z } from 'zod'
import { THREAD_KINDS } from '#db/schema/messaging.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

const threadKind = z.enum(THREAD_KINDS)

/** Conversations: private to the organizations in them. */
export const messagingEvents = defineEvents(
  {
    'message.posted': z.object({
      threadId: id,
      messageId: id,
      seq: z.number().int(),
      kind: threadKind,
      subjectId: id,
      authorName: z.string(),
      authorOrgName: z.string(),
      preview: z.string(),
    }),
    'thread.org_invited': z.object({ threadId: id, invitedOrgId: id, invitedOrgName: z.string(), kind: threadKind, subjectId: id }),
  },
  { publicPages: false },
)
