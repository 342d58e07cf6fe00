import { describe, expect, it } from 'vitest'
import { hostOf, incidentKeyFor } from '@/lib/incidents/keys'

const subject = (category: string, extra: Partial<{ variant: string | null; profile: string; url: string | null }> = {}) => ({
  category,
  variant: null,
  profile: 'PARENT',
  url: null,
  ...extra,
})

describe('incidentKeyFor', () => {
  it.each([
    ['SERVER_NOT_PUBLISHED', {}, 'SERVER_NOT_PUBLISHED'],
    ['SERVER_NOT_PUBLISHED', { profile: 'PROFESSEUR', url: 'https://a.fr' }, 'SERVER_NOT_PUBLISHED'],
    ['SITE_UNAVAILABLE', { variant: 'IP_SUSPENDED' }, 'SITE_UNAVAILABLE'],
    ['ESPACE_ACCESS_DISABLED', { profile: 'PARENT' }, 'ESPACE_ACCESS_DISABLED:PARENT'],
    ['ESPACE_ACCESS_DISABLED', { profile: 'ELEVE' }, 'ESPACE_ACCESS_DISABLED:ELEVE'],
    ['ESPACE_ACCESS_DISABLED', { profile: 'PERSONNEL' }, 'ESPACE_ACCESS_DISABLED:VIE_SCOLAIRE'],
    ['ESPACE_ACCESS_DISABLED', { profile: 'PARENT', variant: 'ELEVE' }, 'ESPACE_ACCESS_DISABLED:ELEVE'],
    ['ESPACE_ACCESS_DISABLED', { profile: 'AUTRE' }, 'ESPACE_ACCESS_DISABLED'],
    ['WRONG_ADDRESS', { url: 'https://Pronote.Exemple.fr/pronote/parent.html' }, 'WRONG_ADDRESS:pronote.exemple.fr'],
    ['WRONG_ADDRESS', { url: 'pronote.exemple.fr/parent.html' }, 'WRONG_ADDRESS:pronote.exemple.fr'],
    ['WRONG_ADDRESS', { url: null }, 'WRONG_ADDRESS'],
  ])('%s %o → %s', (category, extra, key) => {
    expect(incidentKeyFor(subject(category, extra))?.key).toBe(key)
  })

  it.each(['BAD_CREDENTIALS', 'UNKNOWN', 'ENT_IDENTITY_MISMATCH'])('%s is an individual cause: no incident', (category) => {
    expect(incidentKeyFor(subject(category, { url: 'https://a.fr' }))).toBeNull()
  })

  it('hostOf ignores what is not an address', () => {
    expect(hostOf('   ')).toBeNull()
    expect(hostOf('http://')).toBeNull()
    expect(hostOf('HTTPS://WWW.A.FR.:443/x')).toBe('www.a.fr')
  })
})
