import { describe, expect, it } from 'vitest'
import { classify } from '@/lib/catalogue/classify'
import { classifyWithRules, compileRules, type SchoolRule } from '@/lib/catalogue/school-rules'
import { patternProblem, ruleInputSchema } from '@/lib/rules/schemas'
import { suggestPhrase } from '@/lib/rules/suggest'

// The school's rules as the classifier applies them (issue 15 §2): phrase semantics, regexes over
// the normalised text, evidence offsets, and the precedence documented in school-rules.ts.

const rule = (over: Partial<SchoolRule>): SchoolRule => ({ id: 'r1', kind: 'phrase', pattern: 'ecran violet', category: 'SITE_UNAVAILABLE', ...over })
const verdict = (text: string, ...rules: SchoolRule[]) => classifyWithRules(text, compileRules(rules))

describe('phrase rules', () => {
  it.each([
    ['L’ÉCRAN   Violet apparaît', 'SITE_UNAVAILABLE'],
    ['écran-violet !', 'SITE_UNAVAILABLE'],
    ['ecran violet', 'SITE_UNAVAILABLE'],
    ['un écran violette', 'UNKNOWN'], // whole words only
    ['ecranviolet', 'UNKNOWN'],
    ['un violet ecran', 'UNKNOWN'], // word order kept
  ])('%s → %s', (text, expected) => {
    expect(verdict(text, rule({})).category).toBe(expected)
  })

  it('reports the matched words at their place in the original text, naming the rule', () => {
    const text = 'Bonjour, l’Écran  Violet revient.'
    const v = verdict(text, rule({ variant: 'SERVER_BUSY' }))
    const ev = v.evidence.find((e) => e.rule === 'r1')!
    expect(text.slice(ev.start, ev.end)).toBe(ev.text)
    expect(ev.text).toBe('Écran  Violet')
    expect(ev.signal).toBe('Règle de l’établissement (expression) : « ecran violet »')
    expect(v).toMatchObject({ category: 'SITE_UNAVAILABLE', variant: 'SERVER_BUSY' })
  })
})

describe('regex rules', () => {
  it('run over the normalised text: case and accents ignored, in the pattern too; letters and digits apart', () => {
    expect(verdict('ERREUR417', rule({ kind: 'regex', pattern: 'erreur \\d{3}' })).category).toBe('SITE_UNAVAILABLE')
    const r = rule({ kind: 'regex', pattern: 'code (?:é|e)rreur \\d{3}' })
    expect(verdict('CODE ÉRREUR 417', r).category).toBe('SITE_UNAVAILABLE')
    expect(verdict('code erreur 41', r).category).toBe('UNKNOWN')
  })

  it('give the same verdicts one by one as joined in one alternation (200 rules)', () => {
    const many = Array.from({ length: 200 }, (_, i) => rule({ id: `r${i}`, kind: 'regex', pattern: `motif ${i} (?:a|b)+z`, category: i % 2 ? 'WRONG_ADDRESS' : 'SITE_UNAVAILABLE' }))
    for (const i of [0, 57, 199]) {
      const alone = verdict(`un motif ${i} abz ici`, many[i]!)
      const joined = verdict(`un motif ${i} abz ici`, ...many)
      expect(joined.category).toBe(alone.category)
      expect(joined.evidence.map((e) => e.rule)).toEqual([`r${i}`])
    }
    expect(verdict('aucun motif ici', ...many).category).toBe('UNKNOWN')
  })

  it.each([
    ['(erreur', /invalide/],
    ['x*', /texte vide/],
    ['(a)\\1', /références arrière/],
    ['(?<nom>a)b', /groupes nommés/],
  ])('refuses %s', (pattern, message) => {
    expect(patternProblem('regex', pattern)).toMatch(message)
    expect(ruleInputSchema.safeParse({ kind: 'regex', pattern, category: 'SITE_UNAVAILABLE' }).success).toBe(false)
  })

  it('refuses a variant of another category and a phrase without words', () => {
    expect(ruleInputSchema.safeParse({ kind: 'phrase', pattern: 'ecran violet', category: 'BAD_CREDENTIALS', variant: 'SERVER_BUSY' }).success).toBe(false)
    expect(ruleInputSchema.safeParse({ kind: 'phrase', pattern: ' ?! ', category: 'BAD_CREDENTIALS' }).success).toBe(false)
  })
})

describe('precedence: precision first', () => {
  const strong = 'Votre identifiant ou votre mot de passe est incorrect. Écran violet.'
  const weak = 'Je vois une page en anglais et un écran violet.'

  it('a rule agreeing with the built-in verdict keeps it and adds its evidence', () => {
    const v = verdict(strong, rule({ category: 'BAD_CREDENTIALS' }))
    expect(v.category).toBe('BAD_CREDENTIALS')
    expect(v.confidence).toBe(classify(strong).confidence)
    expect(v.evidence.some((e) => e.rule === 'r1')).toBe(true)
  })

  it('a rule contradicting a clearly recognised message gives UNKNOWN, for an admin to read', () => {
    expect(classify(strong).confidence).toBeGreaterThanOrEqual(0.8)
    const v = verdict(strong, rule({ category: 'WRONG_ADDRESS' }))
    expect(v.category).toBe('UNKNOWN')
    expect(v.reason).toContain('contredit')
  })

  it('a rule outweighs a weak built-in hint', () => {
    expect(classify(weak).confidence).toBeLessThan(0.8)
    expect(verdict(weak, rule({ category: 'WRONG_ADDRESS' })).category).toBe('WRONG_ADDRESS')
  })

  it('rules contradicting each other give UNKNOWN', () => {
    const v = verdict('écran violet clignotant', rule({}), rule({ id: 'r2', pattern: 'violet clignotant', category: 'WRONG_ADDRESS' }))
    expect(v.category).toBe('UNKNOWN')
  })

  it('no rule: exactly the built-in verdict', () => {
    expect(verdict(strong)).toEqual(classify(strong))
  })
})

describe('learning from corrections', () => {
  it.each([
    ['Bonjour. Le portail affiche « Panneau Cornichon » et je ne peux rien faire !', 'Le portail affiche Panneau Cornichon et je ne'],
    ['  ...  ', ''],
    ['Erreur X', 'Erreur X'],
  ])('suggests the longest sentence’s first words: %s', (message, expected) => {
    expect(suggestPhrase(message)).toBe(expected)
  })

  it('suggests words that, as a phrase rule, match the message they came from', () => {
    const message = 'Le portail affiche « Panneau Cornichon » et je ne peux rien faire.'
    expect(verdict(message, rule({ pattern: suggestPhrase(message) })).category).toBe('SITE_UNAVAILABLE')
  })
})
