import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { getResolution } from '@/lib/resolution/queries'
import { ok, type Result } from '@/lib/result'
import type { TicketDetail } from './dto'
import { getTicketDetail } from './detail'
import type { ResolutionView } from '@/lib/resolution/registry'

/** A ticket as the admin API shows it: its detail plus where its cause is fixed. */
export async function getTicketWithResolution(
  viewer: Viewer,
  reference: string,
): Promise<Result<TicketDetail & { resolution: ResolutionView }>> {
  const result = await getTicketDetail(viewer, reference)
  if (!result.ok) return result
  const { category, menuPath, steps, link, linkNote, addressCheck } = await getResolution(result.value)
  return ok({ ...result.value, resolution: { category, menuPath, steps, link, linkNote, addressCheck } })
}
