import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { webhookDeliveries, webhookEndpoints } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, redeliver, rotateSecret, setEndpointEnabled, updateEndpoint } from '#app/features/webhooks/endpoints.server.ts'
import { refusal } from '#tests/support/refusal.ts'

/** Webhook endpoints belong to one organization and only its admins see or change them. */

type Partner = Awaited<ReturnType<typeof createPartner>>
let owner: Partner
let rival: Partner
let vendor: Awaited<ReturnType<typeof createVendor>>
let endpointId: string
let deliveryId: number

beforeAll(async () => {
  vendor = await createVendor()
  owner = await createPartner({ name: 'Hook Owner' })
  rival = await createPartner({ name: 'Hook Other' })
  const { endpoint } = await createEndpoint(owner.admin, { url: 'http://127.0.0.1:9/owner', eventTypes: ['referral.submitted'] })
  endpointId = endpoint.id
  const [d] = await db
    .insert(webhookDeliveries)
    .values({ endpointId, orgId: owner.org.id, eventId: 1, eventType: 'referral.submitted', messageId: `msg_1_${endpointId}`, payload: { type: 'referral.submitted' }, eventCreatedAt: new Date() })
    .returning()
  deliveryId = d!.id
})

describe('webhook endpoints (tenancy)', () => {
  it('another organization, even its admin or the vendor, gets 404 on every read and write of the endpoint', async () => {
    for (const stranger of [rival.admin, vendor.admin]) {
      const attempts: Promise<unknown>[] = [
        getEndpoint(stranger, endpointId),
        getEndpoint(stranger, endpointId, { deliveryId }),
        updateEndpoint(stranger, endpointId, { eventTypes: ['referral.won'] }),
        rotateSecret(stranger, endpointId),
        setEndpointEnabled(stranger, endpointId, false),
        setEndpointEnabled(stranger, endpointId, true),
        redeliver(stranger, endpointId, { deliveryId }),
        deleteEndpoint(stranger, endpointId),
      ]
      // Every refusal is handled as soon as the call starts (a rejection left waiting is an unhandled one).
      for (const error of await Promise.all(attempts.map(refusal))) expect(error.code).toBe('not_found')
      expect((await listEndpoints(stranger)).map((e) => e.id)).not.toContain(endpointId)
    }
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId))
    expect(row).toMatchObject({ eventTypes: ['referral.submitted'], disabledAt: null, previousSecret: null })
  })

  it("a member who is not an admin gets 403 on every read and write, even of their own organization's endpoint", async () => {
    const attempts: Promise<unknown>[] = [
      listEndpoints(owner.member),
      createEndpoint(owner.member, { url: 'http://127.0.0.1:9/member', eventTypes: ['referral.submitted'] }),
      getEndpoint(owner.member, endpointId),
      updateEndpoint(owner.member, endpointId, { eventTypes: ['referral.won'] }),
      rotateSecret(owner.member, endpointId),
      setEndpointEnabled(owner.member, endpointId, false),
      redeliver(owner.member, endpointId, { deliveryId }),
      deleteEndpoint(owner.member, endpointId),
    ]
    for (const error of await Promise.all(attempts.map(refusal))) expect(error.code).toBe('forbidden')
  })

  it('a delivery of another endpoint is not found through this one', async () => {
    const { endpoint } = await createEndpoint(rival.admin, { url: 'http://127.0.0.1:9/rival', eventTypes: ['referral.submitted'] })
    expect((await refusal(getEndpoint(rival.admin, endpoint.id, { deliveryId }))).code).toBe('not_found')
    expect((await refusal(redeliver(rival.admin, endpoint.id, { deliveryId }))).code).toBe('not_found')
  })

  it('its own admin reads it, without the secret', async () => {
    const { endpoint, deliveries } = await getEndpoint(owner.admin, endpointId)
    expect(endpoint).not.toHaveProperty('secret')
    expect(endpoint).not.toHaveProperty('previousSecret')
    expect(deliveries.map((d) => d.id)).toEqual([deliveryId])
    expect((await listEndpoints(owner.admin))[0]).not.toHaveProperty('secret')
  })
})
