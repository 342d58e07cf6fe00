import { z } from 'zod'
import { categoryCodes, profileCodes } from '@/lib/catalogue/types'
import { bodyLimits, defineRoute, evidenceSchema } from '@/lib/http/api-contract'
import { ticketListQuerySchema, ticketUpdateSchema } from './schemas'
import { ticketStatuses } from './status'

// The admin tickets JSON API (lib/http/api-contract.ts).

const staffRefSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'StaffRef' })

const ticketSummaryFields = {
  reference: z.string(),
  status: z.enum(ticketStatuses),
  category: z.enum(categoryCodes),
  confidence: z.number(),
  fullName: z.string(),
  profile: z.enum(profileCodes),
  establishment: z.string().nullable(),
  priority: z.number(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  assignee: staffRefSchema.nullable(),
  version: z.number().int().meta({ description: 'À renvoyer dans une modification (contrôle des éditions concurrentes).' }),
}

export const ticketSummarySchema = z.object(ticketSummaryFields).meta({ id: 'TicketSummary' })

export const ticketPageSchema = z
  .object({ items: z.array(ticketSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'TicketPage' })

const ticketEventSchema = z
  .object({
    id: z.number().int(),
    type: z.string(),
    actor: staffRefSchema.nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'TicketEvent' })

const resolutionSchema = z
  .object({
    category: z.enum(categoryCodes),
    menuPath: z.string(),
    steps: z.array(z.string()),
    link: z.object({ href: z.string(), label: z.string(), external: z.boolean() }).nullable(),
    linkNote: z.string().nullable(),
    addressCheck: z.object({ espace: z.string(), official: z.string().nullable(), tried: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Resolution' })

export const ticketDetailSchema = z
  .object({
    ...ticketSummaryFields,
    message: z.string(),
    email: z.string().nullable(),
    login: z.string().nullable(),
    entName: z.string().nullable(),
    entLogin: z.string().nullable(),
    url: z.string().nullable(),
    occurredAt: z.iso.datetime(),
    autoCategory: z.enum(categoryCodes),
    variant: z.string().nullable(),
    evidence: z.array(evidenceSchema),
    publicMessage: z.string().nullable(),
    entFailureId: z.string().nullable(),
    incidentId: z.string().nullable(),
    closedAt: z.iso.datetime().nullable(),
    history: z.array(ticketEventSchema),
    resolution: resolutionSchema,
  })
  .meta({ id: 'TicketDetail' })

const referenceParams = z.object({ reference: z.string().meta({ example: 'RL-7K3F-9Q2M' }) })

export const listTicketsRoute = defineRoute({
  operationId: 'listTickets',
  method: 'get',
  path: '/api/admin/tickets',
  summary: 'File des signalements (filtres, tri, pagination par curseur)',
  tag: 'Administration',
  access: 'AGENT',
  query: ticketListQuerySchema,
  success: { status: 200, description: 'Une page de la file', schema: ticketPageSchema },
  failures: ['VALIDATION'],
})

export const getTicketRoute = defineRoute({
  operationId: 'getTicket',
  method: 'get',
  path: '/api/admin/tickets/{reference}',
  summary: 'Détail d’un signalement, avec son historique et sa résolution',
  tag: 'Administration',
  access: 'AGENT',
  params: referenceParams,
  success: { status: 200, description: 'Le signalement', schema: ticketDetailSchema },
  failures: ['NOT_FOUND'],
})

export const updateTicketRoute = defineRoute({
  operationId: 'updateTicket',
  method: 'patch',
  path: '/api/admin/tickets/{reference}',
  summary: 'Modifier un signalement (statut, responsable, catégorie, note, message à l’usager)',
  tag: 'Administration',
  access: 'AGENT',
  params: referenceParams,
  body: { schema: ticketUpdateSchema, maxBytes: bodyLimits.adminJson },
  success: { status: 200, description: 'Le signalement modifié', schema: ticketDetailSchema },
  failures: ['NOT_FOUND', 'CONFLICT'],
})

export const ticketRoutes = [listTicketsRoute, getTicketRoute, updateTicketRoute]
