import { afterAll, beforeAll, beforeEach } from 'vitest'
import { db } from '#db/client.server.ts'
import { webhookEndpoints } from '#db/schema/index.ts'
import { createPartner } from '#tests/factories/index.ts'
import { queuePendingWebhooks, startReceiver, type Receiver } from '#app/features/webhooks/testing.server.ts'

// Apart from testing.server.ts, which the benches import outside vitest.
type Partner = Awaited<ReturnType<typeof createPartner>>

/**
 * The set-up every webhook test file shares, registered as vitest hooks: the partners named in
 * `names` (key -> organization name) and a receiver, created once for the file; before each test
 * no endpoints, a caught-up outbox and a receiver that is up. Read the partners and the receiver
 * from the returned object inside tests (they exist once `beforeAll` has run).
 */
export function webhookTestbed<K extends string>(names: Record<K, string>) {
  const bed = { receiver: undefined as unknown as Receiver } as { receiver: Receiver } & Record<K, Partner>
  beforeAll(async () => {
    for (const [key, name] of Object.entries(names) as [K, string][]) (bed as Record<K, Partner>)[key] = await createPartner({ name })
    bed.receiver = await startReceiver()
  })
  afterAll(async () => {
    await bed.receiver.close()
  })
  beforeEach(async () => {
    await db.delete(webhookEndpoints)
    await queuePendingWebhooks()
    bed.receiver.up()
  })
  return bed
}
