import { defineModule } from '#app/core/module.ts'
import { deliverPendingMail } from '#app/features/mail/mail.server.ts'

export const mailModule = defineModule({
  name: 'mail',
  summary: 'Outgoing email: queued in the transaction that causes it, sent (or logged in the demo) by a job.',
  jobs: [{ name: 'mail-delivery', everyMs: 2000, run: () => deliverPendingMail(), inTests: true }],
})
