import { describe, expect, it } from 'vitest'
import { classifySendFailure, nextAttemptAt, RETRY_FOR_MS } from '@/lib/mail/failures'

describe('classifySendFailure', () => {
  it.each([
    [{ responseCode: 421, response: '421 Try again later', code: 'EMESSAGE' }, false],
    [{ responseCode: 451, response: '451 Greylisted' }, false],
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25' }, false],
    [{ code: 'ETIMEDOUT', message: 'Connection timeout' }, false],
    [{ responseCode: 535, code: 'EAUTH', response: '535 Authentication failed' }, false],
    [{ responseCode: 550, response: '550 5.1.1 User unknown' }, true],
    [{ responseCode: 554, response: '554 Rejected' }, true],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, true],
  ])('%j → permanent: %s', (error, permanent) => {
    const failure = classifySendFailure(error)
    expect(failure.permanent).toBe(permanent)
    expect(failure.reason).toMatch(permanent ? /^(Refus définitif|Adresse refusée)/ : /^Échec temporaire/)
  })
})

describe('nextAttemptAt', () => {
  const created = new Date('2026-12-01T08:00:00Z')
  it('backs off from 10 s, doubling, at most an hour apart', () => {
    expect(nextAttemptAt(created, 1, created)!.getTime() - created.getTime()).toBe(10_000)
    expect(nextAttemptAt(created, 2, created)!.getTime() - created.getTime()).toBe(20_000)
    expect(nextAttemptAt(created, 30, created)!.getTime() - created.getTime()).toBe(60 * 60 * 1000)
  })
  it('gives up once the next try would fall after 24 hours', () => {
    const late = new Date(created.getTime() + RETRY_FOR_MS - 5_000)
    expect(nextAttemptAt(created, 1, late)).toBeNull()
  })
})
