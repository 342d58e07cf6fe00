import { z } from 'zod'
import { defineRoute, bodyLimits } from '@/lib/http/api-contract'
import { entFailureStatuses, linkEntFailureSchema, listEntFailuresSchema, rejectEntFailureSchema } from './schemas'

// The ENT failures JSON API (lib/http/api-contract.ts).

const candidateSchema = z
  .object({ login: z.string(), fullName: z.string(), profile: z.string(), score: z.number(), reasons: z.array(z.string()) })
  .meta({ id: 'DirectoryCandidate' })

const summaryFields = {
  id: z.string(),
  entName: z.string().nullable(),
  entLogin: z.string().nullable(),
  fullName: z.string(),
  profile: z.string(),
  establishment: z.string().nullable(),
  status: z.enum(entFailureStatuses),
  reportCount: z.number().int(),
  firstReportedAt: z.iso.datetime(),
}

export const entFailureItemSchema = z
  .object({ ...summaryFields, candidates: z.array(candidateSchema) })
  .meta({ id: 'EntFailureItem' })

export const entFailurePageSchema = z
  .object({ items: z.array(entFailureItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'EntFailurePage' })

export const entFailureSummarySchema = z
  .object({
    ...summaryFields,
    weakKey: z.boolean(),
    lastReportedAt: z.iso.datetime(),
    linkedLogin: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    rejectReason: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'EntFailureSummary' })

const idParams = z.object({ id: z.string() })

export const listEntFailuresRoute = defineRoute({
  operationId: 'listEntFailures',
  method: 'get',
  path: '/api/admin/ent-failures',
  summary: 'Échecs d’interconnexion ENT, avec les comptes PRONOTE candidats',
  tag: 'Administration',
  access: 'AGENT',
  query: listEntFailuresSchema,
  success: { status: 200, description: 'Une page d’échecs', schema: entFailurePageSchema },
  failures: ['VALIDATION'],
})

export const linkEntFailureRoute = defineRoute({
  operationId: 'linkEntFailure',
  method: 'post',
  path: '/api/admin/ent-failures/{id}/link',
  summary: 'Relier un échec à un compte PRONOTE de l’annuaire',
  tag: 'Administration',
  access: 'AGENT',
  params: idParams,
  body: { schema: linkEntFailureSchema, maxBytes: bodyLimits.adminJson },
  success: { status: 200, description: 'L’échec relié', schema: entFailureSummarySchema },
  failures: ['NOT_FOUND', 'CONFLICT'],
})

export const rejectEntFailureRoute = defineRoute({
  operationId: 'rejectEntFailure',
  method: 'post',
  path: '/api/admin/ent-failures/{id}/reject',
  summary: 'Clore un échec sans compte correspondant, avec un message pour la personne',
  tag: 'Administration',
  access: 'AGENT',
  params: idParams,
  body: { schema: rejectEntFailureSchema, maxBytes: bodyLimits.adminJson },
  success: { status: 200, description: 'L’échec clos', schema: entFailureSummarySchema },
  failures: ['NOT_FOUND', 'CONFLICT'],
})

export const exportEntFailuresRoute = defineRoute({
  operationId: 'exportEntFailures',
  method: 'get',
  path: '/api/admin/ent-failures/export',
  summary: 'Export CSV du suivi (summary) ou de la liste des échecs (failures)',
  tag: 'Administration',
  access: 'AGENT',
  query: z.object({ view: z.enum(['summary', 'failures']).optional() }),
  success: { status: 200, description: 'Fichier CSV (UTF-8)', schema: z.string(), mediaType: 'text/csv' },
})

export const entFailureRoutes = [listEntFailuresRoute, linkEntFailureRoute, rejectEntFailureRoute, exportEntFailuresRoute]
