// The school's own rules (issue 15 §2), combined with the built-in classifier. Pure: the rules are
// given (lib/rules reads them from the database), compiled once per set, and run on the same
// normalised text as the built-in signals (normalize.ts).
//
// Precedence, precision first (a wrong category is worse than UNKNOWN, DOMAIN.md §7):
// - the built-in classifier finds no catalogue category (UNKNOWN) → the school's rule decides;
// - a rule agrees with the built-in verdict → that verdict, the rule added to the evidence;
// - a rule contradicts a weak built-in hint (confidence below STRONG) → the rule decides: it was
//   written for this school's messages and tried on its tickets first;
// - a rule contradicts a clearly recognised message, or rules contradict each other → UNKNOWN,
//   so that an admin reads the ticket; the reason names both sides.

import { classifyNormalized } from './classify'
import { normalize, normalizeShared, type Normalized } from './normalize'
import type { CategoryCode, Classification, Evidence } from './types'

export type RuleKind = 'phrase' | 'regex'

export interface SchoolRule {
  id: string
  kind: RuleKind
  pattern: string
  category: CategoryCode
  variant?: string | null
}

interface CompiledRule {
  rule: SchoolRule
  /** Phrase rules: the normalised words, matched whole. */
  phrase?: string
  /** Regex rules: compiled once, over the normalised text. */
  re?: RegExp
}

export interface CompiledRules {
  readonly rules: readonly CompiledRule[]
  /** Every regex rule in one alternation: one scan says whether any of them can match, so 200
   * rules cost about one (the rules are checked one by one only then). */
  readonly anyRegex: RegExp | null
  /** Phrase rules by their first word: a message's words are looked up once each, instead of
   * searching the message once per phrase. */
  readonly phrasesByFirstWord: ReadonlyMap<string, readonly CompiledRule[]>
}

interface RuleHit {
  rule: SchoolRule
  from: number
  to: number
}

/** Built-in verdicts at or above this confidence are "clearly recognised" (a weight ≥ 2 signal). */
const STRONG = 0.8
const RULE_CONFIDENCE = 0.85

export const noRules: CompiledRules = { rules: [], anyRegex: null, phrasesByFirstWord: new Map() }

/** Folds a regex source the way messages are folded: accents dropped (é → e), so "matière" still matches. */
export function foldPattern(source: string): string {
  return source.normalize('NFD').replace(/\p{M}+/gu, '')
}

/** The words of a phrase rule as they are matched: lowercase, no accents, single spaces. */
export function phraseWords(pattern: string): string {
  return normalize(pattern).text
}

/** Compiles a rule; throws on an invalid regular expression (validated before saving). */
export function compileRule(rule: SchoolRule): CompiledRule {
  if (rule.kind === 'phrase') return { rule, phrase: phraseWords(rule.pattern) }
  return { rule, re: new RegExp(foldPattern(rule.pattern), 'i') }
}

/**
 * Backreferences and named groups would change meaning once the rules are joined in one
 * alternation (a `\\1` names another rule's group): such patterns are refused before saving.
 */
export const JOIN_BREAKERS = /\\[1-9]|\\k<|\(\?<(?![=!])/

export function compileRules(rules: readonly SchoolRule[]): CompiledRules {
  const compiled = rules.map(compileRule).filter((c) => c.re !== undefined || (c.phrase ?? '').length > 0)
  const regexes = compiled.filter((c) => c.re !== undefined && !JOIN_BREAKERS.test(c.rule.pattern))
  const joinable = regexes.length === compiled.filter((c) => c.re !== undefined).length
  const anyRegex = joinable && regexes.length > 1 ? new RegExp(regexes.map((c) => `(?:${c.re!.source})`).join('|'), 'i') : null
  const phrasesByFirstWord = new Map<string, CompiledRule[]>()
  for (const c of compiled) {
    if (c.phrase === undefined) continue
    const first = c.phrase.split(' ', 1)[0]!
    phrasesByFirstWord.set(first, [...(phrasesByFirstWord.get(first) ?? []), c])
  }
  return { rules: compiled, anyRegex, phrasesByFirstWord }
}

function findPhrase(text: string, phrase: string): number {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const before = at === 0 || text.charCodeAt(at - 1) === 32
    const end = at + phrase.length
    if (before && (end === text.length || text.charCodeAt(end) === 32)) return at
  }
  return -1
}

function hitOf(c: CompiledRule, text: string): RuleHit | null {
  if (c.phrase !== undefined) {
    const at = findPhrase(text, c.phrase)
    return at < 0 ? null : { rule: c.rule, from: at, to: at + c.phrase.length }
  }
  const m = c.re!.exec(text)
  if (!m) return null
  // An empty match names no words: it cannot be shown as evidence, so it does not count.
  return m[0].length === 0 ? null : { rule: c.rule, from: m.index, to: m.index + m[0].length }
}

/** Whether one compiled rule matches a normalised text (the dry run's candidate test). */
export function ruleMatches(c: CompiledRule, norm: Normalized): boolean {
  return hitOf(c, norm.text) !== null
}

/** The phrase rules whose first word is a word of `text` (each rule once, in rule order). */
function phraseCandidates(compiled: CompiledRules, text: string): Set<CompiledRule> {
  const found = new Set<CompiledRule>()
  const index = compiled.phrasesByFirstWord
  if (index.size === 0) return found
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 32) continue
    const list = index.get(text.slice(start, i))
    if (list) for (const c of list) found.add(c)
    start = i + 1
  }
  return found
}

function matchAll(compiled: CompiledRules, norm: Normalized): RuleHit[] {
  const hits: RuleHit[] = []
  const regexesMayMatch = compiled.anyRegex === null || compiled.anyRegex.test(norm.text)
  const phrases = phraseCandidates(compiled, norm.text)
  for (const c of compiled.rules) {
    if (c.re ? !regexesMayMatch : !phrases.has(c)) continue
    const hit = hitOf(c, norm.text)
    if (hit) hits.push(hit)
  }
  return hits
}

export function ruleSignal(rule: Pick<SchoolRule, 'kind' | 'pattern'>): string {
  return `Règle de l’établissement (${rule.kind === 'phrase' ? 'expression' : 'expression régulière'}) : « ${rule.pattern} »`
}

function evidenceOf(input: string, norm: Normalized, hit: RuleHit): Evidence {
  const start = norm.origStart[hit.from] as number
  const end = norm.origEnd[hit.to - 1] as number
  const ev: Evidence = { text: input.slice(start, end), signal: ruleSignal(hit.rule), category: hit.rule.category, start, end, rule: hit.rule.id }
  if (hit.rule.variant) ev.variant = hit.rule.variant
  return ev
}

const byStart = (a: Evidence, b: Evidence) => a.start - b.start

/** Applies the precedence above to a built-in verdict and the rules that matched. */
function combine(base: Classification, hits: RuleHit[], evidence: Evidence[]): Classification {
  const all = [...base.evidence, ...evidence].sort(byStart)
  const cats = new Set(hits.map((h) => h.rule.category))
  const first = hits[0]!.rule
  if (cats.has(base.category)) return { ...base, evidence: all }
  if (cats.size > 1) {
    return { category: 'UNKNOWN', confidence: 0.3, evidence: all, reason: 'Des règles de l’établissement se contredisent sur ce message : à vérifier.' }
  }
  if (base.category === 'UNKNOWN' || base.confidence < STRONG) {
    const overrides = base.category === 'UNKNOWN' ? '' : ' (elle l’emporte sur un indice faible)'
    const verdict: Classification = { category: first.category, confidence: RULE_CONFIDENCE, evidence: all, reason: `Reconnu par la règle de l’établissement « ${first.pattern} »${overrides}.` }
    const variant = hits.find((h) => h.rule.variant)?.rule.variant
    if (variant) verdict.variant = variant
    return verdict
  }
  return {
    category: 'UNKNOWN',
    confidence: 0.3,
    evidence: all,
    reason: `La règle de l’établissement « ${first.pattern} » contredit un message reconnu par Relais : à vérifier.`,
  }
}

/** The built-in verdict, then the school's rules with the precedence above. */
export function classifyWithRules(text: string, compiled: CompiledRules): Classification {
  const input = typeof text === 'string' ? text : ''
  // One normalisation for both: the built-in classifier does not normalise again, so `norm` (the
  // shared scratch of normalizeShared) is still this text's when the rules read it.
  const norm = normalizeShared(input)
  const base = classifyNormalized(input, norm)
  if (compiled.rules.length === 0) return base
  const hits = matchAll(compiled, norm)
  if (hits.length === 0) return base
  return combine(base, hits, hits.map((h) => evidenceOf(input, norm, h)))
}
