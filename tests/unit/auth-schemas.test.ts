import { describe, expect, it } from 'vitest'
import { changeRoleSchema, createAccountSchema, setDisabledSchema } from '@/lib/accounts/schemas'
import { lockedMessage, parseLockedError, signInSchema } from '@/lib/auth/schemas'
import { clientAddressFrom } from '@/lib/security/client-address'
import { schoolSettingsSchema, settingsInputFromForm, uaiCheckLetter } from '@/lib/settings/schemas'

describe('sign-in and account schemas', () => {
  it('normalises the e-mail to lower case without spaces', () => {
    expect(signInSchema.parse({ email: '  Marie.Curie@Lycee.FR ', password: 'x' }).email).toBe('marie.curie@lycee.fr')
  })

  it.each([
    [{ email: 'a@b.fr', name: 'A', password: 'x'.repeat(11) }, 'password'],
    [{ email: 'pas-une-adresse', name: 'A', password: 'x'.repeat(12) }, 'email'],
    [{ email: 'a@b.fr', name: '  ', password: 'x'.repeat(12) }, 'name'],
    [{ email: 'a@b.fr', name: 'A', password: 'x'.repeat(12), role: 'ROOT' }, 'role'],
  ])('rejects %j on %s', (input, field) => {
    const result = createAccountSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field)
  })

  it('defaults the role to AGENT and accepts 12 characters', () => {
    expect(createAccountSchema.parse({ email: 'a@b.fr', name: 'A', password: 'x'.repeat(12) }).role).toBe('AGENT')
  })

  it('coerces the posted strings of the disable form', () => {
    expect(setDisabledSchema.parse({ accountId: 'a', disabled: 'true' }).disabled).toBe(true)
    expect(setDisabledSchema.parse({ accountId: 'a', disabled: '0' }).disabled).toBe(false)
    expect(setDisabledSchema.safeParse({ accountId: 'a', disabled: 'oui' }).success).toBe(false)
    expect(changeRoleSchema.safeParse({ accountId: '', role: 'ADMIN' }).success).toBe(false)
  })

  it('encodes and reads back the lock-out delay', () => {
    expect(parseLockedError('SignInLocked:12')).toBe(12)
    expect(parseLockedError('SignInLocked:30s')).toBe(0.5)
    expect(lockedMessage(4 / 60)).toContain('patientez 4 secondes')
    expect(parseLockedError('CredentialsSignin')).toBeNull()
    expect(lockedMessage(1)).toContain('1 minute.')
    expect(lockedMessage(15)).toContain('15 minutes')
  })
})

describe('school settings schema', () => {
  it('computes the UAI check letter (DOMAIN §5)', () => {
    expect(uaiCheckLetter('0951099')).toBe('D')
  })

  it.each([
    ['0951099D', true],
    ['0951099d', true],
    ['', true],
    ['0951099E', false],
    ['095109D', false],
    ['09510990', false],
  ])('UAI %j valid=%s', (uai, valid) => {
    expect(schoolSettingsSchema.safeParse({ uai }).success).toBe(valid)
  })

  it('accepts only http(s) addresses', () => {
    expect(schoolSettingsSchema.safeParse({ hostingConsoleUrl: 'javascript:alert(1)' }).success).toBe(false)
    expect(schoolSettingsSchema.safeParse({ helpLinks: [{ label: 'Aide', url: 'ftp://x.fr' }] }).success).toBe(false)
    expect(schoolSettingsSchema.safeParse({ espaceUrls: { PARENT: 'https://0951099d.index-education.net/pronote/parent.html' } }).success).toBe(true)
  })

  it('rebuilds the object from a real form post', () => {
    const form = new FormData()
    form.set('establishmentName', ' Lycée Test ')
    form.set('uai', '0951099d')
    form.set('espaceUrls.PARENT', 'https://0951099d.index-education.net/pronote/parent.html')
    form.set('espaceUrls.ELEVE', '')
    form.set('helpLinks.0.label', 'Aide')
    form.set('helpLinks.0.url', 'https://aide.example.fr')
    form.set('helpLinks.1.label', '')
    form.set('helpLinks.1.url', '')
    const parsed = schoolSettingsSchema.parse(settingsInputFromForm(form))
    expect(parsed).toEqual({
      establishmentName: 'Lycée Test',
      uai: '0951099D',
      espaceUrls: { PARENT: 'https://0951099d.index-education.net/pronote/parent.html' },
      hostingConsoleUrl: '',
      helpLinks: [{ label: 'Aide', url: 'https://aide.example.fr' }],
    })
  })
})

describe('client address', () => {
  const socket = 'x-relais-client-address'
  it.each([
    [{ [socket]: '10.0.0.9', 'x-forwarded-for': '6.6.6.6' }, false, '10.0.0.9'],
    [{ 'x-forwarded-for': '203.0.113.5' }, false, '203.0.113.5'],
    [{ [socket]: '10.0.0.1', 'x-forwarded-for': '6.6.6.6, 203.0.113.5' }, true, '203.0.113.5'],
    [{ [socket]: '::ffff:10.0.0.1' }, true, '10.0.0.1'],
    [{}, false, 'unknown'],
  ])('%j trustProxy=%s → %s', (headers, trust, expected) => {
    expect(clientAddressFrom(headers, trust)).toBe(expected)
  })

  it('reads a Headers object too', () => {
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': '198.51.100.7' }), true)).toBe('198.51.100.7')
  })
})
