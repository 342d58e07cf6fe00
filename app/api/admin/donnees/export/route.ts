import { apiRoute } from '@/lib/http/api-route'
import { exportPersonalData } from '@/lib/privacy/person-data'
import { exportPersonalDataRoute } from '@/lib/privacy/routes'

export const dynamic = 'force-dynamic'

/** POST (form or JSON) {kind: email|login, value} → the person's data as a JSON download. ADMIN only. */
export const POST = apiRoute(exportPersonalDataRoute, async ({ viewer, body }) => {
  const result = await exportPersonalData(viewer, body)
  if (!result.ok) return result
  return new Response(JSON.stringify(result.value, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="relais-donnees-${result.value.exportedAt.slice(0, 10)}.json"`,
    },
  })
})
