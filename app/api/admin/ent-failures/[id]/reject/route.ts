import { authorizeApi } from '@/lib/auth/api'
import { handleDecision } from '@/lib/ent-failures/api'

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi('AGENT', request)
  if (!auth.ok) return auth.response
  const { id } = await params
  return handleDecision(auth.viewer, id, request, 'reject')
}
