import type { z } from 'zod'
import type { snapshotCoSellSchema, snapshotOpportunitySchema, snapshotOrgSchema, snapshotReferralSchema } from '#app/features/analytics/snapshot.ts'

/** A snapshot document as a file holds it: the importer's own schemas' input types, section by section. */
export type SnapshotDocument = {
  organizations: z.input<typeof snapshotOrgSchema>[]
  opportunities?: z.input<typeof snapshotOpportunitySchema>[]
  referrals?: z.input<typeof snapshotReferralSchema>[]
  coSell?: z.input<typeof snapshotCoSellSchema>[]
}

/**
 * The sample snapshot offered on the import page (GET /docs/samples/snapshot.json): typed by the
 * importer's schemas, so a field the importer drops or renames stops it compiling, and a test
 * imports it through the real importer.
 */
export const SAMPLE_SNAPSHOT: SnapshotDocument = {
  organizations: [
    { key: 'vendor', name: 'Your company (the vendor)', kind: 'vendor' },
    {
      key: 'acme-si',
      name: 'Acme SI',
      kind: 'partner',
      type: 'systems_integrator',
      tier: 'gold',
      status: 'active',
      approvedAt: '2025-11-02T00:00:00Z',
      regions: ['EMEA'],
      industries: ['healthcare', 'financial_services'],
      website: 'https://acme-si.example',
    },
    {
      key: 'bolt-isv',
      name: 'Bolt ISV',
      kind: 'partner',
      type: 'technology',
      tier: 'silver',
      status: 'active',
      approvedAt: '2025-12-01T00:00:00Z',
      regions: ['NA', 'EMEA'],
      industries: ['technology'],
    },
    { key: 'cirrus-msp', name: 'Cirrus MSP', kind: 'partner', type: 'msp', tier: 'registered', status: 'applicant', regions: ['APAC'] },
  ],
  opportunities: [
    {
      key: 'opp-1',
      title: 'Globex data platform',
      accountDomain: 'globex.example',
      accountName: 'Globex',
      amount: 4200000,
      stage: 'won',
      createdAt: '2026-02-01T00:00:00Z',
      closedAt: '2026-04-15T00:00:00Z',
      sourcedBy: 'acme-si',
    },
    { key: 'opp-2', accountDomain: 'initech.example', accountName: 'Initech', amount: 1850000, stage: 'open', createdAt: '2026-03-10T00:00:00Z', sourcedBy: null },
    { key: 'opp-3', accountDomain: 'umbrella.example', accountName: 'Umbrella', amount: 990000, stage: 'lost', createdAt: '2026-01-20T00:00:00Z', closedAt: '2026-05-02T00:00:00Z' },
  ],
  referrals: [
    {
      key: 'ref-1',
      from: 'acme-si',
      to: 'bolt-isv',
      accountDomain: 'globex.example',
      accountName: 'Globex',
      need: 'Connect their claims system to the platform.',
      estimatedValue: 500000,
      status: 'won',
      createdAt: '2026-02-03T00:00:00Z',
      closedAt: '2026-03-30T00:00:00Z',
      wonAmount: 450000,
      opportunity: 'opp-1',
    },
    {
      key: 'ref-2',
      from: 'bolt-isv',
      to: 'acme-si',
      accountDomain: 'initech.example',
      accountName: 'Initech',
      estimatedValue: 250000,
      status: 'accepted',
      createdAt: '2026-03-12T00:00:00Z',
      opportunity: 'opp-2',
    },
  ],
  coSell: [
    { opportunity: 'opp-1', org: 'bolt-isv', status: 'accepted', role: 'technology', joinedAt: '2026-02-10T00:00:00Z' },
    { opportunity: 'opp-2', org: 'acme-si', status: 'invited', role: 'implementation' },
  ],
}

export const sampleSnapshotJson = () => `${JSON.stringify(SAMPLE_SNAPSHOT, null, 2)}\n`
