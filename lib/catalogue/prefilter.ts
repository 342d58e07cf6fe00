// Necessary literals of a classifier pattern, derived from the pattern itself (issue 12 §6): a list
// of groups such that every string the pattern matches in normalised text contains, for each
// group, at least one of its literals. The classifier finds all literals in one pass and skips a
// pattern whose groups are not all met, so a hand-kept list can no longer silently disable a new
// alternative.
//
// The derivation walks the pattern's syntax tree (parsed by regexpp, the parser ESLint uses) and
// only ever loses precision, never soundness: a construct it cannot bound (a long repetition, a
// large character class) simply contributes no literal.
//
// Literals are looked up in ' ' + text + ' ' (see markLiterals), so a word boundary `\b` next to a
// letter becomes a space: `\bent\b` needs " ent ".

import { RegExpParser } from '@eslint-community/regexpp'
import type { Alternative, CharacterClass, CharacterSet, Element, Pattern } from '@eslint-community/regexpp/ast'
import { patternKey } from './pattern-key'

/** Normalised text only holds these characters (normalize.ts). */
const ALPHABET = ' abcdefghijklmnopqrstuvwxyz0123456789'
const WORD_CHARS = ALPHABET.slice(1)
/** Largest finite set of strings tracked for one sub-pattern before it is summarised. */
const MAX_EXACT = 96
/** Largest character class enumerated as strings. */
const MAX_CLASS = 6
/** Longer literals are cut to their end (any part of a necessary literal is necessary too): the
 * variants of a long phrase then share one literal, which keeps the automaton small. */
const MAX_LITERAL = 12
/** Groups whose shortest literal is shorter than this are too common to be worth checking. */
const MIN_LITERAL = 3
// Marks a `\b` inside a literal until the literal is complete and its neighbours are known.
const BOUNDARY = '\u0001'

interface Info {
  /** Every string the sub-pattern can match, when that set is small; null otherwise. */
  exact: string[] | null
  /** Necessary groups (AND of ORs) when `exact` is null. */
  groups: string[][]
}

const NONE: Info = { exact: null, groups: [] }

function cross(a: string[], b: string[]): string[] {
  const out = new Set<string>()
  for (const x of a) for (const y of b) out.add(x + y)
  return [...out]
}

function isWord(ch: string): boolean {
  return ch !== ' '
}

/**
 * Resolves the boundary marks of a finished literal against their neighbours: next to a space
 * the mark is satisfied and vanishes; at an edge next to a letter it stands for the space (or the
 * padding) that must be there; between two letters or two spaces it cannot match (null).
 */
export function resolveBoundaries(literal: string): string | null {
  const s = literal.replace(/\u0001+/g, BOUNDARY)
  if (!s.includes(BOUNDARY)) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string
    if (ch !== BOUNDARY) {
      out += ch
      continue
    }
    const left = i > 0 ? (s[i - 1] as string) : undefined
    const right = i + 1 < s.length ? (s[i + 1] as string) : undefined
    if (left !== undefined && right !== undefined) {
      if (isWord(left) === isWord(right)) return null
    } else if (left === undefined && right !== undefined && isWord(right)) {
      out += ' '
    } else if (right === undefined && left !== undefined && isWord(left)) {
      out += ' '
    }
  }
  return out
}

/** A group cleaned up: boundary marks resolved, impossible literals dropped, superstrings dropped. */
function cleanGroup(group: string[]): string[] {
  const resolved = [
    ...new Set(group.map(resolveBoundaries).filter((l): l is string => l !== null).map((l) => l.slice(-MAX_LITERAL))),
  ]
  resolved.sort((a, b) => a.length - b.length)
  const kept: string[] = []
  // A literal containing another of the same group adds nothing: the shorter one is present too.
  for (const l of resolved) if (!kept.some((k) => l.includes(k))) kept.push(l)
  return kept
}

/** How selective a group is: its shortest literal's length (0 for a group any text meets). Cutting
 * superstrings never changes the shortest literal, so this skips `cleanGroup`'s quadratic part. */
function strength(group: string[]): number {
  let min = Infinity // no possible literal: nothing can match, the strongest possible check
  for (const l of group) {
    const r = resolveBoundaries(l)
    if (r !== null && r.length < min) min = Math.min(r.length, MAX_LITERAL)
  }
  return min
}

/** An alternative's usable groups, strongest first (at most `limit`). */
function usableGroups(info: Info, limit: number): string[][] {
  const candidates = info.exact ? [info.exact] : info.groups
  return candidates
    .map((g) => [g, strength(g)] as const)
    .filter(([, s]) => s >= MIN_LITERAL)
    .sort((x, y) => y[1] - x[1])
    .slice(0, limit)
    .map(([g]) => g)
}

/** Most groups one alternation yields (see below). */
const MAX_CLAUSES = 16

function alternation(alternatives: Alternative[]): Info {
  const infos = alternatives.map(sequence)
  if (infos.length === 1) return infos[0] as Info
  if (infos.every((i) => i.exact)) {
    const union = [...new Set(infos.flatMap((i) => i.exact as string[]))]
    if (union.length <= MAX_EXACT) return { exact: union, groups: [] }
  }
  // (A1 and A2) or (B1 and B2) implies (A1 or B1), (A1 or B2), (A2 or B1) and (A2 or B2): every way
  // of taking one group from each alternative is a necessary group. Only the strongest few are kept.
  let limit = 3
  let choices = infos.map((i) => usableGroups(i, limit))
  while (limit > 1 && choices.reduce((n, c) => n * c.length, 1) > MAX_CLAUSES) {
    limit--
    choices = infos.map((i) => usableGroups(i, limit))
  }
  if (choices.some((c) => c.length === 0)) return NONE
  let clauses: string[][] = [[]]
  for (const options of choices) clauses = clauses.flatMap((clause) => options.map((g) => [...clause, ...g]))
  return { exact: null, groups: clauses }
}

function sequence(alt: Alternative): Info {
  let acc: string[] | null = ['']
  let whole = true
  const groups: string[][] = []
  for (const el of alt.elements) {
    const info = element(el)
    if (acc && info.exact && acc.length * info.exact.length <= MAX_EXACT) {
      acc = cross(acc, info.exact)
      continue
    }
    whole = false
    if (acc) groups.push(acc)
    groups.push(...info.groups)
    acc = info.exact
  }
  if (whole) return { exact: acc, groups: [] }
  if (acc) groups.push(acc)
  return { exact: null, groups }
}

function power(set: string[], n: number): string[] | null {
  let out = ['']
  for (let i = 0; i < n; i++) {
    if (out.length * set.length > MAX_EXACT) return null
    out = cross(out, set)
  }
  return out
}

function classChars(node: CharacterClass | CharacterSet): string | null {
  if (node.type === 'CharacterSet') {
    if (node.kind === 'any' || node.kind === 'property') return null
    const base = node.kind === 'digit' ? '0123456789' : node.kind === 'word' ? WORD_CHARS : ' '
    return node.negate ? [...ALPHABET].filter((c) => !base.includes(c)).join('') : base
  }
  if (node.unicodeSets) return null
  let chars = ''
  for (const e of node.elements) {
    if (e.type === 'Character') chars += String.fromCodePoint(e.value)
    else if (e.type === 'CharacterClassRange') {
      for (let c = e.min.value; c <= e.max.value; c++) chars += String.fromCodePoint(c)
    } else {
      const inner = classChars(e)
      if (inner === null) return null
      chars += inner
    }
  }
  const inAlphabet = [...ALPHABET].filter((c) => chars.includes(c))
  return (node.negate ? [...ALPHABET].filter((c) => !inAlphabet.includes(c)) : inAlphabet).join('')
}

function element(el: Element): Info {
  switch (el.type) {
    case 'Character': {
      const ch = String.fromCodePoint(el.value)
      // A character normalised text never holds: this path cannot match.
      return { exact: ALPHABET.includes(ch) ? [ch] : [], groups: [] }
    }
    case 'CharacterClass':
    case 'CharacterSet': {
      const chars = el.type === 'CharacterSet' || !el.unicodeSets ? classChars(el) : null
      return chars !== null && chars.length <= MAX_CLASS ? { exact: [...chars], groups: [] } : NONE
    }
    case 'Group':
    case 'CapturingGroup':
      return alternation(el.alternatives)
    case 'Assertion':
      // Lookarounds and edges consume nothing; a word boundary becomes a mark resolved later.
      return { exact: [el.kind === 'word' && !el.negate ? BOUNDARY : ''], groups: [] }
    case 'Quantifier':
      return quantifier(el.min, el.max, element(el.element))
    default:
      return NONE
  }
}

function quantifier(min: number, max: number, inner: Info): Info {
  if (min === 0) {
    return max === 1 && inner.exact ? { exact: ['', ...inner.exact], groups: [] } : NONE
  }
  if (!inner.exact) return { exact: null, groups: inner.groups }
  const first = power(inner.exact, min)
  if (first && min === max) return { exact: first, groups: [] }
  // At least `min` repetitions: the first ones are necessary.
  return { exact: null, groups: [first ?? inner.exact] }
}

const parser = new RegExpParser({ ecmaVersion: 2025 })

/** The necessary literal groups of `source` (a pattern over normalised text), strongest first. */
export function necessaryLiterals(source: string): string[][] {
  const pattern: Pattern = parser.parsePattern(source, 0, source.length, { unicode: false, unicodeSets: false })
  const info = alternation(pattern.alternatives)
  const raw = info.exact ? [info.exact] : info.groups
  const groups: string[][] = []
  const seen = new Set<string>()
  for (const g of raw) {
    const clean = cleanGroup(g)
    const key = clean.join('|')
    if (seen.has(key)) continue
    seen.add(key)
    if (clean.length > 0 && Math.min(...clean.map((l) => l.length)) < MIN_LITERAL) continue
    groups.push(clean)
  }
  return groups.sort((a, b) => strength(b) - strength(a))
}

export interface PreCheckFile {
  /** Every literal once. */
  literals: string[]
  /** patternKey(source) → groups of indexes into `literals`. */
  patterns: Record<string, number[][]>
}

/** The pre-check file's content for these pattern sources. */
export function derivePreChecks(sources: readonly string[]): PreCheckFile {
  const file: PreCheckFile = { literals: [], patterns: {} }
  const index = new Map<string, number>()
  const indexOf = (l: string) => {
    let i = index.get(l)
    if (i === undefined) {
      i = file.literals.push(l) - 1
      index.set(l, i)
    }
    return i
  }
  for (const source of sources) file.patterns[patternKey(source)] = necessaryLiterals(source).map((g) => g.map(indexOf))
  return file
}
