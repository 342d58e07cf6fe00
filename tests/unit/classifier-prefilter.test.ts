// The classifier skips a pattern when its pre-check literals are absent (issue 12 §6). The literals
// are derived from the patterns (prefilter.ts, into pre-checks.json); these tests check that file is
// current and prove the literal sets sound: for every pattern, no text the pattern matches is skipped.
// Texts are generated from the patterns themselves (each alternative, each repetition count),
// glued to noise, normalised, and checked against the plain pattern.

import { RegExpParser } from '@eslint-community/regexpp'
import type { Alternative, Element } from '@eslint-community/regexpp/ast'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { meets } from '@/lib/catalogue/literal-scan'
import { normalize } from '@/lib/catalogue/normalize'
import preChecks from '@/lib/catalogue/pre-checks.json'
import { derivePreChecks, necessaryLiterals } from '@/lib/catalogue/prefilter'
import { contexts, literals, markLiterals, signals } from '@/lib/catalogue/signals'
import { loadCorpus } from '@/scripts/classifier-corpus'

const ALPHABET = ' abcdefghijklmnopqrstuvwxyz0123456789'
const parser = new RegExpParser({ ecmaVersion: 2025 })

/** Strings built from a pattern's syntax: every alternative and repetition count can come up. */
function fromAlternatives(alts: Alternative[]): fc.Arbitrary<string> {
  return fc.oneof(...alts.map(fromSequence))
}

function fromSequence(alt: Alternative): fc.Arbitrary<string> {
  if (alt.elements.length === 0) return fc.constant('')
  return fc.tuple(...alt.elements.map(fromElement)).map((parts) => parts.join(''))
}

function fromElement(el: Element): fc.Arbitrary<string> {
  switch (el.type) {
    case 'Character':
      return fc.constant(String.fromCodePoint(el.value))
    case 'CharacterClass':
    case 'CharacterSet': {
      // Membership asked of the engine itself, over the characters normalised text can hold.
      const re = new RegExp(`^${el.raw}$`)
      const chars = [...ALPHABET].filter((c) => re.test(c))
      return chars.length > 0 ? fc.constantFrom(...chars) : fc.constant('')
    }
    case 'Group':
    case 'CapturingGroup':
      return fromAlternatives(el.alternatives)
    case 'Assertion':
      // A word boundary is often met by a space; lookarounds are left to the noise around.
      return el.kind === 'word' ? fc.constantFrom('', ' ') : fc.constant('')
    case 'Quantifier': {
      const maxLength = Math.min(el.max, el.min + 3)
      return fc.array(fromElement(el.element), { minLength: el.min, maxLength }).map((p) => p.join(''))
    }
    default:
      return fc.constant('')
  }
}

const vocabulary = [...new Set(loadCorpus().flatMap((e) => normalize(e.text).text.split(' ')))].filter(Boolean)
const noise = fc.oneof(
  fc.array(fc.constantFrom(...vocabulary), { maxLength: 6 }).map((w) => w.join(' ')),
  fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 12 }),
)
const glue = fc.constantFrom('', ' ')

function textsFor(source: string): fc.Arbitrary<string> {
  const match = fromAlternatives(parser.parsePattern(source, 0, source.length, { unicode: false }).alternatives)
  return fc
    .tuple(noise, glue, match, glue, noise)
    .map((parts) => normalize(parts.join('')).text)
}

const present = new Uint8Array(literals.length)
function passes(text: string, need: number[][] | undefined): boolean {
  present.fill(0)
  markLiterals(text, present)
  return meets(need, present)
}

/** Runs the property; returns how many generated texts the pattern really matched. */
function checkSound(source: string, need: number[][] | undefined, numRuns: number): number {
  const re = new RegExp(source)
  let matched = 0
  fc.assert(
    fc.property(textsFor(source), (text) => {
      if (!re.test(text)) return true
      matched++
      return passes(text, need)
    }),
    { numRuns },
  )
  return matched
}

const patterns = [
  ...signals.map((s) => ({ name: s.signal, source: s.re.source, need: s.need })),
  ...Object.entries(contexts).map(([kind, c]) => ({ name: `context ${kind}`, source: c.re.source, need: c.need })),
]

describe('classifier pre-check literals', () => {
  it.each(patterns.map((p) => [p.name, p] as const))('never skip a text the pattern matches: %s', (_, p) => {
    const matched = checkSound(p.source, p.need, 300)
    // The generator must actually exercise the pattern, or the property proves nothing.
    expect(matched, 'generated texts that the pattern matches').toBeGreaterThan(100)
  })

  it('never skip a corpus text or a mix of corpus words that a pattern matches', () => {
    const texts = loadCorpus().map((e) => normalize(e.text).text)
    for (let i = 0; i < 3000; i++) {
      const words: string[] = []
      for (let k = 0; k < 12; k++) words.push(vocabulary[(i * 7919 + k * 104729) % vocabulary.length] as string)
      texts.push(words.join(' '))
    }
    for (const p of patterns) {
      const re = new RegExp(p.source)
      for (const text of texts) if (re.test(text)) expect(passes(text, p.need), `${p.name} on ${text}`).toBe(true)
    }
  })

  it('are derived from the current patterns (pre-checks.json is up to date)', () => {
    const current = derivePreChecks(patterns.map((p) => p.source))
    expect(preChecks, 'pre-checks.json is out of date: run npm run classifier:pre-checks').toEqual(current)
  })

  it('are those the classifier uses, and normalised text can hold each of them', () => {
    for (const p of patterns) {
      const derived = necessaryLiterals(p.source)
      expect(p.need?.map((g) => g.map((i) => literals[i])) ?? [], p.name).toEqual(derived)
      for (const group of derived) expect(group.length, `${p.name}: a group no text can meet`).toBeGreaterThan(0)
    }
    for (const l of literals) {
      // A double space or a foreign character would mean an alternative that can never match.
      expect(l, 'literal').toMatch(/^[a-z0-9 ]+$/)
      expect(l.includes('  '), `literal ${JSON.stringify(l)}`).toBe(false)
    }
  })

  it('catches a literal set that misses an alternative', () => {
    const http503 = signals.find((s) => s.signal === 'HTTP Error 503')!
    // One literal per alternative ("err", "error", "erreur"), cut to its last 12 characters.
    const sound = http503.need!.map((g) => g.map((i) => literals[i]))
    expect(sound).toHaveLength(1)
    expect([...sound[0]!].sort()).toEqual(['http err 503', 'p erreur 503', 'tp error 503'])
    // The literal of one alternative forgotten, as a hand-kept list could.
    const broken = [http503.need![0]!.filter((i) => literals[i] !== 'http err 503')]
    expect(() => checkSound(http503.re.source, broken, 300)).toThrow(/Property failed/)
  })
})

describe('markLiterals', () => {
  it('finds exactly the literals contained in the padded text', () => {
    const found = new Uint8Array(literals.length)
    fc.assert(
      fc.property(fc.oneof(noise, fc.constantFrom(...literals)), noise, (a, b) => {
        const text = normalize(`${a} ${b}`).text
        found.fill(0)
        markLiterals(text, found)
        const padded = ` ${text} `
        return literals.every((l, i) => (found[i] === 1) === padded.includes(l))
      }),
      { numRuns: 300 },
    )
  })
})

describe('necessaryLiterals', () => {
  it.each([
    ['\\bent\\b', [[' ent ']]],
    ['\\b503\\b', [[' 503 ']]],
    ['abc ?def', [['abcdef', 'abc def']]],
    // Long literals are cut to their last 12 characters, so variants share one.
    ['mots? de passe (?:incorrect|faux)', [['se incorrect', 'e passe faux']]],
    ['(?:a|b) (?:cd|ef) ghi', [['a cd ghi', 'a ef ghi', 'b cd ghi', 'b ef ghi']]],
    // An unbounded alternative: no literal can be required, so the pattern is always tried.
    ['erreur 503|\\w+ indisponible', [['erreur 503', 'indisponible']]],
    ['503|[a-z]+', []],
    ['x?', []],
    // A boundary between two letters can never match.
    ['a\\bb|cde', [['cde']]],
  ])('%s → %j', (source, expected) => {
    expect(necessaryLiterals(source)).toEqual(expected)
  })
})
