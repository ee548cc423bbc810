import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { formatProblem } from '#app/features/analytics/snapshot.ts'
import { healthFixture } from '#app/features/partnerships/testing/fixture.ts'

async function counts() {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*) from partnerships)::int as partnerships, (select count(*) from partnership_plans)::int as plans,
               (select count(*) from partnership_commitments)::int as commitments, (select count(*) from partnership_reviews)::int as reviews,
               (select count(*) from partnership_review_attendees)::int as attendees, (select count(*) from partnership_plan_signoffs)::int as signoffs,
               (select count(*) from organizations)::int as orgs`,
  )
  return row!
}

describe('importing partnership records', () => {
  it('refuses a document with bad partnership records whole, listing every problem by key and field', async () => {
    const before = await counts()
    const doc = healthFixture()
    const bad = {
      ...doc,
      partnerships: [
        ...doc.partnerships,
        { key: 'x-ps1', a: 'hv-vendor', b: 'nobody', stage: 'dating' },
        { key: 'x-ps2', a: 'hv-acme', b: 'hv-acme' },
        { key: 'x-ps3', a: 'hv-acme', b: 'hv-vendor' }, // the same pair as hv-ps1
        { key: 'hv-ps2', a: 'hv-bolt', b: 'hv-cora' },
      ],
      plans: [
        ...doc.plans,
        { key: 'x-p1', partnership: 'ghost', version: 1 },
        { key: 'x-p2', partnership: 'hv-ps1', version: 2 },
        { key: 'x-p3', partnership: 'hv-ps4', version: 2, signedAt: '2026-02-01T00:00:00Z', supersededAt: '2026-01-01T00:00:00Z', targets: [{ quarter: '2026-Q1', pipeline: -5 }, { quarter: 'Q1' }] },
        { key: 'x-p4', partnership: 'hv-ps4', version: 3, supersededAt: '2026-01-01T00:00:00Z' },
      ],
      commitments: [
        ...doc.commitments,
        { key: 'x-c1', plan: 'hv-p1b', owner: 'hv-bolt', title: 'Not a side', dueAt: '2026-01-01T00:00:00Z' },
        { key: 'x-c2', plan: 'nope', owner: 'hv-acme', title: 'Unknown plan', dueAt: '2026-01-01T00:00:00Z' },
        { key: 'x-c3', plan: 'hv-p1b', owner: 'hv-acme', title: 'Met without a time', dueAt: '2026-01-01T00:00:00Z', status: 'met' },
        { key: 'x-c4', plan: 'hv-p1b', owner: 'hv-acme', title: '', dueAt: 'tomorrow', status: 'done', metAt: '2026-01-01T00:00:00Z' },
        { key: 'hv-c1', plan: 'hv-p1b', owner: 'hv-acme', title: 'Duplicate key', dueAt: '2026-01-01T00:00:00Z' },
      ],
      reviews: [
        ...doc.reviews,
        { key: 'x-v1', partnership: 'hv-ps1', scheduledAt: '2026-01-01T00:00:00Z', heldAt: '2026-01-01T00:00:00Z', sponsorsPresent: ['hv-bolt', 'martians'] },
        { key: 'x-v2', partnership: 'hv-ps1', scheduledAt: '2026-01-01T00:00:00Z', sponsorsPresent: ['hv-acme'] },
        { key: 'x-v3', partnership: 'nowhere' },
      ],
    }
    const result = await importSnapshotFromCli(JSON.stringify(bad), { fileName: 'bad.json' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    const lines = result.problems.map(formatProblem)
    const expected = [
      'partnerships x-ps1 · b: refers to unknown organization "nobody"',
      'partnerships x-ps1 · stage: must be one of: identification, agreement_onboarding, active_collaboration, performance_review, relationship_development, concluded',
      'partnerships x-ps2 · b: must differ from "a" (a partnership joins two organizations)',
      'partnerships x-ps3 · a/b: hv-acme & hv-vendor appear in 2 partnerships (hv-ps1, x-ps3); two organizations have one partnership',
      'partnerships hv-ps2 · key: is used by 2 records; keys must be unique',
      'plans x-p1 · partnership: refers to unknown partnership "ghost"',
      'plans x-p2 · version: hv-ps1 v2 is used by 2 plans (hv-p1b, x-p2); versions must be unique per partnership',
      'plans x-p3 · targets.0.pipeline: must not be negative',
      'plans x-p3 · targets.1.quarter: must be a quarter such as 2026-Q1',
      'plans x-p3 · targets.1.pipeline: is required (minor units, e.g. cents)',
      'plans x-p4 · supersededAt: needs signedAt: only a signed version can be superseded',
      'commitments x-c1 · owner: "hv-bolt" is not a side of the plan\'s partnership (hv-vendor, hv-acme); a commitment is owned by one of its two organizations',
      'commitments x-c2 · plan: refers to unknown plan "nope"',
      'commitments x-c3 · metAt: is required when the status is met',
      'commitments x-c4 · title: must not be empty',
      'commitments x-c4 · status: must be one of: open, met, missed, waived',
      'commitments hv-c1 · key: is used by 2 records; keys must be unique',
      'reviews x-v1 · sponsorsPresent.0: "hv-bolt" is not a side of the partnership (hv-vendor, hv-acme)',
      'reviews x-v1 · sponsorsPresent.1: refers to unknown organization "martians"',
      'reviews x-v2 · sponsorsPresent: needs heldAt: sponsors are present only at a review that was held',
      'reviews x-v3 · partnership: refers to unknown partnership "nowhere"',
      'reviews x-v3 · scheduledAt: is required (ISO 8601 time)',
    ]
    for (const line of expected) expect(lines).toContain(line)
    expect(lines.some((l) => l.startsWith('commitments x-c4 · dueAt: "tomorrow" is not an ISO 8601 time'))).toBe(true)
    // x-p3's dates are out of order: its targets failed to parse, so the order is checked on a valid copy.
    const outOfOrder = await importSnapshotFromCli(
      JSON.stringify({ ...doc, plans: [...doc.plans, { key: 'x-p5', partnership: 'hv-ps4', version: 5, signedAt: '2026-02-01T00:00:00Z', supersededAt: '2026-01-01T00:00:00Z' }] }),
      {},
    )
    expect(outOfOrder.ok ? [] : outOfOrder.problems.map(formatProblem)).toEqual(['plans x-p5 · supersededAt: must be after signedAt'])
    expect(await counts()).toEqual(before)
  })

  it('writes partnerships, signed plans with both sign-offs, commitments and sponsor attendees; importing again changes nothing', async () => {
    const doc = healthFixture()
    const first = await importSnapshotFromCli(JSON.stringify(doc), { fileName: 'ps.json' })
    expect(first.ok).toBe(true)
    if (!first.ok) return
    expect(first.counts.partnerships).toEqual({ inserted: 4, updated: 0, unchanged: 0 })
    expect(first.counts.plans).toEqual({ inserted: 6, updated: 0, unchanged: 0 })
    expect(first.counts.commitments).toEqual({ inserted: doc.commitments.length, updated: 0, unchanged: 0 })
    expect(first.counts.reviews).toEqual({ inserted: doc.reviews.length, updated: 0, unchanged: 0 })
    const after = await counts()
    expect(after.attendees).toBe(doc.reviews.reduce((n, r) => n + (r.sponsorsPresent?.length ?? 0), 0))
    expect(after.signoffs).toBe(2 * doc.plans.filter((p) => p.signedAt).length)
    const plans = await queryRows<{ key: string; status: string }>(db, sql`select import_key as key, status from partnership_plans order by import_key`)
    expect(Object.fromEntries(plans.map((p) => [p.key, p.status]))).toEqual({
      'hv-p1a': 'superseded',
      'hv-p1b': 'active',
      'hv-p1c': 'draft',
      'hv-p2': 'active',
      'hv-p3': 'superseded',
      'hv-p4': 'active',
    })
    const [ps1] = await queryRows<{ a_kind: string; strategic: boolean; stage: string; changes: number }>(
      db,
      sql`select oa.kind as a_kind, p.strategic, p.stage, (select count(*)::int from partnership_stage_changes s where s.partnership_id = p.id) as changes
          from partnerships p join organizations oa on oa.id = p.org_a_id where p.import_key = 'hv-ps1'`,
    )
    expect(ps1).toEqual({ a_kind: 'vendor', strategic: true, stage: 'active_collaboration', changes: 1 })

    const again = await importSnapshotFromCli(JSON.stringify(doc), { fileName: 'ps.json' })
    expect(again.ok && again.counts.partnerships).toEqual({ inserted: 0, updated: 0, unchanged: 4 })
    expect(again.ok && again.counts.plans).toEqual({ inserted: 0, updated: 0, unchanged: 6 })
    expect(again.ok && again.counts.commitments).toEqual({ inserted: 0, updated: 0, unchanged: doc.commitments.length })
    expect(again.ok && again.counts.reviews).toEqual({ inserted: 0, updated: 0, unchanged: doc.reviews.length })
    expect(await counts()).toEqual(after)

    // A change is an update: a new stage (recorded in the history), a commitment met.
    doc.partnerships[0]!.stage = 'performance_review'
    doc.commitments[4]!.status = 'met'
    doc.commitments[4]!.metAt = '2026-03-19T00:00:00Z'
    const changed = await importSnapshotFromCli(JSON.stringify(doc), {})
    expect(changed.ok && changed.counts.partnerships).toEqual({ inserted: 0, updated: 1, unchanged: 3 })
    expect(changed.ok && changed.counts.commitments).toEqual({ inserted: 0, updated: 1, unchanged: doc.commitments.length - 1 })
    const [history] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from partnership_stage_changes s join partnerships p on p.id = s.partnership_id where p.import_key = 'hv-ps1'`)
    expect(history!.n).toBe(2)
  })
})
