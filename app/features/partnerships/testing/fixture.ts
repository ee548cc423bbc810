import type { RawPartnershipSnapshot } from '#app/features/partnerships/testing/reference.ts'

/**
 * A snapshot whose partnership records exercise every edge of "Partnership health": commitments
 * met on time, late, waived, missed, open past due, outside the window and in an unsigned draft;
 * overlapping signed versions; opportunities on quarter boundaries, touched after their close,
 * sourced by one side and touched by the other; a partnership of two partners; no active
 * version; a zero and a missing target; drifting and in-name-only both ways. Only for tests.
 */
export const HEALTH_TIMES = ['2026-04-10T00:00:00.000Z', '2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z', '2026-01-20T12:00:00.000Z'] as const

export function healthFixture(): RawPartnershipSnapshot {
  const vendor = 'hv-vendor'
  return {
    organizations: [
      { key: vendor, name: 'Health Vendor', kind: 'vendor', status: 'active' },
      { key: 'hv-acme', name: 'HV Acme', kind: 'partner', type: 'systems_integrator', status: 'active', approvedAt: '2024-01-01T00:00:00Z' },
      { key: 'hv-bolt', name: 'HV Bolt', kind: 'partner', type: 'technology', status: 'active', approvedAt: '2024-01-01T00:00:00Z' },
      { key: 'hv-cora', name: 'HV Cora', kind: 'partner', type: 'reseller', status: 'active', approvedAt: '2024-01-01T00:00:00Z' },
      { key: 'hv-dyn', name: 'HV Dyn', kind: 'partner', type: 'msp', status: 'active', approvedAt: '2024-01-01T00:00:00Z' },
    ],
    opportunities: [
      { key: 'hv-o1', amount: 100_000, stage: 'open', createdAt: '2026-02-01T00:00:00Z', sourcedBy: 'hv-acme' },
      { key: 'hv-o2', amount: 20_000, stage: 'open', createdAt: '2026-03-01T00:00:00Z' },
      { key: 'hv-o3', amount: 3_000, stage: 'open', createdAt: '2026-03-31T23:59:59Z', sourcedBy: 'hv-acme' },
      { key: 'hv-o4', amount: 400_000, stage: 'open', createdAt: '2026-04-01T00:00:00Z', sourcedBy: 'hv-acme' },
      { key: 'hv-o5', amount: 5_000_000, stage: 'lost', createdAt: '2026-01-05T00:00:00Z', closedAt: '2026-03-01T00:00:00Z' },
      { key: 'hv-o6', amount: 60_000, stage: 'open', createdAt: '2026-01-10T00:00:00Z' },
      { key: 'hv-o7', amount: 70_000, stage: 'won', createdAt: '2026-05-02T00:00:00Z', closedAt: '2026-06-20T00:00:00Z' },
      { key: 'hv-o8', amount: 8_000, stage: 'open', createdAt: '2026-04-15T00:00:00Z', sourcedBy: 'hv-bolt' },
      { key: 'hv-o9', amount: 9_000, stage: 'open', createdAt: '2025-11-01T00:00:00Z', sourcedBy: 'hv-cora' },
      { key: 'hv-o10', amount: 900, stage: 'open', createdAt: '2026-02-02T00:00:00Z', sourcedBy: 'hv-dyn' },
    ],
    referrals: [
      // acme → vendor on o1: both touch (vendor touches the opportunity acme sourced).
      { key: 'hv-r1', from: 'hv-acme', to: vendor, status: 'accepted', createdAt: '2026-02-05T00:00:00Z', opportunity: 'hv-o1' },
      // acme → bolt on o7: both touch at the referral's time.
      { key: 'hv-r2', from: 'hv-acme', to: 'hv-bolt', status: 'in_progress', createdAt: '2026-05-20T00:00:00Z', opportunity: 'hv-o7' },
      // Submitted: not a touch, but a referral between the two partners (activity).
      { key: 'hv-r3', from: 'hv-bolt', to: 'hv-acme', status: 'submitted', createdAt: '2025-10-03T00:00:00Z', opportunity: 'hv-o6' },
      { key: 'hv-r4', from: 'hv-bolt', to: 'hv-acme', status: 'declined', createdAt: '2025-11-03T00:00:00Z' },
      { key: 'hv-r5', from: 'hv-acme', to: 'hv-bolt', status: 'accepted', createdAt: '2025-12-03T00:00:00Z' },
      { key: 'hv-r6', from: 'hv-acme', to: 'hv-bolt', status: 'won', createdAt: '2025-12-13T00:00:00Z', closedAt: '2026-01-10T00:00:00Z', wonAmount: 1000 },
      { key: 'hv-r7', from: 'hv-bolt', to: 'hv-acme', status: 'accepted', createdAt: '2025-07-03T00:00:00Z' },
      { key: 'hv-r8', from: vendor, to: 'hv-cora', status: 'accepted', createdAt: '2025-10-20T00:00:00Z', opportunity: 'hv-o9' },
      { key: 'hv-r9', from: vendor, to: 'hv-cora', status: 'submitted', createdAt: '2025-08-20T00:00:00Z' },
    ],
    coSell: [
      { opportunity: 'hv-o2', org: 'hv-acme', status: 'accepted', joinedAt: '2026-03-10T00:00:00Z' },
      // After the close: no touch.
      { opportunity: 'hv-o5', org: 'hv-acme', status: 'accepted', joinedAt: '2026-03-05T00:00:00Z' },
      { opportunity: 'hv-o6', org: 'hv-acme', status: 'accepted', joinedAt: '2026-01-20T00:00:00Z' },
      { opportunity: 'hv-o6', org: 'hv-bolt', status: 'accepted', joinedAt: '2025-12-10T00:00:00Z' },
      { opportunity: 'hv-o7', org: 'hv-acme', status: 'accepted', joinedAt: '2026-05-10T00:00:00Z' },
      { opportunity: 'hv-o8', org: 'hv-acme', status: 'accepted', joinedAt: '2026-04-20T00:00:00Z' },
      { opportunity: 'hv-o8', org: 'hv-cora', status: 'invited', joinedAt: null },
      { opportunity: 'hv-o10', org: vendor, status: 'accepted', joinedAt: '2026-02-10T00:00:00Z' },
    ],
    partnerships: [
      { key: 'hv-ps1', a: vendor, b: 'hv-acme', strategic: true, designatedAt: '2025-06-01T00:00:00Z', stage: 'active_collaboration' },
      { key: 'hv-ps2', a: 'hv-acme', b: 'hv-bolt', strategic: false, stage: 'active_collaboration' },
      { key: 'hv-ps3', a: vendor, b: 'hv-cora', strategic: true, designatedAt: '2025-01-01T00:00:00Z', stage: 'performance_review' },
      { key: 'hv-ps4', a: vendor, b: 'hv-dyn', strategic: true, designatedAt: '2026-05-01T00:00:00Z', stage: 'agreement_onboarding' },
    ],
    plans: [
      { key: 'hv-p1a', partnership: 'hv-ps1', version: 1, signedAt: '2025-07-01T00:00:00Z', supersededAt: '2026-06-01T00:00:00Z', targets: [{ quarter: '2026-Q1', pipeline: 1_000_000 }] },
      // Overlaps v1 from 2026-01-15; the latest signed wins.
      {
        key: 'hv-p1b',
        partnership: 'hv-ps1',
        version: 2,
        signedAt: '2026-01-15T00:00:00Z',
        supersededAt: null,
        targets: [
          { quarter: '2025-Q4', pipeline: 50_000 },
          { quarter: '2026-Q1', pipeline: 200_000 },
          { quarter: '2026-Q2', pipeline: 800_000 },
        ],
      },
      { key: 'hv-p1c', partnership: 'hv-ps1', version: 3, signedAt: null, targets: [{ quarter: '2026-Q1', pipeline: 1 }] },
      {
        key: 'hv-p2',
        partnership: 'hv-ps2',
        version: 1,
        signedAt: '2025-09-01T00:00:00Z',
        targets: [
          { quarter: '2026-Q1', pipeline: 0 },
          { quarter: '2026-Q2', pipeline: 140_000 },
        ],
      },
      { key: 'hv-p3', partnership: 'hv-ps3', version: 1, signedAt: '2025-03-01T00:00:00Z', supersededAt: '2025-12-01T00:00:00Z', targets: [{ quarter: '2025-Q4', pipeline: 9_000 }] },
      { key: 'hv-p4', partnership: 'hv-ps4', version: 1, signedAt: '2026-01-01T00:00:00Z', targets: [] },
    ],
    commitments: [
      // Vendor side of ps1.
      { key: 'hv-c1', plan: 'hv-p1a', owner: vendor, title: 'Met on time', dueAt: '2025-12-31T00:00:00Z', status: 'met', metAt: '2025-12-20T00:00:00Z' },
      { key: 'hv-c2', plan: 'hv-p1b', owner: vendor, title: 'Met late', dueAt: '2026-02-01T00:00:00Z', status: 'met', metAt: '2026-02-03T00:00:00Z' },
      { key: 'hv-c3', plan: 'hv-p1b', owner: vendor, title: 'Waived', dueAt: '2026-02-15T00:00:00Z', status: 'waived' },
      { key: 'hv-c4', plan: 'hv-p1b', owner: vendor, title: 'Missed', dueAt: '2026-03-01T00:00:00Z', status: 'missed' },
      { key: 'hv-c5', plan: 'hv-p1b', owner: vendor, title: 'Open past due', dueAt: '2026-03-20T00:00:00Z', status: 'open' },
      { key: 'hv-c6', plan: 'hv-p1b', owner: vendor, title: 'Due later', dueAt: '2026-06-30T00:00:00Z', status: 'met', metAt: '2026-06-10T00:00:00Z' },
      { key: 'hv-c7', plan: 'hv-p1a', owner: vendor, title: 'Due before the window', dueAt: '2025-03-01T00:00:00Z', status: 'missed' },
      { key: 'hv-c8', plan: 'hv-p1c', owner: vendor, title: 'In a draft', dueAt: '2026-03-01T00:00:00Z', status: 'missed' },
      { key: 'hv-c9', plan: 'hv-p1b', owner: vendor, title: 'Met exactly at due', dueAt: '2026-04-01T00:00:00Z', status: 'met', metAt: '2026-04-01T00:00:00Z' },
      // Acme's side of ps1.
      { key: 'hv-c10', plan: 'hv-p1a', owner: 'hv-acme', title: 'Certify', dueAt: '2025-10-01T00:00:00Z', status: 'met', metAt: '2025-09-01T00:00:00Z' },
      { key: 'hv-c11', plan: 'hv-p1b', owner: 'hv-acme', title: 'Event', dueAt: '2026-03-01T00:00:00Z', status: 'met', metAt: '2026-02-27T00:00:00Z' },
      { key: 'hv-c12', plan: 'hv-p1b', owner: 'hv-acme', title: 'Content', dueAt: '2026-03-15T00:00:00Z', status: 'met', metAt: '2026-03-16T00:00:00Z' },
      // ps2 (two partners).
      { key: 'hv-c13', plan: 'hv-p2', owner: 'hv-acme', title: 'Joint webinar', dueAt: '2025-11-01T00:00:00Z', status: 'met', metAt: '2025-10-30T00:00:00Z' },
      { key: 'hv-c14', plan: 'hv-p2', owner: 'hv-bolt', title: 'Connector', dueAt: '2025-12-01T00:00:00Z', status: 'missed' },
      { key: 'hv-c15', plan: 'hv-p2', owner: 'hv-bolt', title: 'Waived only', dueAt: '2026-02-01T00:00:00Z', status: 'waived' },
      // ps3: only the vendor has commitments, so B is null.
      { key: 'hv-c16', plan: 'hv-p3', owner: vendor, title: 'MDF', dueAt: '2025-09-01T00:00:00Z', status: 'met', metAt: '2025-08-01T00:00:00Z' },
    ],
    reviews: [
      { key: 'hv-v1', partnership: 'hv-ps1', scheduledAt: '2025-07-15T00:00:00Z', heldAt: '2025-07-15T00:00:00Z', sponsorsPresent: [vendor, 'hv-acme'] },
      { key: 'hv-v2', partnership: 'hv-ps1', scheduledAt: '2025-10-15T00:00:00Z', heldAt: '2025-10-16T00:00:00Z', sponsorsPresent: [vendor] },
      { key: 'hv-v3', partnership: 'hv-ps1', scheduledAt: '2026-01-15T00:00:00Z', heldAt: null },
      { key: 'hv-v4', partnership: 'hv-ps1', scheduledAt: '2025-03-15T00:00:00Z', heldAt: '2025-03-20T00:00:00Z', sponsorsPresent: [vendor, 'hv-acme'] },
      { key: 'hv-v5', partnership: 'hv-ps1', scheduledAt: '2026-03-30T00:00:00Z', heldAt: '2026-03-31T00:00:00Z', sponsorsPresent: ['hv-acme', vendor] },
      { key: 'hv-v6', partnership: 'hv-ps2', scheduledAt: '2025-11-20T00:00:00Z', heldAt: '2025-11-20T00:00:00Z', sponsorsPresent: ['hv-acme', 'hv-bolt'] },
      { key: 'hv-v7', partnership: 'hv-ps3', scheduledAt: '2025-06-01T00:00:00Z', heldAt: '2025-06-01T00:00:00Z', sponsorsPresent: [vendor, 'hv-cora'] },
      { key: 'hv-v8', partnership: 'hv-ps3', scheduledAt: '2026-03-01T00:00:00Z', heldAt: '2026-03-02T00:00:00Z', sponsorsPresent: [vendor, 'hv-cora'] },
    ],
  }
}
