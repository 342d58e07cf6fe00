import { apiRoute } from '@/lib/http/api-route'
import { mailStatusChange } from '@/lib/mail/outbox'
import { getTicketWithResolution } from '@/lib/tickets/api'
import { updateTicket } from '@/lib/tickets/mutations'
import { getTicketRoute, updateTicketRoute } from '@/lib/tickets/routes'

export const GET = apiRoute(getTicketRoute, ({ viewer, params }) => getTicketWithResolution(viewer, params.reference ?? ''))

export const PATCH = apiRoute(updateTicketRoute, async ({ viewer, params, body }) => {
  const updated = await updateTicket(viewer, params.reference ?? '', body, mailStatusChange)
  return updated.ok ? getTicketWithResolution(viewer, params.reference ?? '') : updated
})
