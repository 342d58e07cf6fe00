// Ranks directory accounts as candidates for one ENT identity, with the reasons of each rank. Pure:
// the index is built once per directory state and reused for every failure on the page.
import { profileLabels, type ProfileCode } from '@/lib/catalogue/types'
import { nameTokens, normalizeName } from '@/lib/directory/normalize'
import { similarity } from './similarity'

export interface DirectoryEntry {
  login: string
  lastName: string
  firstName: string
  profile: string
  group: string | null
  birthDate: string | null
}

interface IndexedAccount extends DirectoryEntry {
  first: string[]
  last: string[]
  compactFirstLast: string
  compactLastFirst: string
  exact: string
}

export interface DirectoryIndex {
  accounts: IndexedAccount[]
  byKey: Map<string, number[]>
}

export interface MatchQuery {
  fullName: string
  profile: string
  establishment?: string | null
  /** Free text sent with the reports (may mention a class or a birth date). */
  hints?: string
  /** Names and UAI of the school the directory belongs to. */
  school?: { name: string; uai: string }
}

export interface Candidate {
  login: string
  fullName: string
  lastName: string
  firstName: string
  profile: string
  group: string | null
  score: number
  reasons: string[]
}

// Particles would pull half the directory into the candidate set; they still count when scoring.
const particles = new Set(['de', 'du', 'des', 'le', 'la', 'les', 'd', 'l', 'van', 'von', 'der', 'el', 'al', 'ben', 'da', 'di'])
const MAX_SCORED = 200
const MIN_NAME_SCORE = 0.45

/** Case-insensitive but accent-sensitive form, to tell "identical" from "identical but for accents". */
function caseless(value: string): string {
  return value.toLocaleLowerCase('fr').replace(/\s+/g, ' ').trim()
}

function keysFor(token: string): string[] {
  if (particles.has(token) || token.length < 2) return []
  const keys = [`t:${token}`, `p:${token.slice(0, 3)}`]
  if (token.length >= 4) keys.push(`s:${token.slice(-3)}`)
  return keys
}

export function buildDirectoryIndex(entries: readonly DirectoryEntry[]): DirectoryIndex {
  const byKey = new Map<string, number[]>()
  const accounts = entries.map((entry, position) => {
    const first = nameTokens(entry.firstName)
    const last = nameTokens(entry.lastName)
    for (const token of new Set([...first, ...last])) {
      for (const key of keysFor(token)) {
        const list = byKey.get(key)
        if (list) list.push(position)
        else byKey.set(key, [position])
      }
    }
    return {
      ...entry,
      first,
      last,
      compactFirstLast: first.join('') + last.join(''),
      compactLastFirst: last.join('') + first.join(''),
      exact: caseless(`${entry.firstName} ${entry.lastName}`),
    }
  })
  return { accounts, byKey }
}

interface NameMatch {
  score: number
  swapped: boolean
  partial: boolean
  typo?: { typed: string; expected: string }
  exactTokens: boolean
}

function matchName(query: string[], account: IndexedAccount): NameMatch {
  const dir = [...account.first.map((t) => ({ t, part: 'first' as const })), ...account.last.map((t) => ({ t, part: 'last' as const }))]
  const pairs: { q: number; d: number; sim: number }[] = []
  query.forEach((q, qi) => dir.forEach((d, di) => pairs.push({ q: qi, d: di, sim: similarity(q, d.t) })))
  pairs.sort((a, b) => b.sim - a.sim)
  const usedQ = new Set<number>()
  const usedD = new Set<number>()
  const matched: { q: number; d: number; sim: number }[] = []
  for (const pair of pairs) {
    if (pair.sim < 0.6 || usedQ.has(pair.q) || usedD.has(pair.d)) continue
    usedQ.add(pair.q)
    usedD.add(pair.d)
    matched.push(pair)
  }
  const total = matched.reduce((sum, m) => sum + m.sim, 0)
  const queryCover = query.length ? total / query.length : 0
  const dirCover = dir.length ? total / dir.length : 0
  const strong = (part: 'first' | 'last') => matched.some((m) => dir[m.d]!.part === part && m.sim >= 0.8)
  const partsHit = (strong('first') ? 0.5 : 0) + (strong('last') ? 0.5 : 0)
  const tokenScore = 0.55 * queryCover + 0.2 * dirCover + 0.25 * partsHit

  const compactQuery = query.join('')
  const straight = similarity(compactQuery, account.compactFirstLast)
  const reversed = similarity(compactQuery, account.compactLastFirst)
  const compactScore = Math.max(straight, reversed)

  // Swapped when the first query word matched a family name (or the reversed compact form fits best).
  const firstWord = matched.find((m) => m.q === 0)
  const swapped = firstWord ? dir[firstWord.d]!.part === 'last' && account.last.length > 0 : reversed > straight
  const typoPair = matched.filter((m) => m.sim < 1).sort((a, b) => b.sim - a.sim)[0]
  return {
    score: Math.max(tokenScore, compactScore),
    swapped,
    partial: matched.length > 0 && matched.length < dir.length && queryCover > 0.95,
    typo: typoPair ? { typed: query[typoPair.q]!, expected: dir[typoPair.d]!.t } : undefined,
    exactTokens: matched.length === dir.length && matched.length === query.length && matched.every((m) => m.sim === 1),
  }
}

function nameReasons(match: NameMatch, query: MatchQuery, account: IndexedAccount): string[] {
  const reasons: string[] = []
  if (match.exactTokens || match.score >= 0.999) {
    reasons.push(
      caseless(query.fullName) === account.exact
        ? 'Nom et prénom identiques'
        : 'Mêmes nom et prénom, aux accents, majuscules, tirets ou espaces près',
    )
  } else if (match.partial) {
    reasons.push('Nom ou prénom composé incomplet d’un côté')
  } else if (match.typo) {
    reasons.push(`Orthographe proche (« ${match.typo.typed} » / « ${match.typo.expected} »)`)
  } else {
    reasons.push(`Nom ressemblant (${Math.round(match.score * 100)} %)`)
  }
  if (match.swapped) reasons.push('Prénom et nom inversés')
  return reasons
}

function profileLabel(code: string): string {
  return profileLabels[code as ProfileCode] ?? code
}

function datesIn(text: string): Set<string> {
  const found = new Set<string>()
  for (const m of text.matchAll(/\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g)) {
    found.add(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`)
  }
  return found
}

function sameEstablishment(establishment: string | null | undefined, school?: { name: string; uai: string }): boolean {
  const value = normalizeName(establishment)
  if (!value || !school) return false
  const name = normalizeName(school.name)
  const uai = normalizeName(school.uai)
  return (uai !== '' && value.split(' ').includes(uai)) || (name !== '' && (value.includes(name) || name.includes(value)))
}

function gatherPlausible(index: DirectoryIndex, query: string[]): number[] {
  const hits = new Map<number, number>()
  for (const token of new Set(query)) {
    for (const key of keysFor(token)) {
      // A whole-word hit counts more than a shared beginning or ending.
      const weight = key.startsWith('t:') ? 3 : 1
      for (const position of index.byKey.get(key) ?? []) hits.set(position, (hits.get(position) ?? 0) + weight)
    }
  }
  const positions = [...hits.keys()]
  if (positions.length <= MAX_SCORED) return positions
  return positions.sort((a, b) => hits.get(b)! - hits.get(a)!).slice(0, MAX_SCORED)
}

/** The best directory accounts for this identity, best first, each with its score (0–100) and reasons. */
export function rankCandidates(index: DirectoryIndex, query: MatchQuery, limit = 5): Candidate[] {
  const tokens = nameTokens(query.fullName)
  if (tokens.length === 0) return []
  const hints = normalizeName(query.hints)
  const hintDates = datesIn(query.hints ?? '')
  const establishmentMatches = sameEstablishment(query.establishment, query.school)
  const knownProfile = query.profile !== 'AUTRE' && query.profile !== ''

  const scored: { candidate: Candidate; raw: number }[] = []
  for (const position of gatherPlausible(index, tokens)) {
    const account = index.accounts[position]!
    const match = matchName(tokens, account)
    if (match.score < MIN_NAME_SCORE) continue
    const reasons = nameReasons(match, query, account)
    let score = match.score * 80
    if (knownProfile && account.profile === query.profile) {
      score += 12
      reasons.push(`Même profil (${profileLabel(account.profile)})`)
    } else if (knownProfile) {
      reasons.push(`Profil différent (${profileLabel(query.profile)} côté ENT, ${profileLabel(account.profile)} dans PRONOTE)`)
    }
    if (establishmentMatches) {
      score += 3
      reasons.push('Même établissement')
    }
    const group = normalizeName(account.group)
    if (group && hints && ` ${hints} `.includes(` ${group} `)) {
      score += 5
      reasons.push(`Classe ${account.group} mentionnée dans le signalement`)
    }
    if (account.birthDate && hintDates.has(account.birthDate)) {
      score += 5
      reasons.push('Date de naissance identique')
    }
    const candidate: Candidate = {
      login: account.login,
      fullName: `${account.firstName} ${account.lastName}`,
      lastName: account.lastName,
      firstName: account.firstName,
      profile: account.profile,
      group: account.group,
      score: Math.min(100, Math.round(score)),
      reasons,
    }
    scored.push({ candidate, raw: score })
  }
  scored.sort(
    (a, b) =>
      b.raw - a.raw ||
      a.candidate.lastName.localeCompare(b.candidate.lastName, 'fr') ||
      a.candidate.login.localeCompare(b.candidate.login),
  )
  return scored.slice(0, limit).map((s) => s.candidate)
}
