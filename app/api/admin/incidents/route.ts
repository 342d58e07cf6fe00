import { apiRoute } from '@/lib/http/api-route'
import { listIncidents } from '@/lib/incidents/queries'
import { listIncidentsRoute } from '@/lib/incidents/routes'

export const GET = apiRoute(listIncidentsRoute, ({ viewer, query }) => listIncidents(viewer, query))
