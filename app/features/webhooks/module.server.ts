import { defineModule } from '#app/core/module.ts'
import { fanOutWebhooks, kickWebhookSender, runWebhookSender, WEBHOOK_CONSUMER } from '#app/features/webhooks/delivery.server.ts'
import { webhookEvents } from '#app/features/webhooks/events.ts'
import { webhookNotifications } from '#app/features/webhooks/notifications.ts'

export const webhooksModule = defineModule({
  name: 'webhooks',
  summary: "Outbound webhooks: an organization's endpoints get the typed domain events it may see, signed per Standard Webhooks, in order, retried for 24 hours.",
  events: webhookEvents,
  notifications: webhookNotifications,
  // The consumer turns events into deliveries (and kicks the sender); the job sends what is due, on any node (endpoints are leased).
  consumers: [
    {
      name: WEBHOOK_CONSUMER,
      intervalMs: 200,
      handle: async (events, tx) => {
        if ((await fanOutWebhooks(events, tx)) > 0) kickWebhookSender()
      },
    },
  ],
  jobs: [{ name: 'webhook-delivery', everyMs: 1_000, run: () => runWebhookSender() }],
})
