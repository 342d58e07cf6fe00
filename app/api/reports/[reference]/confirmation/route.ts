import { apiRoute } from '@/lib/http/api-route'
import { confirmReport } from '@/lib/reports/confirmation'
import { confirmReportRoute } from '@/lib/reports/routes'
import { errorResponse } from '@/lib/result'

export const dynamic = 'force-dynamic'

const privateHeaders = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }

/** POST /api/reports/{reference}/confirmation?t={token}: "Pouvez-vous vous connecter maintenant ?" */
export const POST = apiRoute(confirmReportRoute, async ({ params, query, body }) => {
  const result = await confirmReport(params.reference ?? '', query.t ?? null, body)
  if (!result.ok) return result.code === 'NOT_FOUND' ? errorResponse('NOT_FOUND', { headers: privateHeaders }) : result
  return Response.json(result.value, { headers: privateHeaders })
})
