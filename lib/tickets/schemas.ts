import { z } from 'zod'
import { categoryCodes, profileCodes } from '@/lib/catalogue/types'
import { ageBrackets } from './age'
import { ticketStatuses } from './status'

// Inputs of the queue, the JSON API and the ticket forms. Pure: reused by client forms.

export const ticketSorts = ['created', 'updated', 'priority'] as const
export type TicketSort = (typeof ticketSorts)[number]

export const sortLabels: Record<TicketSort, string> = {
  created: 'Date de création (plus récents d’abord)',
  updated: 'Dernière mise à jour',
  priority: 'Priorité',
}

/** GET forms and query strings send '' for an untouched field: treat it as absent. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional())

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/

/** "2026-02-30" or "2026-99-99" has the format of a day but names none (a badly formed one is said once). */
function isCalendarDay(value: string): boolean {
  if (!DAY_FORMAT.test(value)) return true
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

const day = z
  .string()
  .regex(DAY_FORMAT, 'Date attendue au format AAAA-MM-JJ.')
  .refine(isCalendarDay, 'Cette date n’existe pas : indiquez un jour du calendrier (AAAA-MM-JJ).')

export const ticketListQuerySchema = z
  .object({
    status: optional(z.enum(ticketStatuses, { message: 'Statut inconnu.' })),
    category: optional(z.enum(categoryCodes, { message: 'Catégorie inconnue.' })),
    profile: optional(z.enum(profileCodes, { message: 'Profil inconnu.' })),
    establishment: optional(z.string().trim().max(200, 'Établissement : 200 caractères au plus.')),
    /** 'me', 'none' (unassigned) or a staff id; 'any' (or absent) means anyone. */
    assignee: optional(z.string().trim().min(1).max(64, 'Responsable inconnu.')),
    q: optional(z.string().trim().max(200, 'La recherche est limitée à 200 caractères.')),
    from: optional(day),
    to: optional(day),
    /** Open tickets waiting for this long (the dashboard's backlog brackets). */
    age: optional(z.enum(ageBrackets, { message: 'Ancienneté inconnue.' })),
    sort: z.preprocess(blankToUndefined, z.enum(ticketSorts, { message: 'Tri inconnu.' }).default('created')),
    cursor: optional(z.string().max(500, 'Curseur invalide.')),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ message: 'La limite doit être un nombre.' })
        .int('La limite doit être un nombre entier.')
        .min(1, 'La limite doit être au moins 1.')
        .max(100, 'La limite est de 100 au plus.')
        .default(25),
    ),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: 'La date de début doit précéder la date de fin.',
    path: ['to'],
  })

export type TicketListQuery = z.infer<typeof ticketListQuerySchema>
export type TicketFilter = Omit<TicketListQuery, 'cursor' | 'limit' | 'sort'>

const version = z.coerce
  .number({ message: 'Version manquante.' })
  .int('Version invalide.')
  .positive('Version invalide.')

export const ticketUpdateSchema = z
  .object({
    version,
    status: z.enum(ticketStatuses, { message: 'Statut inconnu.' }).optional(),
    /** null unassigns. */
    assigneeId: z.string().trim().min(1, 'Responsable inconnu.').max(64).nullable().optional(),
    category: z.enum(categoryCodes, { message: 'Catégorie inconnue.' }).optional(),
    note: z.string().trim().min(1, 'La note est vide.').max(5000, 'La note est limitée à 5 000 caractères.').optional(),
    /** Shown on the public tracking page; null or '' clears it. */
    publicMessage: z
      .string()
      .trim()
      .max(2000, 'Le message à l’usager est limité à 2 000 caractères.')
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .optional(),
  })
  .strict()
  .refine(
    (v) =>
      v.status !== undefined ||
      v.assigneeId !== undefined ||
      v.category !== undefined ||
      v.note !== undefined ||
      v.publicMessage !== undefined,
    { message: 'Aucune modification demandée.' },
  )

export type TicketUpdate = z.infer<typeof ticketUpdateSchema>

/** One ticket of a bulk selection, as displayed ("reference:version"). */
const bulkItem = z.string().regex(/^[A-Za-z0-9-]{1,64}:\d{1,9}$/, 'Sélection invalide.')

export const bulkActions = ['assign', 'status', 'category'] as const

export const ticketBulkSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('assign'),
    items: z.array(bulkItem).min(1, 'Sélectionnez au moins un signalement.').max(100),
    /** '' = unassign. */
    assigneeId: z.string().trim().max(64).transform((v) => (v === '' ? null : v)),
  }),
  z.object({
    action: z.literal('status'),
    items: z.array(bulkItem).min(1, 'Sélectionnez au moins un signalement.').max(100),
    status: z.enum(ticketStatuses, { message: 'Choisissez un statut.' }),
  }),
  z.object({
    action: z.literal('category'),
    items: z.array(bulkItem).min(1, 'Sélectionnez au moins un signalement.').max(100),
    category: z.enum(categoryCodes, { message: 'Choisissez une catégorie.' }),
  }),
], { message: 'Choisissez une action.' })

export type TicketBulk = z.infer<typeof ticketBulkSchema>

export function filterFromQuery(q: TicketListQuery): TicketFilter {
  const { status, category, profile, establishment, assignee, q: text, from, to, age } = q
  return { status, category, profile, establishment, assignee, q: text, from, to, age }
}
