import { apiRoute } from '@/lib/http/api-route'
import { handleDetach } from '@/lib/incidents/api'
import { detachIncidentTicketRoute } from '@/lib/incidents/routes'

export const POST = apiRoute(detachIncidentTicketRoute, ({ viewer, params, body }) => handleDetach(viewer, params.id ?? '', body))
