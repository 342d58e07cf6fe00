import 'server-only'
import { hasRole } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import type { Prisma } from '@/lib/generated/prisma/client'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { rulesChanged } from './active'
import { toRuleSummary, type RuleSummary } from './dto'
import { backtrackingProblem } from './safety'
import { patternProblem, ruleIdSchema, ruleInputSchema, ruleUpdateSchema, type RuleUpdate } from './schemas'

// Creating, changing and deleting the school's rules (ADMIN only). Every change bumps the rule's
// version (a change based on another version is refused: CONFLICT) and writes a CatalogueRuleEvent
// with its author and a snapshot, in the same transaction; that event id is also the stamp that
// makes every server process re-read the rules (active.ts).

type Tx = Prisma.TransactionClient
type RuleRow = Awaited<ReturnType<typeof db.catalogueRule.findUniqueOrThrow>>

export type RuleAction = 'CREATED' | 'UPDATED' | 'ENABLED' | 'DISABLED' | 'DELETED' | 'APPLIED'

export async function recordRuleEvent(tx: Tx, viewer: Viewer, rule: RuleRow, action: RuleAction, extra: Record<string, unknown> = {}) {
  const { kind, pattern, category, variant, enabled } = rule
  await tx.catalogueRuleEvent.create({
    data: {
      ruleId: rule.id,
      action,
      version: rule.version,
      actorId: viewer.id,
      actorName: viewer.name,
      snapshot: JSON.stringify({ kind, pattern, category, variant, enabled, ...extra }),
    },
  })
}

/** A French refusal of the pattern (syntax, then backtracking for a regex), keyed for the form. */
function refusePattern(kind: 'phrase' | 'regex', pattern: string): Result<never> | null {
  const problem = patternProblem(kind, pattern) ?? (kind === 'regex' ? backtrackingProblem(pattern) : null)
  return problem ? fail('VALIDATION', { fieldErrors: { pattern: [problem] } }) : null
}

/** Saves a new rule, enabled: new reports use it at once. */
export async function createRule(viewer: Viewer, input: unknown): Promise<Result<RuleSummary>> {
  if (!hasRole(viewer, 'ADMIN')) return fail('FORBIDDEN')
  const parsed = ruleInputSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { kind, pattern, category, variant } = parsed.data
  const refused = refusePattern(kind, pattern)
  if (refused) return refused
  const rule = await db.$transaction(async (tx) => {
    const created = await tx.catalogueRule.create({
      data: { kind, pattern, category, variant: variant ?? null, createdById: viewer.id, createdBy: viewer.name },
    })
    await recordRuleEvent(tx, viewer, created, 'CREATED')
    return created
  })
  rulesChanged()
  return ok(toRuleSummary(rule))
}

function changeOf(current: RuleRow, update: RuleUpdate): Prisma.CatalogueRuleUpdateInput {
  const data: Prisma.CatalogueRuleUpdateInput = {}
  if (update.enabled !== undefined && update.enabled !== current.enabled) data.enabled = update.enabled
  if (update.pattern !== undefined && update.pattern !== current.pattern) data.pattern = update.pattern
  if (update.category !== undefined && update.category !== current.category) {
    data.category = update.category
    // A variant belongs to one category: it goes with a category change unless given anew.
    if (update.variant === undefined) data.variant = null
  }
  if (update.variant !== undefined && update.variant !== current.variant) data.variant = update.variant
  return data
}

function actionOf(data: Prisma.CatalogueRuleUpdateInput): RuleAction {
  const keys = Object.keys(data)
  if (keys.length === 1 && data.enabled !== undefined) return data.enabled ? 'ENABLED' : 'DISABLED'
  return 'UPDATED'
}

/** Enables, disables or edits a rule seen at `version`. */
export async function updateRule(viewer: Viewer, id: string, input: unknown): Promise<Result<RuleSummary>> {
  if (!hasRole(viewer, 'ADMIN')) return fail('FORBIDDEN')
  const parsed = ruleUpdateSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  if (!ruleIdSchema.safeParse(id).success) return fail('NOT_FOUND')
  const current = await db.catalogueRule.findUnique({ where: { id } })
  if (!current) return fail('NOT_FOUND')
  if (current.version !== parsed.data.version) return fail('CONFLICT')
  const data = changeOf(current, parsed.data)
  if (Object.keys(data).length === 0) return ok(toRuleSummary(current))
  const next = { ...current, ...data } as RuleRow
  const whole = ruleInputSchema.safeParse({ kind: next.kind, pattern: next.pattern, category: next.category, variant: next.variant })
  if (!whole.success) return invalidInput(whole.error)
  if (data.pattern !== undefined) {
    const refused = refusePattern(whole.data.kind, whole.data.pattern)
    if (refused) return refused
  }
  const updated = await db.$transaction(async (tx) => {
    const changed = await tx.catalogueRule.updateMany({ where: { id, version: current.version }, data: { ...data, version: { increment: 1 } } })
    if (changed.count === 0) return null
    const row = await tx.catalogueRule.findUniqueOrThrow({ where: { id } })
    await recordRuleEvent(tx, viewer, row, actionOf(data))
    return row
  })
  if (!updated) return fail('CONFLICT')
  rulesChanged()
  return ok(toRuleSummary(updated))
}

/** Deletes a rule; its history (CatalogueRuleEvent) is kept. Tickets it changed keep their category. */
export async function deleteRule(viewer: Viewer, id: string): Promise<Result<{ id: string }>> {
  if (!hasRole(viewer, 'ADMIN')) return fail('FORBIDDEN')
  if (!ruleIdSchema.safeParse(id).success) return fail('NOT_FOUND')
  const deleted = await db.$transaction(async (tx) => {
    const rule = await tx.catalogueRule.findUnique({ where: { id } })
    if (!rule) return false
    await tx.catalogueRule.delete({ where: { id } })
    await recordRuleEvent(tx, viewer, { ...rule, enabled: false }, 'DELETED')
    return true
  })
  if (!deleted) return fail('NOT_FOUND')
  rulesChanged()
  return ok({ id })
}
