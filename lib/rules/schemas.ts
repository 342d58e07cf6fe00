import { z } from 'zod'
import { catalogue } from '@/lib/catalogue/entries'
import { foldPattern, JOIN_BREAKERS, phraseWords } from '@/lib/catalogue/school-rules'
import { categoryCodes, type CategoryCode } from '@/lib/catalogue/types'

// Inputs of the school's rules (issue 15 §2). Pure: the admin page reuses them for early feedback.
// The backtracking check needs a heavy analyser and runs on the server only (lib/rules/safety.ts).

export const ruleKinds = ['phrase', 'regex'] as const
export const ruleKindLabels = { phrase: 'Expression', regex: 'Expression régulière' } as const

/** A rule names a catalogue category: UNKNOWN is what happens without one. */
export const ruleCategories = categoryCodes.filter((c): c is Exclude<CategoryCode, 'UNKNOWN'> => c !== 'UNKNOWN')

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)

const PATTERN_MAX = 300

const pattern = z
  .string({ message: 'Indiquez l’expression à reconnaître.' })
  .trim()
  .min(1, 'Indiquez l’expression à reconnaître.')
  .max(PATTERN_MAX, `L’expression est limitée à ${PATTERN_MAX} caractères.`)

/** Why a pattern of this kind cannot be a rule (syntax only), or null. */
export function patternProblem(kind: (typeof ruleKinds)[number], source: string): string | null {
  if (kind === 'phrase') {
    const words = phraseWords(source)
    if (words.length === 0) return 'L’expression doit contenir au moins un mot (lettres ou chiffres).'
    if (words.length < 3) return 'L’expression est trop courte : au moins 3 lettres ou chiffres.'
    return null
  }
  if (JOIN_BREAKERS.test(source)) return 'Les références arrière (\\1, \\k<…>) et les groupes nommés ne sont pas acceptés.'
  let re: RegExp
  try {
    re = new RegExp(foldPattern(source), 'i')
  } catch {
    return 'Cette expression régulière est invalide : vérifiez les parenthèses, crochets et caractères spéciaux.'
  }
  if (re.test('')) return 'Cette expression régulière reconnaît un texte vide : elle reconnaîtrait tous les messages.'
  return null
}

function variantProblem(category: string, variant: string | null | undefined): string | null {
  if (!variant) return null
  const entry = catalogue[category as CategoryCode]
  return entry?.variants.some((v) => v.code === variant) ? null : 'Cette variante n’appartient pas à la catégorie choisie.'
}

const ruleFields = {
  kind: z.enum(ruleKinds, { message: 'Choisissez « expression » ou « expression régulière ».' }),
  pattern,
  category: z.enum(ruleCategories, { message: 'Choisissez une catégorie du catalogue.' }),
  variant: z.preprocess(blankToNull, z.string().max(64).nullable().optional()),
}

/** A new rule, or one tried in the dry run: { kind, pattern, category, variant? }. */
/** A rule's pattern must be usable and safe for its kind, and its variant belong to its category. */
function checkRule(rule: { kind: (typeof ruleKinds)[number]; pattern: string; category: string; variant?: string | null }, ctx: z.RefinementCtx) {
  const problem = patternProblem(rule.kind, rule.pattern)
  if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem })
  const variant = variantProblem(rule.category, rule.variant)
  if (variant) ctx.addIssue({ code: 'custom', path: ['variant'], message: variant })
}

export const ruleInputSchema = z
  .object(ruleFields)
  .superRefine(checkRule)
  .meta({ id: 'CatalogueRuleInput' })
export type RuleInput = z.infer<typeof ruleInputSchema>

/** The dry run's body: a rule, and optionally the slice of tickets to scan (progress on a large base). */
export const rulePreviewSchema = z
  .object({
    ...ruleFields,
    ruleId: z.string().max(64).optional().meta({ description: 'Règle enregistrée dont c’est une modification : essayée à la place de sa version actuelle.' }),
    afterId: z.number().int().min(0).optional().meta({ description: 'Ne parcourir que les signalements d’identifiant supérieur.' }),
    limit: z.number().int().min(1).max(1_000_000).optional().meta({ description: 'Nombre de signalements à parcourir (tous par défaut).' }),
  })
  .superRefine(checkRule)
  .meta({ id: 'CatalogueRulePreviewInput' })
export type RulePreviewInput = z.infer<typeof rulePreviewSchema>

/** A change: { version, enabled?, pattern?, category?, variant? }. */
export const ruleUpdateSchema = z
  .object({
    version: z.coerce.number({ message: 'Version manquante.' }).int().min(1),
    enabled: z.boolean().optional(),
    pattern: pattern.optional(),
    category: ruleFields.category.optional(),
    variant: ruleFields.variant,
  })
  .meta({ id: 'CatalogueRuleUpdate' })
export type RuleUpdate = z.infer<typeof ruleUpdateSchema>

export const ruleIdSchema = z.string().min(1).max(64)

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** Apply's optional slice, in the query string (the page applies slice by slice to show progress). */
export const ruleApplyQuerySchema = z.object({
  afterId: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional()).meta({ description: 'Ne traiter que les signalements d’identifiant supérieur.' }),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000).optional()).meta({ description: 'Nombre de signalements à parcourir (tous par défaut).' }),
})
