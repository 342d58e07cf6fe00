import { describe, expect, it } from 'vitest'
import { fail, failureCodes, messageFor, ok, statusFor, type FailureCode } from '@/lib/result'

describe('result', () => {
  it.each([
    ['VALIDATION', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['RATE_LIMITED', 429],
  ] as [FailureCode, number][])('maps %s to HTTP %i', (code, status) => {
    expect(statusFor(code)).toBe(status)
  })

  it('gives every code a French message', () => {
    for (const code of Object.keys(failureCodes) as FailureCode[]) expect(messageFor(code).length).toBeGreaterThan(5)
  })

  it('builds values and failures', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 })
    expect(fail('NOT_FOUND')).toEqual({ ok: false, code: 'NOT_FOUND' })
  })
})
