import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { referrals } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { postToAction } from '#tests/support/route.ts'

type P = Awaited<ReturnType<typeof createPartner>>

/** /referrals/new: both steps of the form (check, then send) answer through Conform; nothing is written on a refusal. */
describe('/referrals/new action', () => {
  let sender: P
  let receiver: P
  const domain = `newpage-${Math.random().toString(36).slice(2, 8)}.example.com`
  beforeAll(async () => {
    await createVendor()
    sender = await createPartner()
    receiver = await createPartner()
  })
  const post = async (values: Record<string, string | string[]>) => {
    const { action } = await import('#app/routes/referrals.new.tsx')
    return postToAction(action, '/referrals/new?index', sender.admin, values)
  }
  const good = () => ({
    toOrg: receiver.org.slug,
    accountName: 'Newpage Inc',
    accountDomain: domain,
    need: 'Needs a CRM migration before Q3.',
    estimatedValue: '50,000',
    feeType: 'percent',
    feePercent: '10',
  })
  const sent = () => db.select().from(referrals).where(eq(referrals.accountDomain, domain))

  it('bad input comes back beside its fields, as typed; nothing is written', async () => {
    const bad = await post({ ...good(), intent: 'submit', accountName: '', need: 'short', estimatedValue: '-3', feePercent: '' })
    expect(bad.init?.status).toBe(400)
    expect(bad.data?.error?.accountName?.[0]).toMatch(/company name/)
    expect(bad.data?.error?.need?.[0]).toMatch(/at least 10 characters/)
    expect(bad.data?.error?.estimatedValue?.[0]).toMatch(/cannot be negative/)
    expect(bad.data?.error?.feePercent?.[0]).toMatch(/percentage/)
    expect(bad.data?.initialValue?.need).toBe('short')
    const unknownPartner = await post({ ...good(), toOrg: 'no-such-partner' })
    expect(unknownPartner.init?.status).toBe(400)
    expect(unknownPartner.data?.error?.toOrg?.[0] ?? unknownPartner.data?.error?.['']?.[0]).toBeTruthy()
    expect(await sent()).toHaveLength(0)
  })

  it('check, change something, then send', async () => {
    const preview = (await post({ ...good(), intent: 'preview' })) as { data?: { step?: string; values?: Record<string, string>; domain?: string } }
    expect(preview.data?.step).toBe('confirm')
    expect(preview.data?.domain).toBe(domain)
    expect(preview.data?.values?.estimatedValue).toBe('50,000')
    expect(await sent()).toHaveLength(0)

    // "Change something": the form again, filled in as it was.
    const back = (await post({ ...preview.data!.values!, intent: 'edit' })) as { initialValue?: Record<string, unknown>; error?: unknown }
    expect(back.initialValue?.accountName).toBe('Newpage Inc')
    expect(back.initialValue?.estimatedValue).toBe('50,000')

    const done = await post({ ...preview.data!.values!, intent: 'submit' })
    expect(done.status).toBe(302)
    const [row] = await sent()
    expect(row?.estimatedValue).toBe(5_000_000)
    expect(done.headers?.get('Location')).toBe(`/referrals/${row!.id}`)
  })
})
