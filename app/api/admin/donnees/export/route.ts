import { authorizeAdminWrite } from '@/lib/http/admin-write'
import { messageFor } from '@/lib/result'
import { exportPersonalData } from '@/lib/security/privacy'

export const dynamic = 'force-dynamic'

/** POST (form or JSON) {kind: email|login, value} → the person's data as a JSON download. ADMIN only. */
export async function POST(request: Request) {
  const guard = await authorizeAdminWrite(request, 'ADMIN', 4 * 1024)
  if (!guard.ok) return guard.response
  const { viewer, request: bounded } = guard

  let input: unknown
  try {
    const isJson = bounded.headers.get('content-type')?.includes('json')
    input = isJson ? await bounded.json() : Object.fromEntries(await bounded.formData())
  } catch {
    return Response.json({ error: 'invalid_request', message: messageFor('VALIDATION') }, { status: 400 })
  }
  const result = await exportPersonalData(viewer, input)
  if (!result.ok) {
    return Response.json(
      { error: result.code.toLowerCase(), message: messageFor(result.code), fieldErrors: result.fieldErrors },
      { status: result.code === 'VALIDATION' ? 400 : 403 },
    )
  }
  const date = result.value.exportedAt.slice(0, 10)
  return new Response(JSON.stringify(result.value, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="relais-donnees-${date}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
