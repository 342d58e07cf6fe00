import { apiRoute } from '@/lib/http/api-route'
import { handleMerge } from '@/lib/incidents/api'
import { mergeIncidentsRoute } from '@/lib/incidents/routes'

export const POST = apiRoute(mergeIncidentsRoute, ({ viewer, params, body }) => handleMerge(viewer, params.id ?? '', body))
