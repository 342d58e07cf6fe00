import { z } from 'zod'

// School settings: establishment identity, official PRONOTE.net addresses, hosting console, help links.

export const espaceCodes = [
  'PARENT',
  'ELEVE',
  'PROFESSEUR',
  'VIE_SCOLAIRE',
  'DIRECTION',
  'ACCOMPAGNANT',
  'ENTREPRISE',
  'ACADEMIE',
] as const
export type EspaceCode = (typeof espaceCodes)[number]

export const espaceLabels: Record<EspaceCode, string> = {
  PARENT: 'Espace Parents',
  ELEVE: 'Espace Élèves',
  PROFESSEUR: 'Espace Professeurs',
  VIE_SCOLAIRE: 'Espace Vie scolaire',
  DIRECTION: 'Espace Direction',
  ACCOMPAGNANT: 'Espace Accompagnants',
  ENTREPRISE: 'Espace Entreprise',
  ACADEMIE: 'Espace Académie',
}

// The UAI's last character is a check letter: the 7 digits modulo 23, over an alphabet without I, O, Q.
const UAI_CHECK_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ'

export function uaiCheckLetter(digits: string): string {
  return UAI_CHECK_ALPHABET[Number(digits) % 23] ?? ''
}

const optionalUrl = z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'Adresse web invalide (elle doit commencer par https://).' })])

export const helpLinkSchema = z.object({
  label: z.string().trim().min(1, 'Indiquez un libellé.').max(120),
  url: z.url({ protocol: /^https?$/, message: 'Adresse web invalide (elle doit commencer par https://).' }),
})

export const schoolSettingsSchema = z.object({
  establishmentName: z.string().trim().max(200).default(''),
  uai: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === '' || /^\d{7}[A-Z]$/.test(v), 'Un UAI comporte 7 chiffres suivis d’une lettre (ex. 0951099D).')
    .refine((v) => !/^\d{7}[A-Z]$/.test(v) || uaiCheckLetter(v.slice(0, 7)) === v[7], {
      message: 'La lettre finale ne correspond pas aux chiffres de cet UAI : vérifiez-le.',
      abort: true,
    })
    .default(''),
  espaceUrls: z.partialRecord(z.enum(espaceCodes), optionalUrl).default({}),
  hostingConsoleUrl: optionalUrl.default(''),
  helpLinks: z.array(helpLinkSchema).max(20).default([]),
})

export type SchoolSettings = z.infer<typeof schoolSettingsSchema>

/**
 * The settings form posts flat strings (`establishmentName`, `uai`, `espaceUrls.PARENT`,
 * `hostingConsoleUrl`, `helpLinks.0.label`, `helpLinks.0.url`…); this rebuilds the object the schema
 * expects. Empty help-link rows are dropped; empty Espace addresses are left out.
 */
export function settingsInputFromForm(form: FormData): unknown {
  const text = (key: string) => {
    const v = form.get(key)
    return typeof v === 'string' ? v.trim() : ''
  }
  const espaceUrls: Record<string, string> = {}
  for (const code of espaceCodes) {
    const url = text(`espaceUrls.${code}`)
    if (url) espaceUrls[code] = url
  }
  const helpLinks: { label: string; url: string }[] = []
  for (let i = 0; i < 50; i++) {
    const label = text(`helpLinks.${i}.label`)
    const url = text(`helpLinks.${i}.url`)
    if (label || url) helpLinks.push({ label, url })
  }
  return {
    establishmentName: text('establishmentName'),
    uai: text('uai'),
    espaceUrls,
    hostingConsoleUrl: text('hostingConsoleUrl'),
    helpLinks,
  }
}
