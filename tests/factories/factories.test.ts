import { describe, expect, it } from 'vitest'
import { createPartner, createVendor } from '#tests/factories/index.ts'

describe('factories', () => {
  it('creates a vendor and a partner with actors', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    expect(vendor.admin.role).toBe('vendor_admin')
    expect(vendor.admin.orgKind).toBe('vendor')
    expect(partner.member.role).toBe('partner_member')
    expect(partner.admin.orgId).toBe(partner.org.id)
  })
})
