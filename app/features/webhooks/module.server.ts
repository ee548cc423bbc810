import { defineModule } from '#app/core/module.ts'
import { fanOutWebhooks, kickWebhookSender, WEBHOOK_CONSUMER, webhookDeliveryJob } from '#app/features/webhooks/delivery.server.ts'
import { webhookEvents } from '#app/features/webhooks/events.ts'
import { webhookNotifications } from '#app/features/webhooks/notifications.ts'

export const webhooksModule = defineModule({
  name: 'webhooks',
  summary: "Outbound webhooks: an organization's endpoints get the typed domain events it may see, signed per Standard Webhooks, in order, retried for 24 hours.",
  events: webhookEvents,
  notifications: webhookNotifications,
  // The consumer turns events into deliveries and, once its batch has committed, starts the sender;
  // the job is the backstop for retries that come due. One sender per process; endpoints are leased across nodes.
  consumers: [{ name: WEBHOOK_CONSUMER, intervalMs: 200, handle: (events, tx) => fanOutWebhooks(events, tx).then(() => undefined), afterCommit: () => kickWebhookSender() }],
  jobs: [{ name: 'webhook-delivery', everyMs: 1_000, run: () => webhookDeliveryJob() }],
})
