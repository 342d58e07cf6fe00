import 'server-only'
import { classifyWithRules, compileRules, noRules, type CompiledRules, type SchoolRule } from '@/lib/catalogue/school-rules'
import type { CategoryCode, Classification } from '@/lib/catalogue/types'
import { readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { sqlDialect } from '@/lib/sql-dialect'

// The enabled school rules, as every server process sees them. The rules live in the database
// only; each process keeps them compiled with the version stamp they were read at (the highest
// CatalogueRuleEvent id: every change writes one) and compares that stamp again before classifying
// once STAMP_TTL_MS has passed, so a rule saved by another process applies to new reports within
// that bound, and one saved by this process at once (`rulesChanged`). The stamp is one primary-key
// lookup on the owned connection (lib/db.ts), never a read of the rules themselves.

const STAMP_TTL_MS = 500

interface Loaded {
  stamp: number
  checkedAt: number
  compiled: CompiledRules
}

const globalForRules = globalThis as unknown as { relaisRules?: Loaded | null; relaisRulesLoading?: Promise<Loaded> | null; relaisRulesGeneration?: number }

async function readStamp(): Promise<number> {
  const [row] = await readRows<{ stamp: number | null }>(Prisma.sql`SELECT max("id") AS "stamp" FROM "CatalogueRuleEvent"`)
  return row?.stamp ?? 0
}

interface RuleRow {
  id: string
  kind: string
  pattern: string
  category: string
  variant: string | null
}

export function toSchoolRule(row: RuleRow): SchoolRule {
  return { id: row.id, kind: row.kind === 'regex' ? 'regex' : 'phrase', pattern: row.pattern, category: row.category as CategoryCode, variant: row.variant }
}

/** The enabled rules, oldest first (the order their evidence is listed in). */
export async function readEnabledRules(): Promise<SchoolRule[]> {
  const rows = await readRows<RuleRow>(Prisma.sql`SELECT "id", "kind", "pattern", "category", "variant" FROM "CatalogueRule"
    WHERE "enabled" = ${sqlDialect().true} ORDER BY "createdAt", "id"`)
  return rows.map(toSchoolRule)
}

async function load(): Promise<Loaded> {
  const stamp = await readStamp()
  const current = globalForRules.relaisRules
  if (current && current.stamp === stamp) return { ...current, checkedAt: Date.now() }
  return { stamp, checkedAt: Date.now(), compiled: compileRules(await readEnabledRules()) }
}

/** The compiled enabled rules, re-read when their stamp moved. */
export async function activeRules(): Promise<CompiledRules> {
  const current = globalForRules.relaisRules
  if (current && Date.now() - current.checkedAt < STAMP_TTL_MS) return current.compiled
  const generation = globalForRules.relaisRulesGeneration ?? 0
  const loading = (globalForRules.relaisRulesLoading ??= load())
  const loaded = await loading
  if (globalForRules.relaisRulesLoading === loading) globalForRules.relaisRulesLoading = null
  // A load that began before this process changed a rule may have read the old rules: used once, not kept.
  if ((globalForRules.relaisRulesGeneration ?? 0) === generation) globalForRules.relaisRules = loaded
  return loaded.compiled ?? noRules
}

/** Called after this process changed a rule: the next classification reads the rules again. */
export function rulesChanged(): void {
  globalForRules.relaisRulesGeneration = (globalForRules.relaisRulesGeneration ?? 0) + 1
  globalForRules.relaisRules = null
  globalForRules.relaisRulesLoading = null
}

/** The verdict on a new report or a live diagnosis: built-in signals and the school's rules. */
export async function classifyMessage(text: string): Promise<Classification> {
  return classifyWithRules(text, await activeRules())
}
