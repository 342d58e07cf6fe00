import { ruleCategories } from '@/lib/rules/schemas'
import type { RuleDraft } from './dry-run'

// The page's address can carry a rule to try (from a ticket whose category was corrected by hand):
// /admin/catalogue?motif=…&categorie=…&essai=1 fills the form and starts the dry run.

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? ''

export function initialDraft(params: Record<string, string | string[] | undefined>): { draft: RuleDraft; autoRun: boolean } {
  const category = first(params.categorie)
  const draft: RuleDraft = {
    kind: first(params.type) === 'regex' ? 'regex' : 'phrase',
    pattern: first(params.motif).slice(0, 300),
    category: (ruleCategories as readonly string[]).includes(category) ? category : 'SITE_UNAVAILABLE',
    variant: '',
  }
  return { draft, autoRun: first(params.essai) === '1' && draft.pattern.trim().length > 0 }
}
