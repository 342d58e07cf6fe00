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

const optionalUrl = z.union([z.literal(''), z.url({ message: 'Adresse web invalide (elle doit commencer par https://).' })])

export const helpLinkSchema = z.object({
  label: z.string().trim().min(1, 'Indiquez un libellé.').max(120),
  url: z.url({ message: 'Adresse web invalide.' }),
})

export const schoolSettingsSchema = z.object({
  establishmentName: z.string().trim().max(200).default(''),
  uai: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === '' || /^\d{7}[A-Z]$/.test(v), 'Un UAI comporte 7 chiffres suivis d’une lettre (ex. 0951099D).')
    .default(''),
  espaceUrls: z.partialRecord(z.enum(espaceCodes), optionalUrl).default({}),
  hostingConsoleUrl: optionalUrl.default(''),
  helpLinks: z.array(helpLinkSchema).max(20).default([]),
})

export type SchoolSettings = z.infer<typeof schoolSettingsSchema>
