import { describe, expect, it } from 'vitest'
import { createAccountFromCommandLine } from '@/lib/accounts/mutations'
import { getRequestViewer } from '@/lib/auth/session'
import { signInWithPassword } from '@/lib/auth/password-sign-in'
import { SIGN_IN_GENERIC_ERROR } from '@/lib/auth/schemas'

// The login form's server action signs in through signInWithPassword (issue 10: the form must POST
// without JavaScript). Its cookie must be a session the rest of the app accepts, and its refusals
// the same as the credentials provider's.

const PASSWORD = 'correct horse battery staple'
let n = 0
async function account() {
  const result = await createAccountFromCommandLine({ email: `form${++n}-${Date.now()}@lycee.test`, name: `Form ${n}`, role: 'AGENT', password: PASSWORD })
  if (!result.ok) throw new Error(result.code)
  return result.value
}
const headersFrom = (ip: string) => new Headers({ 'x-forwarded-for': ip })

describe('signInWithPassword', () => {
  it('gives a session cookie that getRequestViewer reads as this account', async () => {
    const agent = await account()
    const result = await signInWithPassword({ email: agent.email, password: PASSWORD }, headersFrom('203.0.113.40'))
    if (!result.ok) throw new Error(result.message)
    expect(result.cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' })
    const request = new Request('http://localhost/admin', { headers: { cookie: `${result.cookie.name}=${result.cookie.value}` } })
    expect(await getRequestViewer(request)).toEqual({ id: agent.id, email: agent.email, name: agent.name, role: 'AGENT' })
  })

  it('refuses a wrong password or an unknown e-mail with the one generic message', async () => {
    const agent = await account()
    for (const email of [agent.email, 'personne@lycee.test']) {
      expect(await signInWithPassword({ email, password: 'pas le bon' }, headersFrom('203.0.113.41'))).toEqual({ ok: false, message: SIGN_IN_GENERIC_ERROR })
    }
    expect(await signInWithPassword({ email: 42, password: null }, headersFrom('203.0.113.41'))).toEqual({ ok: false, message: SIGN_IN_GENERIC_ERROR })
  })

  it('says how long the account is locked after repeated failures', async () => {
    const agent = await account()
    let last
    for (let i = 0; i < 12; i++) last = await signInWithPassword({ email: agent.email, password: `faux ${i}` }, headersFrom('203.0.113.42'))
    // Progressive delays (issue 11, finding 5): after a few failures the form says how long to wait.
    expect(last).toMatchObject({ ok: false, message: expect.stringMatching(/patientez \d+ secondes?/) })
  })
})
