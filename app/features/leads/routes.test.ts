import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { createPartner } from '#tests/factories/index.ts'
import { getLead, submitLead } from '#app/features/leads/leads.server.ts'
import { action as leadsAction, loader as leadsLoader } from '#app/routes/manage.leads.tsx'
import { loader as referralLoader } from '#app/routes/referrals.new.tsx'
import { loader as registrationLoader } from '#app/routes/registrations.new.tsx'

/** The inbox's edges: zod on every form and query, nothing written on an error, other organizations' leads not found. */

type Partner = Awaited<ReturnType<typeof createPartner>>
let target: Partner
let rival: Partner
let leadId: string

const post = (actor: Partner['admin'], fields: Record<string, string>) => {
  const body = new URLSearchParams(fields)
  return leadsAction({
    request: new Request('http://localhost/manage/leads?status=new', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
    context: { actor } as never,
    params: {},
  })
}
const get = <T>(loader: (args: never) => Promise<T>, actor: Partner['admin'], url: string) => loader({ request: new Request(`http://localhost${url}`), context: { actor }, params: {} } as never)

async function thrown(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e: unknown) => e,
  )
}

beforeAll(async () => {
  target = await createPartner({ name: 'Route Target' })
  rival = await createPartner({ name: 'Route Rival' })
  await db.execute(sql`delete from rate_limits where key like 'lead:%'`)
  const sent = await submitLead(
    null,
    target.org.slug,
    { name: 'Kim Buyer', email: 'kim@route-buyer.example', company: 'Route Buyer', message: 'We need an implementation partner soon.' },
    { ip: '192.0.2.50' },
  )
  if (!sent.sent) throw new Error('expected a lead')
  leadId = sent.leadId
})

describe('the leads inbox routes', () => {
  it('discarding without a reason comes back with the error beside the field, and changes nothing', async () => {
    const reply = (await post(target.admin, { leadId, status: 'discarded', reason: '' })) as unknown as { init: { status: number }; data: { error: Record<string, string[]> } }
    expect(reply.init.status).toBe(400)
    expect(reply.data.error.reason?.[0]).toMatch(/Say why you discard this lead/)
    expect((await getLead(target.admin, leadId)).status).toBe('new')
  })

  it('a forged status or id is a 400; another organization’s lead is a 404; nothing changes', async () => {
    expect(((await thrown(post(target.admin, { leadId, status: 'converted' }))) as Response).status).toBe(400)
    expect(((await thrown(post(target.admin, { status: 'contacted' }))) as Response).status).toBe(400)
    expect(((await thrown(post(rival.admin, { leadId, status: 'contacted' }))) as Response).status).toBe(404)
    expect((await getLead(target.admin, leadId)).status).toBe('new')
  })

  it('marks it contacted and redirects back to the same filtered list', async () => {
    const response = (await post(target.member, { leadId, status: 'contacted' })) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/manage/leads?status=new')
    expect((await getLead(target.admin, leadId)).status).toBe('contacted')
  })

  it('a bad query falls back to all leads; another organization sees none of them', async () => {
    const mine = await get(leadsLoader, target.admin, '/manage/leads?status=nonsense&page=-3&listing=%3Cx%3E')
    expect(mine).toMatchObject({ status: 'all', listing: '', page: 1 })
    expect(mine.rows.map((r) => r.id)).toContain(leadId)
    expect((await get(leadsLoader, rival.admin, '/manage/leads')).rows).toEqual([])
  })

  it('conversion forms fill themselves from the actor’s own lead only', async () => {
    const own = (await get(referralLoader, target.admin, `/referrals/new?fromLead=${leadId}`)) as unknown as { data: { prefill: Record<string, unknown> } }
    expect(own.data.prefill).toMatchObject({ accountName: 'Route Buyer', accountDomain: 'route-buyer.example', contactName: 'Kim Buyer', fromLead: leadId })
    const theirs = (await get(referralLoader, rival.admin, `/referrals/new?fromLead=${leadId}`)) as unknown as { data: { prefill: Record<string, unknown> } }
    expect(theirs.data.prefill).toMatchObject({ accountName: '', contactName: '', fromLead: undefined })
    expect((await get(registrationLoader, target.admin, `/registrations/new?fromLead=${leadId}`)).lead).toMatchObject({ accountName: 'Route Buyer' })
    expect((await get(registrationLoader, rival.admin, `/registrations/new?fromLead=${leadId}`)).lead).toBeNull()
  })
})
