import { processBatch } from '#app/features/events/outbox.server.ts'
import { deliverNotifications, NOTIFICATION_CONSUMER } from '#app/features/notifications/delivery.server.ts'

/** Runs the notification consumer until the outbox holds nothing more for it (what the worker does after a commit). */
export async function deliverPendingNotifications() {
  while (((await processBatch(NOTIFICATION_CONSUMER, deliverNotifications)) ?? 0) > 0) {
    // keep going until it is caught up
  }
}
