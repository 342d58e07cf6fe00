import { z } from 'zod'
import { categoryCodes } from '@/lib/catalogue/types'
import { bodyLimits, defineRoute } from '@/lib/http/api-contract'
import { ticketStatuses } from '@/lib/tickets/status'
import {
  incidentDetachSchema,
  incidentListQuerySchema,
  incidentMergeSchema,
  incidentReopenSchema,
  incidentResolveSchema,
  incidentStatuses,
  incidentUpdateSchema,
} from './schemas'

// The incidents JSON API (lib/http/api-contract.ts): the public notice list, and the staff's list,
// detail and decisions (issue 13).

const incidentStatus = z.enum([...incidentStatuses, 'MERGED'])
const at = z.iso.datetime()

export const publicIncidentSchema = z
  .object({ id: z.string(), category: z.enum(categoryCodes), label: z.string(), since: at, message: z.string() })
  .meta({ id: 'PublicIncident' })

const incidentSummaryFields = {
  id: z.string(),
  key: z.string().meta({ example: 'ESPACE_ACCESS_DISABLED:PARENT' }),
  category: z.enum(categoryCodes),
  variant: z.string().nullable().meta({ description: 'L’Espace ou l’hôte de la clé, s’il y en a un.' }),
  label: z.string(),
  status: incidentStatus,
  ticketCount: z.number().int(),
  openTicketCount: z.number().int(),
  confirmedCount: z.number().int(),
  stillBlockedCount: z.number().int(),
  firstReportAt: at,
  lastReportAt: at,
  published: z.boolean(),
  publicMessage: z.string().nullable(),
  publishedAt: at.nullable(),
  resolvedAt: at.nullable(),
  resolutionMessage: z.string().nullable(),
  previousIncidentId: z.string().nullable().meta({ description: 'Le même problème, résolu auparavant : il est revenu.' }),
  previousResolvedAt: at.nullable(),
  version: z.number().int().meta({ description: 'À renvoyer dans chaque action (contrôle des éditions concurrentes).' }),
}

export const incidentSummarySchema = z.object(incidentSummaryFields).meta({ id: 'IncidentSummary' })

const staffRef = z.object({ id: z.string(), name: z.string() })
const record = z.record(z.string(), z.unknown()).nullable()

export const incidentDetailSchema = z
  .object({
    ...incidentSummaryFields,
    tickets: z
      .array(
        z.object({
          reference: z.string(),
          status: z.enum(ticketStatuses),
          profile: z.string(),
          createdAt: at,
          confirmation: z.enum(['WORKS', 'STILL_BLOCKED']).nullable(),
          version: z.number().int(),
        }),
      )
      .meta({ description: 'Les 500 premiers signalements rattachés.' }),
    history: z.array(
      z.object({ id: z.number().int(), type: z.string(), version: z.number().int(), actor: staffRef.nullable(), before: record, after: record, note: z.string().nullable(), createdAt: at }),
    ),
    fix: z.object({
      meaning: z.string(),
      actorText: z.string(),
      resolution: z.looseObject({ category: z.enum(categoryCodes), menuPath: z.string(), steps: z.array(z.string()) }),
    }),
  })
  .meta({ id: 'IncidentDetail' })

const idParams = z.object({ id: z.string() })
const adminBody = <T extends z.ZodType>(schema: T) => ({ schema, maxBytes: bodyLimits.adminJson, kinds: ['json' as const, 'form' as const] })
const tag = 'Incidents'

export const listPublicIncidentsRoute = defineRoute({
  operationId: 'listPublicIncidents',
  method: 'get',
  path: '/api/incidents',
  summary: 'Problèmes connus en cours, avec leur avis public (aucune donnée personnelle)',
  tag: 'Signalements',
  access: 'public',
  success: { status: 200, description: 'Les incidents ouverts dont un avis est publié', schema: z.object({ items: z.array(publicIncidentSchema) }) },
})

export const listIncidentsRoute = defineRoute({
  operationId: 'listIncidents',
  method: 'get',
  path: '/api/admin/incidents',
  summary: 'Incidents (ouverts ou résolus), les plus récents d’abord',
  tag,
  access: 'AGENT',
  query: incidentListQuerySchema,
  success: { status: 200, description: 'Une page d’incidents', schema: z.object({ items: z.array(incidentSummarySchema), nextCursor: z.string().nullable() }) },
  failures: ['VALIDATION'],
})

export const getIncidentRoute = defineRoute({
  operationId: 'getIncident',
  method: 'get',
  path: '/api/admin/incidents/{id}',
  summary: 'Détail d’un incident : la correction, les signalements, l’historique',
  tag,
  access: 'AGENT',
  params: idParams,
  success: { status: 200, description: 'L’incident', schema: incidentDetailSchema },
  failures: ['NOT_FOUND'],
})

export const updateIncidentRoute = defineRoute({
  operationId: 'updateIncident',
  method: 'patch',
  path: '/api/admin/incidents/{id}',
  summary: 'Publier, modifier ou retirer l’avis public',
  tag,
  access: 'AGENT',
  params: idParams,
  body: adminBody(incidentUpdateSchema),
  success: { status: 200, description: 'L’incident', schema: incidentDetailSchema },
  failures: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
})

export const resolveIncidentRoute = defineRoute({
  operationId: 'resolveIncident',
  method: 'post',
  path: '/api/admin/incidents/{id}/resolve',
  summary: 'Résoudre : chaque signalement encore ouvert passe à « Résolu » avec le message',
  tag,
  access: 'AGENT',
  params: idParams,
  body: adminBody(incidentResolveSchema),
  success: { status: 200, description: 'Nombre de signalements résolus et l’incident', schema: z.object({ resolved: z.number().int(), incident: incidentDetailSchema }) },
  failures: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
})

export const reopenIncidentRoute = defineRoute({
  operationId: 'reopenIncident',
  method: 'post',
  path: '/api/admin/incidents/{id}/reopen',
  summary: 'Rouvrir un incident résolu (et les signalements qu’il avait résolus)',
  tag,
  access: 'AGENT',
  params: idParams,
  body: adminBody(incidentReopenSchema),
  success: { status: 200, description: 'Nombre de signalements rouverts et l’incident', schema: z.object({ reopened: z.number().int(), incident: incidentDetailSchema }) },
  failures: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
})

export const detachIncidentTicketRoute = defineRoute({
  operationId: 'detachIncidentTicket',
  method: 'post',
  path: '/api/admin/incidents/{id}/detach',
  summary: 'Retirer un signalement de l’incident (il sera traité individuellement)',
  tag,
  access: 'AGENT',
  params: idParams,
  body: adminBody(incidentDetachSchema),
  success: { status: 200, description: 'L’incident', schema: incidentDetailSchema },
  failures: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
})

export const mergeIncidentsRoute = defineRoute({
  operationId: 'mergeIncidents',
  method: 'post',
  path: '/api/admin/incidents/{id}/merge',
  summary: 'Fusionner l’incident `from` dans celui-ci (ouvert)',
  tag,
  access: 'AGENT',
  params: idParams,
  body: adminBody(incidentMergeSchema),
  success: { status: 200, description: 'Nombre de signalements déplacés et l’incident', schema: z.object({ moved: z.number().int(), incident: incidentDetailSchema }) },
  failures: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
})

export const incidentRoutes = [
  listPublicIncidentsRoute,
  listIncidentsRoute,
  getIncidentRoute,
  updateIncidentRoute,
  resolveIncidentRoute,
  reopenIncidentRoute,
  detachIncidentTicketRoute,
  mergeIncidentsRoute,
]
