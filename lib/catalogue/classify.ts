// Rule-based classifier: maps a pasted or paraphrased error message to a catalogue category.
// Pure and deterministic; every pattern is compiled once at module load and runs on the
// normalised text (see normalize.ts). Product rules: DOMAIN.md §7.

import { normalizeShared, sentenceOf, type Normalized } from './normalize'
import { meets } from './literal-scan'
import { contexts, GLUED_MIN, gluedSignals, literals, markLiterals, signals, type ContextKind, type Signal } from './signals'
import type { CategoryCode, Classification, Evidence } from './types'

interface Hit {
  sig: Signal
  from: number // normalised offsets
  to: number
  sentence: number
}

interface Ctx {
  from: number
  to: number
  sentence: number
}

// Module-level copies of the imported bindings: read once here instead of through the module
// namespace on every call in the hot loops below.
const SIGNALS = signals
const GLUED = gluedSignals
const CONTEXTS = contexts
const MARK_LITERALS = markLiterals
const PRESENT = new Uint8Array(literals.length)
const SENTENCE_OF = sentenceOf
const NORMALIZE = normalizeShared

function scan(norm: Normalized): { hits: Hit[]; present: Uint8Array } {
  const text = norm.text
  const hits: Hit[] = []
  // Shared scratch (classify is synchronous): allocating a typed array per call costs more than
  // clearing this one.
  const present = PRESENT
  present.fill(0)
  MARK_LITERALS(text, present)
  let m: RegExpExecArray | null
  for (let s = 0; s < SIGNALS.length; s++) {
    const sig = SIGNALS[s] as Signal
    if (!meets(sig.need, present)) continue
    const re = sig.re
    re.lastIndex = 0
    while ((m = re.exec(text)) !== null) {
      const from = m.index
      const len = m[0].length
      hits.push({ sig, from, to: from + len, sentence: SENTENCE_OF(norm, from) })
      if (len === 0) re.lastIndex++
    }
  }
  scanGlued(norm, hits)
  return { hits, present }
}

/** Runs the glued-message signals inside each long word (see signals.ts). */
function scanGlued(norm: Normalized, hits: Hit[]): void {
  const text = norm.text
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 32) continue
    if (i - start >= GLUED_MIN) {
      const word = text.slice(start, i)
      for (const sig of GLUED) {
        sig.re.lastIndex = 0
        const m = sig.re.exec(word)
        if (m) hits.push({ sig, from: start + m.index, to: start + m.index + m[0].length, sentence: SENTENCE_OF(norm, start) })
      }
    }
    start = i + 1
  }
}

const KINDS: readonly ContextKind[] = ['web', 'client', 'other', 'entSide', 'feature', 'credentialsOk', 'now', 'sequence', 'past']
const KIND_INDEX = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<ContextKind, number>

/** Context matches, computed only when a rule asks for them (cached per classification). */
class Contexts {
  private readonly cache: (Ctx[] | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]
  constructor(
    private readonly norm: Normalized,
    private readonly present: Uint8Array,
  ) {}

  get(kind: ContextKind): Ctx[] {
    const i = KIND_INDEX[kind]
    let found = this.cache[i]
    if (found === undefined) {
      found = []
      const rule = CONTEXTS[kind]
      if (meets(rule.need, this.present)) {
        const norm = this.norm
        const text = norm.text
        const re = rule.re
        re.lastIndex = 0
        let m: RegExpExecArray | null
        while ((m = re.exec(text)) !== null) {
          const from = m.index
          const len = m[0].length
          found.push({ from, to: from + len, sentence: SENTENCE_OF(norm, from) })
          if (len === 0) re.lastIndex++
        }
      }
      this.cache[i] = found
    }
    return found
  }

  has(kind: ContextKind): boolean {
    return this.get(kind).length > 0
  }

  near(kind: ContextKind, h: Hit, span: number): boolean {
    const list = this.get(kind)
    for (let i = 0; i < list.length; i++) if (near(list[i] as Ctx, h, span)) return true
    return false
  }

  /** Proximity in characters only, ignoring sentences. */
  close(kind: ContextKind, h: Hit, span: number): boolean {
    const list = this.get(kind)
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as Ctx
      if ((c.from > h.to ? c.from - h.to : h.from - c.to) <= span) return true
    }
    return false
  }
}

function toEvidence(input: string, norm: Normalized, h: Hit, category: CategoryCode): Evidence {
  const start = norm.origStart[h.from] as number
  const end = norm.origEnd[h.to - 1] as number
  const ev: Evidence = { text: input.slice(start, end), signal: h.sig.signal, category, start, end }
  if (h.sig.variant && category !== 'UNKNOWN') ev.variant = h.sig.variant
  return ev
}

function near(a: { from: number; to: number; sentence: number }, b: { from: number; to: number; sentence: number }, span: number) {
  if (a.sentence === b.sentence) return true
  const gap = a.from > b.to ? a.from - b.to : b.from - a.to
  return gap <= span
}

/** Drops a hit lying inside a stronger (or equal) hit of the same category: one highlight per spot. */
function dropContained(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits
  const sorted = [...hits].sort((a, b) => b.sig.weight - a.sig.weight || b.to - b.from - (a.to - a.from))
  const kept: Hit[] = []
  for (const h of sorted) {
    const inside = kept.some((k) => k.sig.category === h.sig.category && k.from <= h.from && h.to <= k.to)
    if (!inside) kept.push(h)
  }
  return kept.sort((a, b) => a.from - b.from)
}

/**
 * A hit is history when, in its sentence, the closest time marker before it says "before"
 * ("avant", "au début", "hier"…) and no "now" marker came after that, or when such a marker
 * follows it immediately ("Identification impossible au début, …").
 */
function isPast(h: Hit, past: Ctx[], now: Ctx[]): boolean {
  let lastPast = -1
  let lastNow = -1
  for (const p of past) {
    if (p.sentence !== h.sentence) continue
    if (p.from <= h.from) lastPast = Math.max(lastPast, p.from)
    else if (p.from - h.to <= 15 && !now.some((n) => n.from >= h.to && n.from < p.from)) return true
  }
  for (const n of now) if (n.sentence === h.sentence && n.from <= h.from) lastNow = Math.max(lastNow, n.from)
  return lastPast >= 0 && lastNow < lastPast
}

const UNKNOWN_NO_SIGNAL = "Aucun message de connexion connu n'a été reconnu dans le texte."

export function classify(text: string): Classification {
  const input = typeof text === 'string' ? text : ''
  return classifyNormalized(input, NORMALIZE(input))
}

/** `classify` on a text already normalised (the school's rules match the same normalised text). */
export function classifyNormalized(input: string, norm: Normalized): Classification {
  if (norm.text.length === 0) {
    return { category: 'UNKNOWN', confidence: 0.1, evidence: [], reason: 'Le texte est vide.' }
  }
  const { hits: raw, present } = scan(norm)
  const hits = dropContained(raw)
  if (hits.length === 0) return { category: 'UNKNOWN', confidence: 0.2, evidence: [], reason: UNKNOWN_NO_SIGNAL }

  const ctx = new Contexts(norm, present)

  // 1. Demote signals attributed to something else (rules 3, 4, 6) and drop negated credentials.
    const live: Hit[] = []
  const demoted: { hit: Hit; why: string }[] = []
  for (const h of hits) {
    const cat = h.sig.category
    if (cat === 'BAD_CREDENTIALS' && ctx.near('credentialsOk', h, 30)) continue
    if (cat !== 'UNKNOWN') {
      if (ctx.has('client') && (ctx.near('client', h, 60) || !ctx.has('web'))) {
        demoted.push({ hit: h, why: 'message vu dans le Client PRONOTE ou la console d’hébergement' })
        continue
      }
      if (ctx.near('other', h, 40)) {
        demoted.push({ hit: h, why: 'message attribué à un autre système que PRONOTE' })
        continue
      }
      if (cat !== 'BAD_CREDENTIALS' && cat !== 'ENT_IDENTITY_MISMATCH' && ctx.near('entSide', h, 40)) {
        demoted.push({ hit: h, why: 'message affiché par l’ENT ou EduConnect, pas par PRONOTE' })
        continue
      }
      if (h.sig.weak && ctx.close('feature', h, 25)) {
        demoted.push({ hit: h, why: 'mot-clé employé à propos d’une fonctionnalité, pas de la connexion' })
        continue
      }
    }
    live.push(h)
  }

  if (live.length === 0) {
    const evidence = demoted.map((d) => toEvidence(input, norm, d.hit, 'UNKNOWN'))
    const reason = demoted.length > 0 ? `Message non retenu : ${demoted[0]!.why}.` : UNKNOWN_NO_SIGNAL
    return { category: 'UNKNOWN', confidence: demoted.length > 0 ? 0.3 : 0.2, evidence, reason }
  }

  // 2. Score categories.
  const score = new Map<CategoryCode, number>()
  const best = new Map<CategoryCode, Hit>()
  for (const h of live) {
    const c = h.sig.category
    score.set(c, (score.get(c) ?? 0) + h.sig.weight)
    const b = best.get(c)
    if (!b || h.sig.weight > b.sig.weight || (h.sig.weight === b.sig.weight && h.from > b.from)) best.set(c, h)
  }
  const cats = [...score.keys()]
  let winner: CategoryCode
  let reason: string

  if (cats.length === 1) {
    winner = cats[0]!
    reason = `Message reconnu : « ${best.get(winner)!.sig.signal} ».`
  } else {
    const strong = live.filter((h) => h.sig.weight >= 2)
    let pool = strong.length > 0 ? strong : live
    // A hit that follows "avant", "au début", "hier"… in its sentence is history, not the current message.
    const pastCtx = ctx.get('past')
    const nowCtx = ctx.get('now')
    const current = pool.filter((h) => !isPast(h, pastCtx, nowCtx))
    const droppedPast = current.length > 0 && current.length < pool.length
    if (droppedPast) pool = current
    const story = nowCtx.length > 0 || pastCtx.length > 0 || ctx.has('sequence')
    const poolCats = new Set(pool.map((h) => h.sig.category))
    if (droppedPast && poolCats.size === 1) {
      // Rule 2: what they saw before is history; the current message decides.
      const chosen = pool.reduce((a, b) => (b.sig.weight > a.sig.weight ? b : a))
      winner = chosen.sig.category
      reason = `Un message est décrit comme antérieur ; celui qui bloque actuellement (« ${chosen.sig.signal} ») l'emporte.`
    } else if (story && poolCats.size > 1) {
      // Rule 2: the message they are stuck on now wins.
      let chosen: Hit | undefined
      for (const n of nowCtx) {
        const after = pool.filter((h) => h.from >= n.from).sort((a, b) => a.from - b.from)
        const cand = after.find((h) => h.sentence === n.sentence) ?? pool.find((h) => h.sentence === n.sentence) ?? after[0]
        if (cand) chosen = cand
      }
      chosen ??= pool.reduce((a, b) => (b.from > a.from ? b : a))
      winner = chosen.sig.category
      reason = `Plusieurs messages sont cités ; celui qui bloque actuellement (« ${chosen.sig.signal} ») l'emporte.`
    } else if (score.has('ESPACE_ACCESS_DISABLED') && (score.has('BAD_CREDENTIALS') || score.has('ENT_IDENTITY_MISMATCH'))) {
      // Rule 7: the Espace refused the person after a successful sign-in.
      winner = 'ESPACE_ACCESS_DISABLED'
      reason = "La connexion a abouti puis l'Espace a refusé la personne : l'accès à l'Espace l'emporte sur les mentions d'identifiants ou d'ENT."
    } else {
      const inPool = new Set(pool.map((h) => h.sig.category))
      winner = [...inPool].reduce((a, b) => {
        const d = (score.get(b) ?? 0) - (score.get(a) ?? 0)
        if (d !== 0) return d > 0 ? b : a
        return best.get(b)!.from > best.get(a)!.from ? b : a
      })
      reason = `Plusieurs signaux ; « ${best.get(winner)!.sig.signal} » est le plus net.`
    }
  }

  const winHits = live.filter((h) => h.sig.category === winner)
  const top = winHits.reduce((a, b) => (b.sig.weight > a.sig.weight ? b : a))
  // Variant: the strongest variant-bearing hit of the winning category, if close to the top hit.
  const variantHit = winHits
    .filter((h) => h.sig.variant)
    .reduce<Hit | undefined>((a, b) => (!a || b.sig.weight > a.sig.weight ? b : a), undefined)
  const variant = variantHit && variantHit.sig.weight >= top.sig.weight - 0.5 ? variantHit.sig.variant : undefined

  const conflict = cats.length > 1 ? 0.12 : 0
  let confidence: number
  if (winner === 'UNKNOWN') {
    confidence = 0.35
    reason = `Page reconnue mais hors catalogue : « ${top.sig.signal} ».`
  } else {
    const base = top.sig.weight >= 3 ? 0.95 : top.sig.weight >= 2 ? 0.8 : 0.6
    confidence = Math.round(Math.max(0.5, base - conflict) * 100) / 100
  }

  const evidence = winHits.map((h) => toEvidence(input, norm, h, winner))
  for (const h of live) if (h.sig.category !== winner) evidence.push(toEvidence(input, norm, h, h.sig.category))
  evidence.sort((a, b) => a.start - b.start)

  const result: Classification = { category: winner, confidence, evidence, reason }
  if (variant) result.variant = variant
  return result
}
