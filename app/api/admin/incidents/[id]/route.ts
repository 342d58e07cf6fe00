import { apiRoute } from '@/lib/http/api-route'
import { handleUpdateIncident } from '@/lib/incidents/api'
import { getIncident } from '@/lib/incidents/queries'
import { getIncidentRoute, updateIncidentRoute } from '@/lib/incidents/routes'

export const GET = apiRoute(getIncidentRoute, ({ viewer, params }) => getIncident(viewer, params.id ?? ''))

export const PATCH = apiRoute(updateIncidentRoute, ({ viewer, params, body }) => handleUpdateIncident(viewer, params.id ?? '', body))
