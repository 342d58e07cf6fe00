import { apiRoute } from '@/lib/http/api-route'
import { errorResponse } from '@/lib/result'
import { toTrackedReportJson } from '@/lib/reports/dto'
import { getTrackedReport } from '@/lib/reports/queries'
import { trackReportRoute } from '@/lib/reports/routes'

export const dynamic = 'force-dynamic'

const privateHeaders = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }

/** GET /api/reports/{reference}?t={token}: the public status of a report, for its token holder. */
export const GET = apiRoute(trackReportRoute, async ({ params, query }) => {
  const result = await getTrackedReport(params.reference ?? '', query.t ?? null)
  if (!result.ok) return errorResponse('NOT_FOUND', { headers: privateHeaders })
  return Response.json(toTrackedReportJson(result.value), { headers: privateHeaders })
})
