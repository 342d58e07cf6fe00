import { apiRoute } from '@/lib/http/api-route'
import { diagnoseMessage } from '@/lib/reports/live-diagnosis'
import { classifyRoute } from '@/lib/reports/routes'
import { limitClassification, rateLimitedResponse } from '@/lib/security/rate-limits'

export const dynamic = 'force-dynamic'

/** POST /api/classify {"message"} → the classifier's verdict; stores nothing. */
export const POST = apiRoute(classifyRoute, async ({ request, body }) => {
  const limit = await limitClassification(request.headers)
  if (!limit.ok) return rateLimitedResponse(limit)
  return diagnoseMessage(body)
})
