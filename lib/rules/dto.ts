import type { CategoryCode } from '@/lib/catalogue/types'

// What the admin page and the JSON API show of a school rule. Pure.

export interface RuleSummary {
  id: string
  kind: 'phrase' | 'regex'
  pattern: string
  category: CategoryCode
  variant: string | null
  enabled: boolean
  version: number
  createdAt: string
  /** Name of the admin who created the rule. */
  createdBy: string
}

export interface RuleRowLike {
  id: string
  kind: string
  pattern: string
  category: string
  variant: string | null
  enabled: boolean
  version: number
  createdAt: Date
  createdBy: string
}

export function toRuleSummary(row: RuleRowLike): RuleSummary {
  return {
    id: row.id,
    kind: row.kind === 'regex' ? 'regex' : 'phrase',
    pattern: row.pattern,
    category: row.category as CategoryCode,
    variant: row.variant,
    enabled: row.enabled,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  }
}

/** One line of a rule's history, for the admin page. */
export interface RuleHistoryItem {
  ruleId: string
  action: string
  version: number
  actorName: string
  createdAt: string
  pattern: string
  applied?: number
}

export const ruleActionLabels: Record<string, string> = {
  CREATED: 'Créée',
  UPDATED: 'Modifiée',
  ENABLED: 'Activée',
  DISABLED: 'Désactivée',
  DELETED: 'Supprimée',
  APPLIED: 'Appliquée aux signalements',
}
