import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderModules, withModules } from '../scripts/lib/modules-doc.ts'
import { defineModule } from '#app/core/module.ts'
import { EVENTS } from '#app/features/events/catalog.ts'
import { checkModules, MODULES, notificationPlan, registry } from '#app/modules.server.ts'

describe('the module list', () => {
  it('is consistent: every catalogued event is declared by exactly one module, plans only for its own events', () => {
    expect(() => checkModules(MODULES)).not.toThrow()
    const declared = MODULES.flatMap((m) => Object.keys(m.events ?? {})).sort()
    expect(declared).toEqual(Object.keys(EVENTS).sort())
  })

  it('refuses a list with a duplicate event, an undeclared planned event or a missing one', () => {
    const extra = defineModule({ name: 'extra', summary: 'x', events: { 'listing.created': EVENTS['listing.created'] } })
    expect(() => checkModules([...MODULES, extra])).toThrow(/"listing.created" is declared by both listings and extra/)
    const planner = defineModule({ name: 'planner', summary: 'x', notifications: { 'fee.paid': () => null } })
    expect(() => checkModules([...MODULES, planner])).toThrow(/module planner plans notifications for "fee.paid", an event it does not declare/)
    expect(() => checkModules(MODULES.filter((m) => m.name !== 'cosell'))).toThrow(/event "cosell.opened" is in the catalog but no module declares it/)
  })

  it('finds the plan for an event in the module that declares it', () => {
    const plan = notificationPlan({
      id: 1,
      txid: 1,
      type: 'fee.confirmed',
      orgId: 'o1',
      actorId: 'u1',
      subjectType: 'referral',
      subjectId: 'r1',
      payload: { feeId: 'f1', amount: '10', fromOrgId: 'payee', toOrgId: 'payer' },
      audience: {},
      createdAt: new Date(),
    })
    expect(plan).toEqual({ kind: 'fee_updated', to: { members: ['payer'] }, title: 'Your referral fee payment was confirmed', link: '/referrals/ledger' })
    expect(registry().modules).toBe(MODULES)
  })

  it('is what the README shows (regenerate with npm run docs:modules)', () => {
    const readme = fs.readFileSync('README.md', 'utf8')
    expect(withModules(readme, renderModules(MODULES))).toBe(readme)
  })
})
