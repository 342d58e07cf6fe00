import { apiRoute } from '@/lib/http/api-route'
import { exportTicketsCsv } from '@/lib/tickets/export'
import { exportTicketsRoute } from '@/lib/tickets/routes'

export const dynamic = 'force-dynamic'

export const GET = apiRoute(exportTicketsRoute, async ({ viewer, query }) => {
  const result = exportTicketsCsv(viewer, query)
  if (!result.ok) return result
  const file = `signalements-${new Date().toISOString().slice(0, 10)}.csv`
  return new Response(result.value, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}"` },
  })
})
