// Shared by the eval script, the unit tests and benchmarks: loads the labelled classifier corpus,
// scores the classifier on it and measures its throughput.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { classify } from '../lib/catalogue/classify'
import { categoryCodes, type CategoryCode, type Classification } from '../lib/catalogue/types'

export interface CorpusExample {
  text: string
  category: CategoryCode
  variant?: string
  author: 'eleve' | 'parent' | 'professeur' | 'personnel' | 'autre'
  note?: string
}

export const corpusPath = path.join(__dirname, '..', 'tests', 'fixtures', 'classifier-corpus.json')
/** Messages in other people's styles, kept out of tuning (see eval-classifier.ts). */
export const heldOutPath = path.join(__dirname, '..', 'tests', 'fixtures', 'classifier-heldout.json')

export function loadCorpus(file: string = corpusPath): CorpusExample[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!Array.isArray(data)) throw new Error(`${file}: expected an array`)
  return data.map((raw, i) => {
    const e = raw as Partial<CorpusExample>
    if (typeof e.text !== 'string' || !categoryCodes.includes(e.category as CategoryCode)) {
      throw new Error(`${file}: example ${i} is malformed`)
    }
    return e as CorpusExample
  })
}

export interface Miss {
  example: CorpusExample
  got: Classification
}

export interface Evaluation {
  total: number
  correct: number
  accuracy: number
  /** Among examples whose expected category matched, how many also got the expected variant. */
  variantAccuracy: number
  perCategory: Record<CategoryCode, { precision: number; recall: number; support: number }>
  /** confusion[expected][predicted] */
  confusion: Record<CategoryCode, Record<CategoryCode, number>>
  misses: Miss[]
}

export function evaluate(corpus: CorpusExample[], fn: (text: string) => Classification = classify): Evaluation {
  const zeroRow = () => Object.fromEntries(categoryCodes.map((c) => [c, 0])) as Record<CategoryCode, number>
  const confusion = Object.fromEntries(categoryCodes.map((c) => [c, zeroRow()])) as Evaluation['confusion']
  const misses: Miss[] = []
  let correct = 0
  let catOk = 0
  let variantOk = 0
  for (const example of corpus) {
    const got = fn(example.text)
    confusion[example.category][got.category]++
    if (got.category === example.category) {
      correct++
      catOk++
      if ((got.variant ?? undefined) === (example.variant ?? undefined)) variantOk++
    } else {
      misses.push({ example, got })
    }
  }
  const perCategory = {} as Evaluation['perCategory']
  for (const c of categoryCodes) {
    const tp = confusion[c][c]
    const predicted = categoryCodes.reduce((n, e) => n + confusion[e][c], 0)
    const support = categoryCodes.reduce((n, p) => n + confusion[c][p], 0)
    perCategory[c] = { precision: predicted ? tp / predicted : 1, recall: support ? tp / support : 1, support }
  }
  return {
    total: corpus.length,
    correct,
    accuracy: corpus.length ? correct / corpus.length : 0,
    variantAccuracy: catOk ? variantOk / catOk : 1,
    perCategory,
    confusion,
    misses,
  }
}

/** Messages of about `size` characters built by concatenating corpus texts (deterministic). */
export function buildMessages(corpus: CorpusExample[], size = 300, count = 500): string[] {
  const texts = corpus.map((e) => e.text.replace(/\s+/g, ' '))
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    let msg = texts[i % texts.length] as string
    let k = 1
    while (msg.length < size) msg += ' ' + (texts[(i * 7 + k++ * 13) % texts.length] as string)
    out.push(msg.slice(0, size))
  }
  return out
}

/**
 * Classifications per second on one core: warm-up, then a timed loop of at least `minMs`.
 * The rate is computed from the process's CPU time (user + system), so other processes sharing
 * the machine do not distort it; wall-clock time is reported alongside.
 */
export function measureThroughput(
  messages: string[],
  opts: { minMs?: number; warmup?: number; fn?: (text: string) => unknown } = {},
): { perSecond: number; wallPerSecond: number; iterations: number; cpuMs: number; elapsedMs: number; avgLength: number } {
  const { minMs = 1000, warmup = 2000, fn = classify } = opts
  if (messages.length === 0) throw new Error('no messages')
  let sink = 0
  for (let i = 0; i < warmup; i++) sink ^= fn(messages[i % messages.length] as string) ? 1 : 0
  let iterations = 0
  const cpu0 = process.cpuUsage()
  const start = process.hrtime.bigint()
  let cpuMs = 0
  while (cpuMs < minMs) {
    for (let i = 0; i < 200; i++) {
      sink ^= fn(messages[iterations % messages.length] as string) ? 1 : 0
      iterations++
    }
    const used = process.cpuUsage(cpu0)
    cpuMs = (used.user + used.system) / 1000
  }
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6
  if (sink === 42) console.log('') // keeps the calls observable to the optimiser
  const avgLength = messages.reduce((n, m) => n + m.length, 0) / messages.length
  return {
    perSecond: (iterations / cpuMs) * 1000,
    wallPerSecond: (iterations / elapsedMs) * 1000,
    iterations,
    cpuMs,
    elapsedMs,
    avgLength,
  }
}
