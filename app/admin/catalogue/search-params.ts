import type { RuleSummary } from '@/lib/rules/dto'
import { ruleCategories } from '@/lib/rules/schemas'
import type { RuleDraft } from './dry-run'

// The page's address can carry a rule to try (from a ticket whose category was corrected by hand):
// /admin/catalogue?motif=…&categorie=…&essai=1 fills the form and starts the dry run; ?modifier=<id>
// opens a saved rule for a change (tried, then saved with the version it was read at).

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? ''

export interface Initial {
  draft: RuleDraft
  autoRun: boolean
  editing: { id: string; version: number } | null
}

export function initialDraft(params: Record<string, string | string[] | undefined>, rules: RuleSummary[]): Initial {
  const edited = rules.find((r) => r.id === first(params.modifier))
  if (edited) {
    const draft: RuleDraft = { kind: edited.kind, pattern: edited.pattern, category: edited.category, variant: edited.variant ?? '' }
    return { draft, autoRun: false, editing: { id: edited.id, version: edited.version } }
  }
  const category = first(params.categorie)
  const draft: RuleDraft = {
    kind: first(params.type) === 'regex' ? 'regex' : 'phrase',
    pattern: first(params.motif).slice(0, 300),
    category: (ruleCategories as readonly string[]).includes(category) ? category : 'SITE_UNAVAILABLE',
    variant: '',
  }
  return { draft, autoRun: first(params.essai) === '1' && draft.pattern.trim().length > 0, editing: null }
}
