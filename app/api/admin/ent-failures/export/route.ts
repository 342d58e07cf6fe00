import { exportEntFailuresCsv } from '@/lib/ent-failures/export'
import { exportEntFailuresRoute } from '@/lib/ent-failures/routes'
import { apiRoute } from '@/lib/http/api-route'

export const GET = apiRoute(exportEntFailuresRoute, async ({ viewer, query }) => {
  const view = query.view === 'failures' ? 'failures' : 'summary'
  const result = await exportEntFailuresCsv(viewer, view)
  if (!result.ok) return result
  const file = `echecs-interconnexion-${view === 'failures' ? 'liste' : 'suivi'}-${new Date().toISOString().slice(0, 10)}.csv`
  return new Response(result.value, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}"` },
  })
})
