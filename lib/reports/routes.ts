import { z } from 'zod'
import { categoryCodes } from '@/lib/catalogue/types'
import { bodyLimits, defineRoute, evidenceSchema, selfHelpSchema } from '@/lib/http/api-contract'
import { ticketStatuses } from '@/lib/tickets/status'
import { confirmationSchema } from './confirmation-schema'
import { classifyRequestSchema, reportSchema } from './schemas'

// The public JSON API (lib/http/api-contract.ts): filing a report, following it, the live diagnosis.

const reportIncidentSchema = z
  .object({
    id: z.string(),
    since: z.iso.datetime(),
    message: z.string().nullable().meta({ description: 'L’avis public, quand l’établissement en a publié un.' }),
  })
  .meta({ id: 'ReportIncident' })

export const createdReportSchema = z
  .object({
    reference: z.string(),
    category: z.enum(categoryCodes),
    variant: z.string().optional(),
    confidence: z.number(),
    label: z.string(),
    trackingUrl: z.url().meta({ description: 'Lien privé de suivi ; le jeton n’est renvoyé qu’une fois.' }),
    selfHelp: selfHelpSchema.optional(),
    incident: reportIncidentSchema.optional().meta({ description: 'Présent quand le signalement rejoint un incident (problème commun).' }),
  })
  .meta({ id: 'CreatedReport' })

export const trackedReportSchema = z
  .object({
    reference: z.string(),
    status: z.enum(ticketStatuses),
    statusLabel: z.string(),
    category: z.enum(categoryCodes),
    label: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    publicMessage: z.string().nullable(),
    selfHelp: selfHelpSchema.optional(),
    incident: reportIncidentSchema.nullable().meta({ description: 'L’incident ouvert dont fait partie le signalement (inutile de signaler à nouveau).' }),
    confirmation: z.enum(['WORKS', 'STILL_BLOCKED']).nullable().meta({ description: 'La réponse de la personne après la résolution.' }),
  })
  .meta({ id: 'TrackedReport' })

export const classificationSchema = z
  .object({
    category: z.enum(categoryCodes),
    variant: z.string().optional(),
    confidence: z.number(),
    label: z.string(),
    evidence: z.array(evidenceSchema),
  })
  .meta({ id: 'Classification' })

export const createReportRoute = defineRoute({
  operationId: 'createReport',
  method: 'post',
  path: '/api/reports',
  summary: 'Déposer un signalement',
  tag: 'Signalements',
  access: 'public',
  body: { schema: reportSchema, maxBytes: bodyLimits.publicJson },
  success: { status: 201, description: 'Signalement enregistré', schema: createdReportSchema },
  rateLimited: true,
})

export const trackReportRoute = defineRoute({
  operationId: 'getTrackedReport',
  method: 'get',
  path: '/api/reports/{reference}',
  summary: 'Suivre un signalement avec son jeton privé',
  tag: 'Signalements',
  access: 'public',
  params: z.object({ reference: z.string().meta({ example: 'RL-7K3F-9Q2M' }) }),
  query: z.object({ t: z.string().meta({ description: 'Jeton privé de suivi' }) }),
  success: { status: 200, description: 'État public du signalement', schema: trackedReportSchema },
  failures: ['NOT_FOUND'],
})

export const classifyRoute = defineRoute({
  operationId: 'classifyMessage',
  method: 'post',
  path: '/api/classify',
  summary: 'Diagnostic d’un message d’erreur (rien n’est enregistré)',
  tag: 'Signalements',
  access: 'public',
  body: { schema: classifyRequestSchema, maxBytes: bodyLimits.publicJson },
  success: { status: 200, description: 'Verdict du classifieur', schema: classificationSchema },
  rateLimited: true,
})

export const confirmReportRoute = defineRoute({
  operationId: 'confirmReport',
  method: 'post',
  path: '/api/reports/{reference}/confirmation',
  summary: 'Après une résolution : « Pouvez-vous vous connecter maintenant ? » (Non rouvre le signalement)',
  tag: 'Signalements',
  access: 'public',
  params: z.object({ reference: z.string().meta({ example: 'RL-7K3F-9Q2M' }) }),
  query: z.object({ t: z.string().meta({ description: 'Jeton privé de suivi' }) }),
  body: { schema: confirmationSchema, maxBytes: bodyLimits.publicJson, kinds: ['json', 'form'] },
  success: {
    status: 200,
    description: 'Réponse enregistrée',
    schema: z.object({ status: z.enum(ticketStatuses), verified: z.boolean() }).meta({ id: 'ConfirmationOutcome' }),
  },
  failures: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
})

export const reportRoutes = [createReportRoute, trackReportRoute, classifyRoute, confirmReportRoute]
