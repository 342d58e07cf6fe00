import 'server-only'
import { hasRole } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { fail, ok, type Result } from '@/lib/result'
import { toRuleSummary, type RuleHistoryItem, type RuleSummary } from './dto'

/** The school's rules, newest first (ADMIN only). */
export async function listRules(viewer: Viewer): Promise<Result<{ items: RuleSummary[] }>> {
  if (!hasRole(viewer, 'ADMIN')) return fail('FORBIDDEN')
  const rows = await db.catalogueRule.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
  return ok({ items: rows.map(toRuleSummary) })
}

/** The latest changes to the rules, deleted ones included (ADMIN only). */
export async function listRuleHistory(viewer: Viewer, take = 30): Promise<Result<RuleHistoryItem[]>> {
  if (!hasRole(viewer, 'ADMIN')) return fail('FORBIDDEN')
  const rows = await db.catalogueRuleEvent.findMany({ orderBy: { id: 'desc' }, take })
  return ok(
    rows.map((row) => {
      const snapshot = JSON.parse(row.snapshot) as { pattern?: string; changed?: number }
      return {
        ruleId: row.ruleId,
        action: row.action,
        version: row.version,
        actorName: row.actorName,
        createdAt: row.createdAt.toISOString(),
        pattern: snapshot.pattern ?? '',
        ...(typeof snapshot.changed === 'number' ? { applied: snapshot.changed } : {}),
      }
    }),
  )
}
