import { rejectEntFailure } from '@/lib/ent-failures/mutations'
import { rejectEntFailureRoute } from '@/lib/ent-failures/routes'
import { apiRoute } from '@/lib/http/api-route'
import { mailStatusChange } from '@/lib/mail/outbox'

export const POST = apiRoute(rejectEntFailureRoute, ({ viewer, params, body }) => rejectEntFailure(viewer, params.id ?? '', body, mailStatusChange))
