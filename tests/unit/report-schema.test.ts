import { describe, expect, it } from 'vitest'
import {
  emptyReportValues,
  entFieldsRelevant,
  prefillFromSearchParams,
  reportInputFromValues,
  reportValuesFromFormData,
} from '@/lib/reports/form'
import { parseOccurredAt, toDateTimeLocal } from '@/lib/reports/occurred-at'
import { fieldErrorsFrom, referenceSchema, reportSchema, trackingTokenSchema } from '@/lib/reports/schemas'

const valid = { message: 'Votre identifiant ou votre mot de passe est incorrect', fullName: 'Camille Martin' }

function errorsOf(input: unknown) {
  const parsed = reportSchema.safeParse(input)
  return parsed.success ? {} : fieldErrorsFrom(parsed.error)
}

describe('reportSchema: rejections, in French, on the right field', () => {
  const cases: { name: string; input: unknown; field: string; message: RegExp }[] = [
    { name: 'missing message', input: { fullName: 'A' }, field: 'message', message: /message d’erreur/ },
    { name: 'blank message', input: { ...valid, message: '   \n ' }, field: 'message', message: /message d’erreur/ },
    { name: 'message over 2,000 characters', input: { ...valid, message: 'x'.repeat(2001) }, field: 'message', message: /2000 caractères au maximum/ },
    { name: 'message not text', input: { ...valid, message: 42 }, field: 'message', message: /du texte/ },
    { name: 'missing full name', input: { message: 'x' }, field: 'fullName', message: /nom et prénom/ },
    { name: 'blank full name', input: { ...valid, fullName: '  ' }, field: 'fullName', message: /nom et prénom/ },
    { name: 'unknown profile', input: { ...valid, profile: 'DIRECTEUR' }, field: 'profile', message: /profil dans la liste/ },
    { name: 'lower-case profile', input: { ...valid, profile: 'parent' }, field: 'profile', message: /profil/ },
    { name: 'bad e-mail', input: { ...valid, email: 'camille@' }, field: 'email', message: /Adresse e-mail invalide/ },
    { name: 'establishment too long', input: { ...valid, establishment: 'é'.repeat(201) }, field: 'establishment', message: /200 caractères/ },
    { name: 'url too long', input: { ...valid, url: 'https://' + 'a'.repeat(600) }, field: 'url', message: /500 caractères/ },
    { name: 'login not text', input: { ...valid, login: ['a'] }, field: 'login', message: /du texte/ },
    { name: 'unparseable date', input: { ...valid, occurredAt: 'hier soir' }, field: 'occurredAt', message: /Date invalide/ },
    { name: 'impossible date', input: { ...valid, occurredAt: '2026-02-31T10:00' }, field: 'occurredAt', message: /Date invalide/ },
    { name: 'far future', input: { ...valid, occurredAt: '2999-01-01T08:00' }, field: 'occurredAt', message: /dans le futur/ },
    { name: 'too old', input: { ...valid, occurredAt: '1999-12-31T23:00:00Z' }, field: 'occurredAt', message: /trop ancienne/ },
    { name: 'body not an object', input: 'bonjour', field: '', message: /objet JSON/ },
  ]
  it.each(cases)('$name', ({ input, field, message }) => {
    const errors = errorsOf(input)
    expect(errors[field]?.[0]).toMatch(message)
  })
})

describe('reportSchema: accepted input is normalised', () => {
  it('trims, nulls empty optionals, defaults profile and date, strips unknown fields', () => {
    const before = Date.now()
    const parsed = reportSchema.parse({
      message: '  HTTP Error 503  ',
      fullName: ' Camille  Martin ',
      profile: '',
      email: '  ',
      establishment: '',
      login: null,
      password: 'secret',
      extra: 1,
    })
    expect(parsed).toMatchObject({
      message: 'HTTP Error 503',
      fullName: 'Camille  Martin',
      profile: 'AUTRE',
      email: null,
      establishment: null,
      login: null,
      entName: null,
      entLogin: null,
      url: null,
    })
    expect(parsed).not.toHaveProperty('password')
    expect(parsed).not.toHaveProperty('extra')
    expect(parsed.occurredAt.getTime()).toBeGreaterThanOrEqual(before)
    expect(parsed.occurredAt.getTime()).toBeLessThanOrEqual(Date.now())
  })

  it.each([
    ['ISO with Z', '2026-01-15T07:30:00Z', '2026-01-15T07:30:00.000Z'],
    ['ISO with offset', '2026-01-15T08:30:00+01:00', '2026-01-15T07:30:00.000Z'],
    ['datetime-local in winter (Paris UTC+1)', '2026-01-15T08:30', '2026-01-15T07:30:00.000Z'],
    ['datetime-local in summer (Paris UTC+2)', '2026-06-15T08:30', '2026-06-15T06:30:00.000Z'],
    ['datetime-local with seconds', '2026-06-15T08:30:15', '2026-06-15T06:30:15.000Z'],
  ])('occurredAt %s', (_name, input, iso) => {
    expect(reportSchema.parse({ ...valid, occurredAt: input }).occurredAt.toISOString()).toBe(iso)
  })

  it('accepts the exact 2,000-character limit and every profile code', () => {
    expect(reportSchema.safeParse({ ...valid, message: 'x'.repeat(2000) }).success).toBe(true)
    for (const profile of ['ELEVE', 'PARENT', 'PROFESSEUR', 'PERSONNEL', 'ENTREPRISE', 'ACCOMPAGNANT', 'AUTRE']) {
      expect(reportSchema.parse({ ...valid, profile }).profile).toBe(profile)
    }
  })
})

describe('FormData coercion', () => {
  it('reads the report fields as strings, ignores files and unknown names, keeps raw values', () => {
    const form = new FormData()
    form.set('message', '  Identification impossible ')
    form.set('fullName', 'Léa Dupont')
    form.set('profile', 'ELEVE')
    form.set('email', '')
    form.set('occurredAt', '2026-01-15T08:30')
    form.set('login', new Blob(['x']), 'file.txt')
    form.set('website', 'spam')
    const values = reportValuesFromFormData(form)
    expect(values).toEqual({
      ...emptyReportValues(),
      message: '  Identification impossible ',
      fullName: 'Léa Dupont',
      profile: 'ELEVE',
      occurredAt: '2026-01-15T08:30',
    })
    const parsed = reportSchema.parse(reportInputFromValues(values))
    expect(parsed).toMatchObject({ message: 'Identification impossible', profile: 'ELEVE', email: null, login: null })
    expect(parsed.occurredAt.toISOString()).toBe('2026-01-15T07:30:00.000Z')
  })

  it('an empty date field means now', () => {
    const values = { ...emptyReportValues(), ...valid }
    const parsed = reportSchema.parse(reportInputFromValues(values))
    expect(Math.abs(parsed.occurredAt.getTime() - Date.now())).toBeLessThan(5_000)
  })
})

describe('prefill from query parameters', () => {
  it('keeps known parameters, upper-cases a valid profile, drops unknown ones and clips lengths', () => {
    expect(
      prefillFromSearchParams({
        message: ['Le site n’est pas disponible', 'second'],
        profile: 'parent',
        establishment: ' Lycée Victor Hugo ',
        login: 'cmartin',
        entName: 'Toutatice',
        entLogin: 'c.martin',
        url: 'https://0951099d.index-education.net/pronote/parent.html',
        fullName: 'Intrus',
        email: 'x@example.test',
      }),
    ).toEqual({
      message: 'Le site n’est pas disponible',
      profile: 'PARENT',
      establishment: 'Lycée Victor Hugo',
      login: 'cmartin',
      entName: 'Toutatice',
      entLogin: 'c.martin',
      url: 'https://0951099d.index-education.net/pronote/parent.html',
    })
    expect(prefillFromSearchParams({ profile: 'ROI', message: 'm'.repeat(3000) })).toEqual({ message: 'm'.repeat(2000) })
  })
})

describe('ENT fields relevance', () => {
  it.each([
    ['AUTRE', 'ENT_IDENTITY_MISMATCH', {}, true],
    ['PARENT', undefined, {}, true],
    ['ELEVE', 'BAD_CREDENTIALS', {}, true],
    ['PROFESSEUR', 'BAD_CREDENTIALS', {}, false],
    ['', undefined, {}, false],
    ['ENTREPRISE', 'UNKNOWN', { entName: 'Atrium' }, true],
  ] as const)('profile %s, category %s', (profile, category, values, expected) => {
    expect(entFieldsRelevant(profile, category, values)).toBe(expected)
  })
})

describe('references, tokens and dates', () => {
  it.each([
    ['RL-7K3F-9Q2M', true],
    ['rl-7k3f-9q2m', true],
    ['RL-7K3F-9Q2', false],
    ['RL-IK3F-9Q2M', false],
    ['RL-7K3F-9Q2U', false],
    ['XX-7K3F-9Q2M', false],
  ])('reference %s valid: %s', (ref, ok) => {
    expect(referenceSchema.safeParse(ref).success).toBe(ok)
  })

  it('tokens are 43 base64url characters', () => {
    expect(trackingTokenSchema.safeParse('a'.repeat(43)).success).toBe(true)
    expect(trackingTokenSchema.safeParse('a'.repeat(42)).success).toBe(false)
    expect(trackingTokenSchema.safeParse('a'.repeat(42) + '+').success).toBe(false)
  })

  it('datetime-local round-trips through Paris time', () => {
    const d = new Date('2026-07-01T12:34:00Z')
    expect(toDateTimeLocal(d)).toBe('2026-07-01T14:34')
    expect(parseOccurredAt(toDateTimeLocal(d))?.toISOString()).toBe(d.toISOString())
  })
})
