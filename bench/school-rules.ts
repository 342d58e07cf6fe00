// 200 school rules for the benchmarks (issue 15 §2: "a rule can't slow the submission path"):
// half phrases, half regular expressions, built from varied French-looking words so that they
// start with different letters (the worst case for the regexes' joined alternation). None of them
// matches the corpus, as most rules miss most messages; a few matching rules cost no more.

import type { SchoolRule } from '../lib/catalogue/school-rules'
import { ruleCategories } from '../lib/rules/schemas'

const syllables = ['ba', 'cre', 'di', 'fo', 'gu', 'ja', 'ke', 'lo', 'mi', 'nu', 'pra', 'que', 'ri', 'so', 'tu', 'va', 'xe', 'zo']

/** A deterministic made-up word (no corpus word: the rules must miss). */
function word(i: number, salt: number): string {
  const a = syllables[(i * 7 + salt) % syllables.length]!
  const b = syllables[(i * 13 + salt * 3) % syllables.length]!
  const c = syllables[(i * 5 + salt * 11 + 1) % syllables.length]!
  return `${a}${b}${c}`
}

export function schoolRules(count = 200): SchoolRule[] {
  return Array.from({ length: count }, (_, i) => {
    const category = ruleCategories[i % ruleCategories.length]!
    return i % 2 === 0
      ? { id: `bench-${i}`, kind: 'phrase', pattern: `${word(i, 1)} ${word(i, 2)} ${word(i, 3)}`, category }
      : { id: `bench-${i}`, kind: 'regex', pattern: `${word(i, 4)}(?:s|x)? (?:${word(i, 5)}|${word(i, 6)}) \\d{2,4}`, category }
  })
}
