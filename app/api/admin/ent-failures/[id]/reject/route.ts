import { handleDecision } from '@/lib/ent-failures/api'
import { authorizeAdminWrite } from '@/lib/http/admin-write'

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const guard = await authorizeAdminWrite(request, 'AGENT')
  if (!guard.ok) return guard.response
  return handleDecision(guard.viewer, (await params).id, guard.request, 'reject')
}
