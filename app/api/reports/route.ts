import { apiRoute } from '@/lib/http/api-route'
import { publicOrigin } from '@/lib/http/public-origin'
import { trackingUrl } from '@/lib/mail/links'
import { toCreatedReportJson } from '@/lib/reports/dto'
import { createReport } from '@/lib/reports/mutations'
import { createReportRoute } from '@/lib/reports/routes'
import { limitReportSubmission, rateLimitedResponse, reportIdentityOf } from '@/lib/security/rate-limits'

export const dynamic = 'force-dynamic'

/** POST /api/reports: files a report → 201 with its reference and private tracking URL. */
export const POST = apiRoute(createReportRoute, async ({ request, body }) => {
  const limit = await limitReportSubmission(request.headers, reportIdentityOf(body))
  if (!limit.ok) return rateLimitedResponse(limit)
  const result = await createReport(body)
  if (!result.ok) return result
  const link = trackingUrl(publicOrigin(request.headers), result.value.reference, result.value.token)
  return Response.json(toCreatedReportJson(result.value, link), { status: 201, headers: { 'Cache-Control': 'no-store' } })
})
