import { describe, expect, it } from 'vitest'
import { loginPath, safeCallbackUrl } from '@/lib/auth/callback-url'

describe('safeCallbackUrl', () => {
  it.each([
    ['/admin/comptes', '/admin/comptes'],
    ['/admin/tickets/RL-1234?onglet=historique#notes', '/admin/tickets/RL-1234?onglet=historique#notes'],
    ['/', '/'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected)
  })

  it.each([
    'https://evil.example/admin',
    '//evil.example/admin',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'admin',
    '',
    '/admin\n/x',
    '/login?callbackUrl=/admin',
    '/api/auth/signout',
    undefined,
    42,
    ['/admin'],
    '/' + 'a'.repeat(3000),
  ])('falls back to the dashboard for %j', (input) => {
    expect(safeCallbackUrl(input)).toBe('/admin/tableau-de-bord')
  })

  it('builds the login path with an encoded, validated callback', () => {
    expect(loginPath('/admin/comptes?x=1&y=2')).toBe('/login?callbackUrl=%2Fadmin%2Fcomptes%3Fx%3D1%26y%3D2')
    expect(loginPath('https://evil.example')).toBe('/login?callbackUrl=%2Fadmin%2Ftableau-de-bord')
  })
})
