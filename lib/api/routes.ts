import { z } from 'zod'
import { directoryRoutes } from '@/lib/directory/routes'
import { entFailureRoutes } from '@/lib/ent-failures/routes'
import { mailRoutes } from '@/lib/mail/routes'
import { incidentRoutes } from '@/lib/incidents/routes'
import { reportRoutes } from '@/lib/reports/routes'
import { privacyRoutes } from '@/lib/privacy/routes'
import { statsRoutes } from '@/lib/stats/routes'
import { ruleRoutes } from '@/lib/rules/routes'
import { ticketRoutes } from '@/lib/tickets/routes'
import { defineRoute, type ApiRoute } from '@/lib/http/api-contract'

// Every route of the JSON API, as published at /api/openapi.json. A new domain's routes.ts is listed
// here; tests/security/openapi.test.ts calls each documented route against the app.

export const healthRoute = defineRoute({
  operationId: 'getHealth',
  method: 'get',
  path: '/api/health',
  summary: 'État du service et de la base de données',
  tag: 'Service',
  access: 'public',
  success: {
    status: 200,
    description: 'Le service répond (503 avec status "error" quand la base ne répond pas)',
    schema: z
      .object({
        status: z.enum(['ok', 'error']),
        db: z.enum(['ok', 'error']),
        /** The database behind the service (issue 18). */
        provider: z.enum(['sqlite', 'postgresql']),
      })
      .meta({ id: 'Health' }),
  },
})

export const apiRoutes: ApiRoute[] = [
  ...reportRoutes,
  ...ticketRoutes,
  ...entFailureRoutes,
  ...incidentRoutes,
  ...directoryRoutes,
  ...privacyRoutes,
  ...statsRoutes,
  ...mailRoutes,
  ...ruleRoutes,
  healthRoute,
]
