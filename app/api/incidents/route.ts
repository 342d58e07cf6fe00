import { apiRoute } from '@/lib/http/api-route'
import { listPublicIncidents } from '@/lib/incidents/queries'
import { listPublicIncidentsRoute } from '@/lib/incidents/routes'
import { ok } from '@/lib/result'

export const dynamic = 'force-dynamic'

/** GET /api/incidents: the known problems shown above the report form. */
export const GET = apiRoute(listPublicIncidentsRoute, async () => ok({ items: await listPublicIncidents() }))
