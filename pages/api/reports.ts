import { apiRoute } from '@/lib/http/api-route'
import { nodeRoute } from '@/lib/http/node-route'
import { publicOrigin } from '@/lib/http/public-origin'
import { trackingUrl } from '@/lib/mail/links'
import { toCreatedReportJson } from '@/lib/reports/dto'
import { createReport } from '@/lib/reports/mutations'
import { createReportRoute } from '@/lib/reports/routes'
import { limitReportSubmission, rateLimitedResponse, reportIdentityOf } from '@/lib/security/rate-limits'

// POST /api/reports is the one route served by the Pages Router: the hot path of back-to-school,
// where the App Router's own cost per request is most of the server's (lib/http/node-route.ts).
// The handler is the same web route handler as every other endpoint's, exported as POST for tests.

/** POST /api/reports: files a report → 201 with its reference and private tracking URL. */
export const POST = apiRoute(createReportRoute, async ({ request, body }) => {
  const limit = await limitReportSubmission(request.headers, reportIdentityOf(body))
  if (!limit.ok) return rateLimitedResponse(limit)
  const result = await createReport(body)
  if (!result.ok) return result
  const link = trackingUrl(publicOrigin(request.headers), result.value.reference, result.value.token)
  return Response.json(toCreatedReportJson(result.value, link), { status: 201, headers: { 'Cache-Control': 'no-store' } })
})

export default nodeRoute(createReportRoute, POST)
// Static, as Next reads it at build time: lib/http/node-route.ts reads the body itself.
export const config = { api: { bodyParser: false, externalResolver: true } }
