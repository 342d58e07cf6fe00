import 'server-only'
import { canManageAccounts } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { fail, ok, type Result } from '@/lib/result'
import { accountColumns, toAccountSummary, type AccountSummary } from './dto'

/** Every staff account, active ones first, then by name. ADMIN only. */
export async function listAccounts(viewer: Viewer): Promise<Result<AccountSummary[]>> {
  if (!canManageAccounts(viewer)) return fail('FORBIDDEN')
  const rows = await db.staffUser.findMany({ select: accountColumns, orderBy: [{ name: 'asc' }, { email: 'asc' }] })
  const accounts = rows.map(toAccountSummary)
  return ok([...accounts.filter((a) => !a.disabled), ...accounts.filter((a) => a.disabled)])
}

/** How many accounts exist at all (startup hint when there are none). */
export function countAccounts(): Promise<number> {
  return db.staffUser.count()
}
