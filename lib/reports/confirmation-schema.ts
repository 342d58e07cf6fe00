import { z } from 'zod'

// The person's answer after a resolution: the tracking page's form (strings "oui"/"non") and the
// JSON API (a boolean) alike. Pure.

export const confirmationSchema = z
  .object({
    works: z.preprocess((v) => (v === 'oui' || v === 'true' ? true : v === 'non' || v === 'false' ? false : v), z.boolean({ message: 'Répondez oui ou non.' })),
    comment: z
      .string({ message: 'Ce champ doit contenir du texte.' })
      .trim()
      .max(1000, 'Ce champ est trop long (1000 caractères au maximum).')
      .nullish()
      .transform((v) => v || null),
  })
  .strict()
