import 'server-only'
import { hasRole } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import type { SchoolRule } from '@/lib/catalogue/school-rules'
import { db } from '@/lib/db'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { recategorizeTicket } from '@/lib/tickets/mutations'
import { invalidateTicketCounts } from '@/lib/tickets/facets'
import { readEnabledRules, toSchoolRule } from './active'
import { dryRun, type Change } from './dry-run'
import { recordRuleEvent } from './mutations'
import { backtrackingProblem } from './safety'
import { ruleApplyQuerySchema, rulePreviewSchema } from './schemas'

// The dry run as the admin sees it (nothing stored), and apply: the same pass, then each change
// written through lib/tickets' category-change path, a batch of tickets per transaction.

/** Changes listed in a preview answer; the counts cover them all. */
const LISTED = 200
// Tickets per transaction: each holds the database gate, so new reports wait at most one batch.
const BATCH = 25

export interface RulePreview {
  wouldChange: number
  manualUntouched: number
  /** Every change counted by category pair ("from what to what"). */
  transitions: { from: string; to: string; count: number }[]
  changes: { reference: string; from: string; to: string }[]
  /** Tickets the rule matches whose category was set by hand: never changed (`wouldBe` is the rule's verdict). */
  manual: { reference: string; category: string; wouldBe: string }[]
  scanned: number
  lastId: number
  maxId: number
  done: boolean
}

function transitionsOf(changes: Change[]): RulePreview['transitions'] {
  const counts = new Map<string, number>()
  for (const c of changes) counts.set(`${c.from}>${c.to}`, (counts.get(`${c.from}>${c.to}`) ?? 0) + 1)
  return [...counts].map(([key, count]) => {
    const [from = '', to = ''] = key.split('>')
    return { from, to, count }
  })
}

export async function previewRule(viewer: Viewer, input: unknown): Promise<Result<RulePreview>> {
  if (!hasRole(viewer, 'ADMIN')) return fail('FORBIDDEN')
  const parsed = rulePreviewSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { kind, pattern, category, variant, ruleId, afterId, limit } = parsed.data
  if (kind === 'regex') {
    const problem = backtrackingProblem(pattern)
    if (problem) return fail('VALIDATION', { fieldErrors: { pattern: [problem] } })
  }
  const others = await readEnabledRules()
  // A change to a saved rule replaces it (dryRun leaves out the rule of the same id); a rule saved
  // as it is typed is not counted twice.
  const same = others.find((r) => r.kind === kind && r.pattern === pattern && r.category === category)
  const rule: SchoolRule = { id: ruleId ?? same?.id ?? 'preview', kind, pattern, category, variant: variant ?? null }
  const run = await dryRun(rule, others, { ...(afterId !== undefined ? { afterId } : {}), ...(limit !== undefined ? { limit } : {}) })
  return ok({
    wouldChange: run.changes.length,
    manualUntouched: run.manual.length,
    transitions: transitionsOf(run.changes),
    changes: run.changes.slice(0, LISTED).map(({ reference, from, to }) => ({ reference, from, to })),
    manual: run.manual.slice(0, LISTED).map(({ reference, from, to }) => ({ reference, category: from, wouldBe: to })),
    scanned: run.scanned,
    lastId: run.lastId,
    maxId: run.maxId,
    done: run.done,
  })
}

async function writeBatch(viewer: Viewer, rule: SchoolRule, batch: Change[]): Promise<number> {
  const note = `recatégorisé par la règle « ${rule.pattern} »`
  return db.$transaction(async (tx) => {
    let changed = 0
    for (const c of batch) {
      const verdict = { category: c.to, variant: c.verdict.variant ?? null, confidence: c.verdict.confidence, evidence: JSON.stringify(c.verdict.evidence), note }
      if (await recategorizeTicket(tx, viewer, c.reference, c.version, verdict)) changed++
    }
    return changed
  })
}

export interface RuleApplied {
  changed: number
  scanned: number
  lastId: number
  maxId: number
  done: boolean
}

/**
 * Re-classifies the stored automatic tickets the rule changes (its dry run), in batches; `query`
 * may limit the pass to a slice ({ afterId, limit }) so the page can show progress on a large base.
 */
export async function applyRule(viewer: Viewer, id: string, query: unknown = {}): Promise<Result<RuleApplied>> {
  if (!hasRole(viewer, 'ADMIN')) return fail('FORBIDDEN')
  const slice = ruleApplyQuerySchema.safeParse(query)
  if (!slice.success) return invalidInput(slice.error)
  if (typeof id !== 'string' || id.length > 64) return fail('NOT_FOUND')
  const row = await db.catalogueRule.findUnique({ where: { id } })
  if (!row) return fail('NOT_FOUND')
  if (!row.enabled) return fail('VALIDATION', { fieldErrors: { '': ['Cette règle est désactivée : activez-la avant de l’appliquer.'] } })
  const rule = toSchoolRule(row)
  const { afterId, limit } = slice.data
  const run = await dryRun(rule, await readEnabledRules(), { ...(afterId !== undefined ? { afterId } : {}), ...(limit !== undefined ? { limit } : {}) })
  let changed = 0
  for (let i = 0; i < run.changes.length; i += BATCH) changed += await writeBatch(viewer, rule, run.changes.slice(i, i + BATCH))
  // One history line per slice that changed something, and one for the end of the pass.
  if (changed > 0 || run.done) {
    await db.$transaction((tx) => recordRuleEvent(tx, viewer, row, 'APPLIED', { changed, fromId: afterId ?? 0, toId: run.lastId }))
  }
  if (changed > 0) await invalidateTicketCounts()
  return ok({ changed, scanned: run.scanned, lastId: run.lastId, maxId: run.maxId, done: run.done })
}
