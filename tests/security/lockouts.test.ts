import { describe, expect, it } from 'vitest'
import { createAccountFromCommandLine } from '@/lib/accounts/mutations'
import { authorizeCredentials } from '@/lib/auth/credentials'
import { parseLockedError } from '@/lib/auth/schemas'
import { createSignInLimiter } from '@/lib/auth/sign-in-limiter'
import { limitReportSubmission, normaliseIdentity } from '@/lib/security/rate-limits'

// Issue 11, finding 5: someone else's wrong passwords on a school's shared address slow the owner
// down for seconds, never lock them out for a quarter of an hour; and the per-person report limit
// counts look-alike spellings of a name or login as the same person.

const PASSWORD = 'le bon mot de passe'
const SCHOOL = '198.51.100.40'

async function account() {
  const result = await createAccountFromCommandLine({ email: `lock-${crypto.randomUUID()}@lycee.test`, name: 'Admin', role: 'ADMIN', password: PASSWORD })
  if (!result.ok) throw new Error(result.code)
  return result.value
}

/** The credentials check from one address, on a limiter whose clock the test moves. */
function signInDesk() {
  let now = 1_000_000
  const limiter = createSignInLimiter(() => now)
  const attempt = async (email: string, password: string, address = SCHOOL) => {
    try {
      return (await authorizeCredentials({ email, password }, { 'x-relais-client-address': address }, limiter)) ? 'signed-in' : 'refused'
    } catch (error) {
      const minutes = parseLockedError((error as Error).message)
      if (minutes === null) throw error
      return { waitSeconds: Math.round(minutes * 60) }
    }
  }
  return { attempt, advance: (seconds: number) => (now += seconds * 1000) }
}

describe('sign-in: progressive delays instead of a lock-out', () => {
  it('five wrong passwords from the school’s address keep the owner out for seconds, not 15 minutes', async () => {
    const admin = await account()
    const desk = signInDesk()
    for (let i = 0; i < 5; i++) {
      const result = await desk.attempt(admin.email, `faux-${i}`)
      if (typeof result === 'object') desk.advance(result.waitSeconds)
      if (typeof result === 'object') expect(await desk.attempt(admin.email, `faux-${i}`)).toBe('refused')
    }
    const wait = await desk.attempt(admin.email, PASSWORD)
    expect(wait).toEqual({ waitSeconds: 4 })
    desk.advance(4)
    expect(await desk.attempt(admin.email, PASSWORD)).toBe('signed-in')
  })

  it('delays grow 1, 2, 4… up to 30 s; attempts made while waiting are refused and not counted', async () => {
    const admin = await account()
    const desk = signInDesk()
    const waits: number[] = [] // the wait met before each of 10 failures
    for (let i = 0; i < 10; i++) {
      const first = await desk.attempt(admin.email, 'faux')
      if (typeof first === 'object') {
        // Refused while waiting: not counted, so the wait is the same one a moment later.
        expect(await desk.attempt(admin.email, PASSWORD)).toEqual(first)
        desk.advance(first.waitSeconds)
        expect(await desk.attempt(admin.email, 'faux')).toBe('refused')
      }
      waits.push(typeof first === 'object' ? first.waitSeconds : 0)
    }
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 30, 30])
  })

  it('the hard limit is much higher (50 failures from one address), then 15 minutes', async () => {
    const admin = await account()
    const desk = signInDesk()
    for (let failures = 0; failures < 50; ) {
      const result = await desk.attempt(admin.email, 'faux')
      if (result === 'refused') failures++
      else if (typeof result === 'object') desk.advance(result.waitSeconds)
    }
    const locked = await desk.attempt(admin.email, PASSWORD)
    expect(typeof locked === 'object' && locked.waitSeconds).toBeGreaterThan(14 * 60)
    // Another address is only slowed by the account-wide count, not locked.
    const elsewhere = await desk.attempt(admin.email, PASSWORD, '203.0.113.9')
    expect(typeof elsewhere === 'object' ? elsewhere.waitSeconds : 0).toBeLessThanOrEqual(30)
    desk.advance(15 * 60)
    expect(await desk.attempt(admin.email, PASSWORD)).toBe('signed-in')
  })

  it('guesses spread over many addresses are slowed per account from 10 failures on', async () => {
    const admin = await account()
    const desk = signInDesk()
    for (let i = 0; i < 10; i++) expect(await desk.attempt(admin.email, 'faux', `192.0.2.${i + 1}`)).toBe('refused')
    expect(await desk.attempt(admin.email, 'faux', '192.0.2.200')).toEqual({ waitSeconds: 1 })
  })
})

describe('per-person report limit: look-alike spellings count as the same person', () => {
  const variants = [
    'Élodie Martin',
    'Élo\u200bdie Martin', // zero-width space
    'Élo\u00addie Mar\u00adtin', // soft hyphen
    'Elodie Mаrtin', // Cyrillic а
    'Еlodie Martin', // Cyrillic Е
    'Εlodie ΜΑRΤΙΝ', // Greek Ε, Μ, Α, Τ, Ι
    'ｅｌｏｄｉｅ ｍａｒｔｉｎ', // full-width
    'E\u0301lodie Marti\u0301n', // combining accents
  ]

  it('every variant normalises to one key', () => {
    const keys = new Set(variants.map(normaliseIdentity))
    expect([...keys]).toHaveLength(1)
    expect(normaliseIdentity('jean.dupont')).toBe(normaliseIdentity('jеan.dupоnt\u200b'))
    expect(normaliseIdentity('Élodie Martin')).not.toBe(normaliseIdentity('Élodie Bernard'))
  })

  it('the sixth report from one person is refused, whatever the spelling', async () => {
    const headers = new Headers({ 'x-relais-client-address': '192.0.2.50' })
    const decisions = []
    for (const fullName of variants.slice(0, 6)) decisions.push((await limitReportSubmission(headers, { fullName })).ok)
    expect(decisions).toEqual([true, true, true, true, true, false])
    for (const fullName of variants.slice(6)) expect((await limitReportSubmission(headers, { fullName })).ok).toBe(false)
    expect((await limitReportSubmission(headers, { fullName: 'Élodie Bernard' })).ok).toBe(true)
  })
})
