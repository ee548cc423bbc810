import { describe, expect, it } from 'vitest'
import { cosellHref, CosellPrefillSchema, prefillFrom, referHref, ReferralPrefillSchema } from '#app/utils/start-links.ts'

const at = (href: string) => `http://localhost${href}`

describe('start links', () => {
  it('a referral link carries the partner, the customer and the need to the form that reads them', () => {
    const href = referHref({ to: 'bluepeak-cloud', accountName: 'Globex & Sons', accountDomain: 'globex.example', need: 'Interested in “Data lake”.' })
    expect(href.startsWith('/referrals/new?')).toBe(true)
    expect(prefillFrom(ReferralPrefillSchema, at(href))).toEqual({ to: 'bluepeak-cloud', accountName: 'Globex & Sons', accountDomain: 'globex.example', need: 'Interested in “Data lake”.' })
  })

  it('a co-sell link carries the partner to invite, the customer and a message', () => {
    const href = cosellHref({ invite: 'northwind-systems', accountName: 'Initech', accountDomain: 'initech.example', message: 'About your listing “X”.' })
    expect(prefillFrom(CosellPrefillSchema, at(href))).toEqual({ invite: 'northwind-systems', accountName: 'Initech', accountDomain: 'initech.example', message: 'About your listing “X”.' })
  })

  it('leaves out what it does not know, and a form drops what is too long instead of failing', () => {
    expect(referHref({ to: 'acme' })).toBe('/referrals/new?to=acme')
    expect(cosellHref({})).toBe('/cosell/new')
    expect(prefillFrom(ReferralPrefillSchema, at(`/referrals/new?to=acme&accountName=${'x'.repeat(201)}`))).toEqual({ to: 'acme', accountName: '', accountDomain: '', need: '' })
  })
})
