import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { StandingSections, type BenefitsRow, type StandingData } from '#app/features/programs/ui.tsx'

const benefits: BenefitsRow = {
  feeType: 'percent',
  feePercentBps: 1000,
  feeFixedAmount: null,
  feeCapAmount: null,
  discountBps: 2000,
  mdfAmount: 1_000_000,
  mdfCurrency: 'USD',
  mdfPeriod: 'quarter',
  placementBoost: 20,
  cosellPriority: 'high',
}
const tier = (rank: number, name: string) => ({ id: `t${rank}`, name, rank, benefits, allMet: true, requirements: [] })
const [silver, gold, platinum] = [tier(1, 'Silver'), tier(2, 'Gold'), tier(3, 'Platinum')]

const standing = (current: StandingData['current'], qualified: StandingData['qualified'], proposed: StandingData['proposed']): StandingData => ({
  standing: { evaluatedAt: '2026-12-08T00:00:00Z', graceUntil: null, proposalStatus: proposed ? 'pending' : 'none' },
  track: { name: 'Services' },
  tiers: [silver, gold, platinum],
  current,
  qualified,
  proposed,
  next: null,
  history: [],
})
const text = (data: StandingData, audience: 'partner' | 'vendor' = 'partner') => renderToStaticMarkup(<StandingSections data={data} audience={audience} />).replace(/<[^>]+>/g, ' ')

describe('program standing sections', () => {
  it('a partner holding Gold and qualifying for Platinum (the top tier) is not told the top tier is reached', () => {
    const shown = text(standing(gold, platinum, { tier: platinum }))
    expect(shown).not.toContain('The highest tier of this track is reached')
    expect(shown).toContain('Qualifies for the top tier, Platinum')
    expect(shown).toContain('Your organization meets every requirement of Platinum, the highest tier of Services, and holds Gold: the change waits for the vendor’s team to decide.')
    expect(text(standing(null, platinum, null), 'vendor')).toContain(
      'This partner meets every requirement of Platinum, the highest tier of Services, and holds no tier yet: the change is proposed at the next evaluation.',
    )
  })

  it('a partner holding the top tier is told so', () => {
    expect(text(standing(platinum, platinum, null))).toContain('The highest tier of this track is reached')
    expect(text(standing(platinum, gold, null))).toContain('The highest tier of this track is reached')
  })
})
