// Regular-expression fragments shared by the classifier's signals and contexts. They run on the
// NORMALISED text (lowercase ASCII, single spaces, see normalize.ts); typo and SMS tolerance lives
// here (optional letters, phonetic spellings).

import type { CategoryCode } from './types'

export const W = '(?:[a-z0-9]+ )' // one word and its trailing space
// "mot 2 passe": SMS writes the "de" as a digit.
export const PW = '(?:mot?s? ?(?:(?:de?|2) ?)?pas+e?s?|mdps?|pas+ ?wo?rds?|passwd)'
export const ID =
  '(?:i?n?dent?ifi?(?:ant|ent|an|en)s?|logins?|nom d utilisateur|user? ?names?|codes? d acces|codes? de connexion|codes? pronote|codes? educonnect)'
export const CRED = `(?:${PW}|${ID})`
// Unambiguous "wrong" words, and looser ones that only count right next to the credential word.
export const WRONG_STRONG =
  '(?:inc?orr?ec?te?s?|faux|fausses?|errone(?:e|s|es)?|invalides?|refusee?s?|(?:non|pas|plus) (?:reconnue?s?|valides?|accepte(?:e|s|es)?)|wrong|invalid|not (?:recogni[sz]ed|accepted|valid))'
export const WRONG_LOOSE = `(?:${WRONG_STRONG}|pas (?:bon|correct|juste)(?:e|s|es)?|pa bon|mauvaise?s?|(?:ne )?(?:marche|fonctionne)(?:nt)? (?:pas|pa|plus|plu)\\b|(?:ne )?passe pas)`
export const NO = '(?:pas|pa|plus)'
export const ACCES = '(?:acces|acce|access|aces)'
export const ESPACES = '(?:parents?|eleves?|professeurs?|profs?|vie scolaire|accompagnants?|entreprises?|academie|direction)'
export const DISPO = '(?:dispo\\w*|dispn\\w*)'
export const SITE = '(?:site|sit|cite)'
export const NEST = '(?:n ?e?st|nest|n e|n es|est|es|e|c)'
export const ENTS =
  '\\b(?:ent|educonnect|edu connect|monlycee|atrium|toutatice|eclat(?: bfc)?|skolengo|laclasse|enej|l educ de normandie|mon ent occitanie|lycee connecte|mon bureau numerique)\\b'

// An identity form met while activating or creating an account (EduConnect's own activation asks
// for the child's birth date) is not PRONOTE's form after the ENT.
const ACTIVATION = '(?:activ|creat|creer|creation|inscri|regist|sign up|signing up)'
// Checked right after the form word (a lookbehind placed there runs only where that word matched).
export const notAfterActivation = `(?<!\\b${ACTIVATION}\\w*(?: [a-z0-9]+){0,8} [a-z0-9]+)`
export const NOT_ACTIVATION_AFTER = `(?!(?: [a-z0-9]+){0,8} ${ACTIVATION})`

/** [category, variant, weight, signal, pattern, generic]: `generic` signals are dropped when they
 * are about a feature inside an Espace (rule 6). */
export type Def = [CategoryCode, string | undefined, number, string, string, boolean?]

export const S = 'SERVER_NOT_PUBLISHED'
export const SU = 'SITE_UNAVAILABLE'
export const EA = 'ESPACE_ACCESS_DISABLED'
export const WA = 'WRONG_ADDRESS'
export const BC = 'BAD_CREDENTIALS'
export const EN = 'ENT_IDENTITY_MISMATCH'
export const UN = 'UNKNOWN'

