import { apiRoute } from '@/lib/http/api-route'
import { exportDashboardTable } from '@/lib/stats/csv'
import { exportStatsRoute } from '@/lib/stats/routes'

export const dynamic = 'force-dynamic'

export const GET = apiRoute(exportStatsRoute, async ({ viewer, query }) => {
  const result = await exportDashboardTable(viewer, query)
  if (!result.ok) return result
  return new Response(result.value.csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${result.value.file}"` },
  })
})
