import { apiRoute } from '@/lib/http/api-route'
import { listTickets } from '@/lib/tickets/list'
import { listTicketsRoute } from '@/lib/tickets/routes'

export const GET = apiRoute(listTicketsRoute, ({ viewer, query }) => listTickets(viewer, query))
