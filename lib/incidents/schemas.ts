import { z } from 'zod'

// Inputs of the incident actions (JSON API and admin forms alike). Pure.

export const incidentStatuses = ['OPEN', 'RESOLVED'] as const
export type IncidentStatus = (typeof incidentStatuses)[number]

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

const version = z.coerce
  .number({ message: 'Version manquante.' })
  .int('Version invalide.')
  .positive('Version invalide.')

/** A message the people will read: a line or two, no markup needed. */
const publicText = z
  .string({ message: 'Message attendu.' })
  .trim()
  .min(1, 'Le message ne peut pas être vide.')
  .max(1000, 'Le message est limité à 1 000 caractères.')

/** Forms send checkboxes as "on" (or nothing); the API sends booleans. */
const formBoolean = z.preprocess((v) => (v === 'on' || v === 'true' ? true : v === 'false' ? false : v), z.boolean({ message: 'Oui ou non attendu.' }))

export const incidentListQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(incidentStatuses, { message: 'Statut inconnu.' }).default('OPEN')),
  cursor: z.preprocess(blankToUndefined, z.string().max(200, 'Curseur invalide.').optional()),
})
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>

export const incidentUpdateSchema = z
  .object({
    version,
    published: formBoolean.optional(),
    publicMessage: z.preprocess(blankToUndefined, publicText.optional()),
  })
  .strict()
export type IncidentUpdate = z.infer<typeof incidentUpdateSchema>

export const incidentResolveSchema = z.object({ version, message: publicText }).strict()
export const incidentReopenSchema = z.object({ version }).strict()
export const incidentDetachSchema = z.object({ version, reference: z.string().trim().min(1).max(40) }).strict()
export const incidentMergeSchema = z
  .object({ version, from: z.string().trim().min(1).max(40), fromVersion: version })
  .strict()
