import { describe, expect, it } from 'vitest'
import { catalogue, getEntry, getVariant, labelFor, selfHelpFor } from '@/lib/catalogue/entries'
import { categoryCodes, profileCodes, type ResolutionScreen, type SelfHelp } from '@/lib/catalogue/types'

function expectScreen(screen: ResolutionScreen) {
  expect(screen.menuPath.trim()).not.toBe('')
  expect(screen.steps.length).toBeGreaterThan(0)
  for (const step of screen.steps) expect(step.trim()).not.toBe('')
}

function expectSelfHelp(help: SelfHelp) {
  expect(help.title.trim()).not.toBe('')
  expect(help.steps.length).toBeGreaterThan(0)
  for (const step of help.steps) expect(step.trim()).not.toBe('')
}

describe('catalogue', () => {
  it('holds exactly the seven categories, keyed by their code', () => {
    expect(Object.keys(catalogue).sort()).toEqual([...categoryCodes].sort())
    for (const code of categoryCodes) expect(catalogue[code].code).toBe(code)
  })

  it.each(categoryCodes)('%s has every field filled', (code) => {
    const entry = getEntry(code)
    expect(entry.label.trim()).not.toBe('')
    expect(entry.meaning.trim().length).toBeGreaterThan(20)
    expect(entry.actorText.trim()).not.toBe('')
    expect(['ADMIN', 'USER', 'USER_THEN_ADMIN', 'WAIT']).toContain(entry.actor)
    expectScreen(entry.resolution)
    expectSelfHelp(entry.selfHelp)
    if (code !== 'UNKNOWN') {
      expect(entry.messages.length).toBeGreaterThan(0)
      for (const m of entry.messages) expect(m.trim()).not.toBe('')
    }
    for (const variant of entry.variants) {
      expect(variant.code).toMatch(/^[A-Z][A-Z0-9_]+$/)
      expect(variant.label.trim()).not.toBe('')
      expect(variant.messages.length).toBeGreaterThan(0)
      expect(variant.meaning.trim()).not.toBe('')
      expectSelfHelp(variant.selfHelp)
    }
  })

  it('has unique variant codes across the catalogue', () => {
    const codes = categoryCodes.flatMap((c) => catalogue[c].variants.map((v) => v.code))
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('names the required variants under their category', () => {
    expect(getVariant('SITE_UNAVAILABLE', 'IP_SUSPENDED')).toBeDefined()
    expect(getVariant('SITE_UNAVAILABLE', 'SERVER_BUSY')).toBeDefined()
    expect(getVariant('BAD_CREDENTIALS', 'ACCOUNT_LOCKED')).toBeDefined()
    expect(getVariant('BAD_CREDENTIALS', 'IP_SUSPENDED')).toBeUndefined()
    expect(getVariant('SITE_UNAVAILABLE')).toBeUndefined()
  })

  it('gives ESPACE_ACCESS_DISABLED a distinct resolution per profile', () => {
    const byProfile = catalogue.ESPACE_ACCESS_DISABLED.resolutionByProfile
    expect(byProfile).toBeDefined()
    for (const profile of ['PARENT', 'PROFESSEUR', 'PERSONNEL', 'ELEVE'] as const) {
      const screen = byProfile?.[profile]
      expect(screen, profile).toBeDefined()
      expectScreen(screen!)
    }
    expect(byProfile?.PARENT?.menuPath).toBe('Ressources > Responsables > Fiche de renseignements')
    expect(byProfile?.PROFESSEUR?.menuPath).toBe("Espaces web > Professeurs > Paramètres de l'espace Professeurs")
    expect(byProfile?.PERSONNEL?.menuPath).toBe("Espaces web > Vie scolaire > Paramètres de l'espace Vie scolaire")
    const paths = new Set(['PARENT', 'PROFESSEUR', 'PERSONNEL', 'ELEVE'].map((p) => byProfile?.[p as 'PARENT']?.menuPath))
    expect(paths.size).toBe(4)
    for (const key of Object.keys(byProfile ?? {})) expect(profileCodes).toContain(key)
  })

  it("points ENT_IDENTITY_MISMATCH to the identity resolution screen", () => {
    expect(catalogue.ENT_IDENTITY_MISMATCH.resolution.menuPath).toBe(
      "Communication > Gestion des identités > Résolution des échecs d'interconnexion",
    )
  })

  it('returns the variant self-help when the variant exists, else the entry one', () => {
    const ip = selfHelpFor('SITE_UNAVAILABLE', 'IP_SUSPENDED')
    expect(ip).toBe(getVariant('SITE_UNAVAILABLE', 'IP_SUSPENDED')!.selfHelp)
    expect(ip).not.toBe(catalogue.SITE_UNAVAILABLE.selfHelp)
    expect(selfHelpFor('SITE_UNAVAILABLE')).toBe(catalogue.SITE_UNAVAILABLE.selfHelp)
    expect(selfHelpFor('SITE_UNAVAILABLE', 'NOT_A_VARIANT')).toBe(catalogue.SITE_UNAVAILABLE.selfHelp)
    expect(selfHelpFor('BAD_CREDENTIALS', 'ACCOUNT_LOCKED')).not.toBe(catalogue.BAD_CREDENTIALS.selfHelp)
  })

  it('labels variants and categories', () => {
    expect(labelFor('BAD_CREDENTIALS', 'ACCOUNT_LOCKED')).toBe(getVariant('BAD_CREDENTIALS', 'ACCOUNT_LOCKED')!.label)
    expect(labelFor('ENT_IDENTITY_MISMATCH')).toBe(catalogue.ENT_IDENTITY_MISMATCH.label)
    expect(labelFor('WRONG_ADDRESS', 'UNKNOWN_VARIANT')).toBe(catalogue.WRONG_ADDRESS.label)
  })

  it('gives UNKNOWN a generic self-help asking for the exact message', () => {
    const help = catalogue.UNKNOWN.selfHelp.steps.join(' ')
    expect(help).toMatch(/message exact/i)
    expect(help).toMatch(/établissement/i)
  })
})
