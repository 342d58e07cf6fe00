import { apiRoute } from '@/lib/http/api-route'
import { handleResolve } from '@/lib/incidents/api'
import { resolveIncidentRoute } from '@/lib/incidents/routes'

export const POST = apiRoute(resolveIncidentRoute, ({ viewer, params, body }) => handleResolve(viewer, params.id ?? '', body))
