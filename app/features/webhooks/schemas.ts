import { z } from 'zod'
import { WEBHOOK_EVENT_TYPE_LIST } from '#app/features/webhooks/catalog.ts'

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPE_LIST as [string, ...string[]]), { required_error: 'Choose at least one event type.' })
  .min(1, 'Choose at least one event type.')
  .max(WEBHOOK_EVENT_TYPE_LIST.length)

export const CreateEndpointSchema = z
  .object({
    url: z.string({ required_error: 'Enter the URL to send events to.' }).trim().min(1, 'Enter the URL to send events to.').max(2000, 'The URL is too long (2,000 characters at most).'),
    description: z.string().trim().max(200, 'Keep the description to 200 characters.').optional().default(''),
    eventTypes,
  })
  .strict()

export const UpdateEndpointSchema = z
  .object({
    description: z.string().trim().max(200, 'Keep the description to 200 characters.').optional().default(''),
    eventTypes,
  })
  .strict()

export const DeliveryIdSchema = z.object({ deliveryId: z.coerce.number({ invalid_type_error: 'Choose a delivery.' }).int().positive('Choose a delivery.') }).strict()

export const EndpointIntent = z.enum(['update', 'rotate', 'disable', 'enable', 'delete', 'redeliver'])
