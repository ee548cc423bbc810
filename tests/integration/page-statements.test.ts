/**
 * How many SQL statements each signed-in page's loaders run (issue 20). Each page is loaded with a
 * little data, then with more rows of what it lists: the count must not grow with the rows (an
 * N+1 would), and must stay within the page's budget. Raise a budget only for a statement the page
 * really needs, and say why in the commit.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { countStatements } from '#db/query-stats.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { openCosell } from '#app/features/cosell/cosell.server.ts'
import { postMessage, findThread } from '#app/features/messaging/threads.server.ts'
import { submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { forgetPublicData } from '#app/features/page-cache/public-data.server.ts'
import { db } from '#db/client.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { referralInput } from '#tests/factories/referrals.ts'
import { loader as rootLoader } from '#app/root.tsx'
import { loader as homeLoader } from '#app/routes/_index.tsx'
import { loader as analyticsLoader } from '#app/routes/analytics._index.tsx'
import { loader as cosellLoader } from '#app/routes/cosell._index.tsx'
import { loader as marketplaceLoader } from '#app/routes/marketplace._index.tsx'
import { loader as partnerLoader } from '#app/routes/partners.$slug.tsx'
import { loader as referralLoader } from '#app/routes/referrals.$id.tsx'
import { loader as referralsLoader } from '#app/routes/referrals._index.tsx'

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>

/** Statements one loader runs for `path` as `actor` (the session check is counted in session.server.test.ts). */
async function statementsOf(loader: Loader, actor: Actor, path: string, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${path}`)
  const context = { actor, sessionId: 'test', requestId: 'test', ip: null }
  const { stats } = await countStatements(() => loader({ request, params, context } as unknown as LoaderFunctionArgs))
  return stats.statements
}

/** The most statements each loader may run. */
const BUDGET = {
  root: 1,
  home: 10,
  /** Computing the kept marketplace home; while the public content is unchanged it runs none. */
  marketplace: 6,
  /** Computing the kept partner page; while the public content is unchanged it runs none. */
  partner: 5,
  referrals: 4,
  referral: 11,
  cosell: 2,
  /** Computing the figures (the community's among them); while the data is unchanged it runs one (test below). */
  /** (19 → 21: the marketplace leads and their pipeline, issue 15, are two more figures.) */
  analytics: 21,
}

let vendor: Awaited<ReturnType<typeof createVendor>>
let nw: Awaited<ReturnType<typeof createPartner>>
let bp: Awaited<ReturnType<typeof createPartner>>
let referralId = ''

const referral = (toOrg: string, n: number) => referralInput(toOrg, { accountName: `Globex ${n}`, accountDomain: `globex-${n}.example.com` })

async function addRows(from: number, to: number) {
  for (let n = from; n < to; n++) {
    const r = await submitReferral(nw.admin, referral(bp.org.slug, n))
    referralId ||= r.id
    await openCosell(nw.admin, { accountName: `Contoso ${n}`, accountDomain: `contoso-${n}.example.com`, amount: '5,000', stage: 'qualified', invites: [{ partner: bp.org.slug, role: 'technology' }] })
  }
  const thread = await findThread(db, 'referral', referralId)
  if (thread) for (let n = from; n < to; n++) await postMessage(nw.admin, { threadId: thread.id, body: `Message ${n}` })
}

async function measure() {
  return {
    root: await statementsOf(rootLoader as Loader, nw.member, '/'),
    home: await statementsOf(homeLoader as Loader, nw.admin, '/'),
    marketplace: (forgetPublicData(), await statementsOf(marketplaceLoader as Loader, nw.member, '/marketplace')),
    partner: (forgetPublicData(), await statementsOf(partnerLoader as Loader, nw.member, `/partners/${bp.org.slug}`, { slug: bp.org.slug })),
    referrals: await statementsOf(referralsLoader as Loader, bp.admin, '/referrals'),
    referral: await statementsOf(referralLoader as Loader, bp.admin, `/referrals/${referralId}`, { id: referralId }),
    cosell: await statementsOf(cosellLoader as Loader, bp.admin, '/cosell'),
    analytics: await statementsOf(analyticsLoader as Loader, vendor.admin, '/analytics'),
  }
}

beforeAll(async () => {
  vendor = await createVendor()
  nw = await createPartner()
  bp = await createPartner()
  await addRows(0, 1)
})

describe('SQL statements per signed-in page', () => {
  it('stay within each page budget and do not grow with the rows a page lists', async () => {
    const few = await measure()
    await addRows(1, 6)
    const more = await measure()
    for (const page of Object.keys(BUDGET) as (keyof typeof BUDGET)[]) {
      expect.soft(more[page], `${page}: ${few[page]} statements with one row, ${more[page]} with six`).toBeLessThanOrEqual(few[page])
      expect.soft(more[page], `${page} budget`).toBeLessThanOrEqual(BUDGET[page])
    }
  })

  it('serves the marketplace home and a partner page from what is kept while the public content is unchanged', async () => {
    await statementsOf(marketplaceLoader as Loader, nw.member, '/marketplace')
    await statementsOf(partnerLoader as Loader, nw.member, `/partners/${bp.org.slug}`, { slug: bp.org.slug })
    expect(await statementsOf(marketplaceLoader as Loader, bp.member, '/marketplace')).toBe(0)
    expect(await statementsOf(partnerLoader as Loader, bp.member, `/partners/${bp.org.slug}`, { slug: bp.org.slug })).toBe(0)
  })

  it('runs no statement in the root loader on a GET: the unread count came with the session check', async () => {
    const request = new Request('http://localhost/')
    const context = { actor: nw.member, sessionId: 'test', requestId: 'test', ip: null, unreadNotifications: 3 }
    const { result, stats } = await countStatements(() => rootLoader({ request, params: {}, context } as unknown as LoaderFunctionArgs) as Promise<unknown>)
    expect(stats.statements).toBe(0)
    expect(JSON.stringify(result)).toContain('"unread":3')
  })

  it('reads the analytics figures once per data version: one statement while nothing changed', async () => {
    await statementsOf(analyticsLoader as Loader, vendor.admin, '/analytics')
    expect(await statementsOf(analyticsLoader as Loader, vendor.member, '/analytics')).toBe(1)
  })
})
