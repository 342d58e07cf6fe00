import { z } from 'zod'

// Inputs of the ENT failures screen and API. Pure: a client form may reuse them.

// CLOSED: every ticket of the record was closed by hand in the queue (lib/ent-failures/ticket-status.ts).
export const entFailureStatuses = ['OPEN', 'LINKED', 'REJECTED', 'CLOSED'] as const
export type EntFailureStatus = (typeof entFailureStatuses)[number]

export const entFailureStatusLabels: Record<EntFailureStatus, string> = {
  OPEN: 'À traiter',
  LINKED: 'Mis en relation',
  REJECTED: 'Sans compte correspondant',
  CLOSED: 'Clos dans la file',
}

export const listEntFailuresSchema = z.object({
  status: z.enum(entFailureStatuses, { message: 'Statut inconnu : OPEN, LINKED, REJECTED ou CLOSED.' }).default('OPEN'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

const version = z.coerce.number().int().positive().optional()

export const linkEntFailureSchema = z.object({
  login: z.string({ message: 'Choisissez le compte PRONOTE à relier.' }).trim().min(1, 'Choisissez le compte PRONOTE à relier.').max(100),
  version,
})

export const rejectEntFailureSchema = z.object({
  reason: z
    .string({ message: 'Expliquez à la personne pourquoi aucun compte ne correspond.' })
    .trim()
    .min(10, 'Expliquez en quelques mots (10 caractères au moins) : la personne lira ce message.')
    .max(1000, '1000 caractères au plus.'),
  version,
})

export const reopenEntFailureSchema = z.object({ version })

export type ListEntFailuresInput = z.infer<typeof listEntFailuresSchema>
