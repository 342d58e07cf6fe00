import { apiRoute } from '@/lib/http/api-route'
import { handleReopen } from '@/lib/incidents/api'
import { reopenIncidentRoute } from '@/lib/incidents/routes'

export const POST = apiRoute(reopenIncidentRoute, ({ viewer, params, body }) => handleReopen(viewer, params.id ?? '', body))
