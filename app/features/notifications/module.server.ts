import { wakeWorkers } from '#app/core/workers.server.ts'
import { defineModule } from '#app/core/module.ts'
import { deliverNotifications, NOTIFICATION_CONSUMER, runDailyDigest } from '#app/features/notifications/delivery.server.ts'
import { notificationEvents } from '#app/features/notifications/events.ts'

/** Whether the last batch recorded bell events (one consumer loop per process). */
let rang = false

export const notificationsModule = defineModule({
  name: 'notifications',
  summary: "The one notification path: every module's notification plans, delivered by preference to the bell, email now, or the daily digest.",
  events: notificationEvents,
  consumers: [
    {
      name: NOTIFICATION_CONSUMER,
      intervalMs: 200,
      async handle(events, tx) {
        rang = (await deliverNotifications(events, tx)) > 0
      },
      // The relay reads the bell events once they are committed: waking it from inside the
      // transaction (as before) woke every consumer for every batch, for nothing to read yet.
      afterCommit() {
        if (rang) wakeWorkers()
        rang = false
      },
    },
  ],
  jobs: [{ name: 'daily-digest', everyMs: 10 * 60_000, run: () => runDailyDigest() }],
})
