import { z } from 'zod'

// Who an ADMIN is asking about in a privacy request: an e-mail address or a login. Pure.

export const personQuerySchema = z.object({
  kind: z.enum(['email', 'login'], { error: 'Choisissez « adresse e-mail » ou « identifiant ».' }),
  value: z
    .string({ error: 'Indiquez une adresse e-mail ou un identifiant.' })
    .trim()
    .min(2, 'Indiquez une adresse e-mail ou un identifiant (2 caractères au moins).')
    .max(254, 'Cette valeur est trop longue (254 caractères au maximum).'),
})

export type PersonQuery = z.infer<typeof personQuerySchema>

export const retentionPeriodSchema = z
  .string()
  .trim()
  .regex(/^\d{1,5}d?$/, 'Durée invalide : indiquez un nombre de jours, par exemple 365d.')
  .transform((v) => Number.parseInt(v, 10))
  .refine((days) => days >= 1, 'La durée doit être d’au moins un jour.')
