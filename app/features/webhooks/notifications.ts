import type { NotificationPlans } from '#app/core/module.ts'

/** An endpoint the delivery job gave up on is told to its organization's admins. */
export const webhookNotifications: NotificationPlans = {
  'webhook.endpoint_disabled': (e) =>
    e.payload.automatic
      ? {
          kind: 'webhook',
          to: { admins: [e.orgId!] },
          title: `A webhook endpoint was disabled: ${e.payload.url}`,
          body: e.payload.reason,
          link: `/settings/webhooks/${e.payload.endpointId}`,
        }
      : null,
}
