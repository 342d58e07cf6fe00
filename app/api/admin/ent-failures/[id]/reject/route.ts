import { authorizeApi } from '@/lib/auth/api'
import { ADMIN_JSON_MAX_BYTES, withinBodyLimit } from '@/lib/security/body-limit'
import { refuseCrossOrigin } from '@/lib/security/origin'
import { handleDecision } from '@/lib/ent-failures/api'

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const crossOrigin = refuseCrossOrigin(request)
  if (crossOrigin) return crossOrigin
  const auth = await authorizeApi('AGENT', request)
  if (!auth.ok) return auth.response
  const { id } = await params
  const bounded = await withinBodyLimit(request, ADMIN_JSON_MAX_BYTES)
  if (bounded instanceof Response) return bounded
  return handleDecision(auth.viewer, id, bounded, 'reject')
}
