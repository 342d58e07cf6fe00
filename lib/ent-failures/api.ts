import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { ok, type Result } from '@/lib/result'
import { toApiItem } from './dto'
import { listEntFailures } from './queries'

/** A page of ENT failures as the admin API shows it (candidates without their internal fields). */
export async function listEntFailuresForApi(viewer: Viewer, query: unknown) {
  const result = await listEntFailures(viewer, query)
  if (!result.ok) return result
  return ok({ items: result.value.items.map(toApiItem), nextCursor: result.value.nextCursor }) satisfies Result<unknown>
}
