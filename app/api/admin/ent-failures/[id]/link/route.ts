import { linkEntFailure } from '@/lib/ent-failures/mutations'
import { linkEntFailureRoute } from '@/lib/ent-failures/routes'
import { apiRoute } from '@/lib/http/api-route'
import { mailStatusChange } from '@/lib/mail/outbox'

export const POST = apiRoute(linkEntFailureRoute, ({ viewer, params, body }) => linkEntFailure(viewer, params.id ?? '', body, mailStatusChange))
