import { describe, expect, it } from 'vitest'
import { canEditSettings, canManageAccounts, canWorkTickets, hasRole } from '@/lib/auth/policy'
import type { Role } from '@/lib/auth/viewer'

const viewer = (role: Role) => ({ role })

describe('auth policies', () => {
  it.each([
    ['ADMIN', true, true, true],
    ['AGENT', false, false, true],
  ] as const)('%s: accounts=%s settings=%s tickets=%s', (role, accounts, settings, tickets) => {
    expect(canManageAccounts(viewer(role))).toBe(accounts)
    expect(canEditSettings(viewer(role))).toBe(settings)
    expect(canWorkTickets(viewer(role))).toBe(tickets)
  })

  it('ADMIN satisfies an AGENT requirement, not the other way round', () => {
    expect(hasRole(viewer('ADMIN'), 'AGENT')).toBe(true)
    expect(hasRole(viewer('ADMIN'), 'ADMIN')).toBe(true)
    expect(hasRole(viewer('AGENT'), 'AGENT')).toBe(true)
    expect(hasRole(viewer('AGENT'), 'ADMIN')).toBe(false)
  })

  it('an unknown role string grants nothing', () => {
    const odd = { role: 'ROOT' as Role }
    expect(canManageAccounts(odd)).toBe(false)
    expect(hasRole(odd, 'AGENT')).toBe(false)
  })
})
