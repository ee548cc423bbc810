import { z } from 'zod'
import { OPPORTUNITY_STAGES, PARTICIPANT_ROLES, PARTICIPANT_STATUSES } from '#db/schema/pipeline.ts'
import { defineEvents } from '#app/core/events.ts'
import { id } from '#app/core/event-fields.ts'

const about = { opportunityId: id }

/** Co-sell opportunities: private to their working partners and the vendor. */
export const cosellEvents = defineEvents(
  {
    'cosell.opened': z.object({ ...about, stage: z.enum(OPPORTUNITY_STAGES), invitedOrgIds: z.array(id) }),
    'cosell.invited': z.object({ ...about, invitedOrgId: id, role: z.enum(PARTICIPANT_ROLES), accountName: z.string(), invitedByOrgName: z.string(), message: z.string().nullable() }),
    'cosell.accepted': z.object({ ...about, participantOrgId: id, participantOrgName: z.string(), status: z.enum(PARTICIPANT_STATUSES), ownerOrgId: id, accountName: z.string() }),
    'cosell.declined': z.object({ ...about, participantOrgId: id, participantOrgName: z.string(), status: z.enum(PARTICIPANT_STATUSES), ownerOrgId: id, accountName: z.string() }),
    'cosell.stage_changed': z.object({ ...about, fromStage: z.enum(OPPORTUNITY_STAGES), toStage: z.enum(OPPORTUNITY_STAGES) }),
    'cosell.updated': z.object({ ...about, fields: z.array(z.string()) }),
    'cosell.task_added': z.object({ ...about, taskId: id, title: z.string(), ownerUserId: id, ownerOrgId: id, accountName: z.string() }),
    'cosell.task_done': z.object({ ...about, taskId: id }),
    'cosell.task_reopened': z.object({ ...about, taskId: id }),
  },
  { publicPages: false },
)
