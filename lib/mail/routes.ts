import { defineRoute } from '@/lib/http/api-contract'
import { outboxPageSchema, outboxQuerySchema } from './schemas'

// The outbox in the admin JSON API (lib/http/api-contract.ts). No message body is ever shown.

export const listOutboxRoute = defineRoute({
  operationId: 'listOutbox',
  method: 'get',
  path: '/api/admin/outbox',
  summary: 'Messages à envoyer, envoyés ou en échec (destinataire, type, signalement ; jamais le contenu) (ADMIN)',
  tag: 'Administration',
  access: 'ADMIN',
  query: outboxQuerySchema,
  success: { status: 200, description: 'Une page de l’outbox, du plus récent au plus ancien', schema: outboxPageSchema },
  failures: ['VALIDATION'],
})

export const mailRoutes = [listOutboxRoute]
