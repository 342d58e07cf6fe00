import { apiRoute } from '@/lib/http/api-route'
import { listOutbox } from '@/lib/mail/queries'
import { listOutboxRoute } from '@/lib/mail/routes'

export const GET = apiRoute(listOutboxRoute, ({ viewer, query }) => listOutbox(viewer, query))
