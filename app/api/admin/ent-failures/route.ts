import { listEntFailuresForApi } from '@/lib/ent-failures/api'
import { listEntFailuresRoute } from '@/lib/ent-failures/routes'
import { apiRoute } from '@/lib/http/api-route'

export const GET = apiRoute(listEntFailuresRoute, ({ viewer, query }) => listEntFailuresForApi(viewer, query))
