import { describe, expect, it } from 'vitest'
import { catalogue } from '@/lib/catalogue/entries'
import { categoryCodes, profileCodes, type CatalogueEntry } from '@/lib/catalogue/types'
import { buildResolution, resolutionRegistry, type ResolutionTicket } from '@/lib/resolution/registry'
import { schoolSettingsSchema } from '@/lib/settings/schemas'

const settings = schoolSettingsSchema.parse({
  espaceUrls: { PARENT: 'https://0951099d.index-education.net/pronote/parent.html' },
  hostingConsoleUrl: 'https://console.example.test/',
})
const bare = schoolSettingsSchema.parse({})
const ticket = (t: Partial<ResolutionTicket>): ResolutionTicket => ({ category: 'UNKNOWN', profile: 'PARENT', entFailureId: null, url: null, ...t })

describe('resolution registry', () => {
  it('covers every category with the catalogue screen for every profile', () => {
    expect(Object.keys(resolutionRegistry).sort()).toEqual([...categoryCodes].sort())
    for (const category of categoryCodes) {
      for (const profile of profileCodes) {
        const view = buildResolution(catalogue[category], ticket({ category, profile }), settings)
        const screen = catalogue[category].resolutionByProfile?.[profile] ?? catalogue[category].resolution
        expect(view.menuPath).toBe(screen.menuPath)
        expect(view.steps).toEqual(screen.steps)
      }
    }
  })

  it('tailors the screen to the profile where the catalogue differs', () => {
    const entry: CatalogueEntry = {
      ...catalogue.ESPACE_ACCESS_DISABLED,
      resolution: { menuPath: 'Général', steps: ['g'] },
      resolutionByProfile: { PROFESSEUR: { menuPath: 'Profs', steps: ['p'] } },
    }
    expect(buildResolution(entry, ticket({ category: 'ESPACE_ACCESS_DISABLED', profile: 'PROFESSEUR' }), bare).menuPath).toBe('Profs')
    expect(buildResolution(entry, ticket({ category: 'ESPACE_ACCESS_DISABLED', profile: 'ELEVE' }), bare).menuPath).toBe('Général')
  })

  it('links ENT failures to the in-app screen, with the failure when known', () => {
    const withId = buildResolution(catalogue.ENT_IDENTITY_MISMATCH, ticket({ category: 'ENT_IDENTITY_MISMATCH', entFailureId: 'f 1' }), bare)
    expect(withId.link).toMatchObject({ href: '/admin/echecs-interconnexion?failure=f%201', external: false })
    const without = buildResolution(catalogue.ENT_IDENTITY_MISMATCH, ticket({ category: 'ENT_IDENTITY_MISMATCH' }), bare)
    expect(without.link?.href).toBe('/admin/echecs-interconnexion')
  })

  it('shows the official address for the profile next to the one tried', () => {
    const view = buildResolution(catalogue.WRONG_ADDRESS, ticket({ category: 'WRONG_ADDRESS', url: 'https://0951099.index-education.net' }), settings)
    expect(view.link).toMatchObject({ href: '/admin/parametres', external: false })
    expect(view.addressCheck).toEqual({
      espace: 'Espace Parents',
      official: 'https://0951099d.index-education.net/pronote/parent.html',
      tried: 'https://0951099.index-education.net',
    })
    expect(buildResolution(catalogue.WRONG_ADDRESS, ticket({ category: 'WRONG_ADDRESS', profile: 'ELEVE' }), settings).addressCheck?.official).toBeNull()
  })

  it('links the hosting console when configured, else explains it is missing', () => {
    const configured = buildResolution(catalogue.SERVER_NOT_PUBLISHED, ticket({ category: 'SERVER_NOT_PUBLISHED' }), settings)
    expect(configured.link).toMatchObject({ href: 'https://console.example.test/', external: true })
    const missing = buildResolution(catalogue.SERVER_NOT_PUBLISHED, ticket({ category: 'SERVER_NOT_PUBLISHED' }), bare)
    expect(missing.link).toBeNull()
    expect(missing.linkNote).toMatch(/console d’hébergement/)
  })
})
