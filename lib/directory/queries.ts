import 'server-only'
import { hasRole } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { fail, ok, type Result } from '@/lib/result'

export async function countDirectoryAccounts(viewer: Viewer): Promise<Result<number>> {
  if (!hasRole(viewer, 'AGENT')) return fail('FORBIDDEN')
  return ok(await db.directoryAccount.count())
}
