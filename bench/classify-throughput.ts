// Classifier throughput on the developers' corpus, one core (this process, one thread).
// Run with: tsx bench/classify-throughput.ts [seconds]; prints one JSON line.

import fs from 'node:fs'
import path from 'node:path'
import { classify } from '../lib/catalogue/classify'
import { classifyWithRules, compileRules } from '../lib/catalogue/school-rules'
import { messagesByCategory } from './bodies'
import { root } from './procs'
import { schoolRules } from './school-rules'

/** Messages of the corpus, whatever its exact shape (array of strings or of { message|text|input }). */
export function corpusMessages(data: unknown): string[] {
  const list: unknown[] = Array.isArray(data)
    ? data
    : Object.values(data as Record<string, unknown>).find((v): v is unknown[] => Array.isArray(v)) ?? []
  return list
    .map((item) => {
      if (typeof item === 'string') return item
      const o = item as Record<string, unknown>
      const m = o.message ?? o.text ?? o.input
      return typeof m === 'string' ? m : undefined
    })
    .filter((m): m is string => typeof m === 'string')
}

interface CorpusModule {
  loadCorpus: () => { text: string }[]
  buildMessages: (corpus: { text: string }[], size?: number, count?: number) => string[]
  measureThroughput: (messages: string[], opts?: { minMs?: number }) => { perSecond: number; wallPerSecond: number }
}

/** Our own loop, for when the developers' helper module is absent: wall-clock rate after a warm-up. */
function measure(messages: string[], seconds: number, run: (message: string) => unknown = classify) {
  const warmEnd = performance.now() + 500
  while (performance.now() < warmEnd) for (const m of messages) run(m)
  let count = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  while (performance.now() < t0 + seconds * 1000) {
    for (const m of messages) run(m)
    count += messages.length
  }
  const cpu = process.cpuUsage(cpu0)
  return { perSecond: count / ((cpu.user + cpu.system) / 1e6), wallPerSecond: count / ((performance.now() - t0) / 1000) }
}

async function main() {
  const seconds = Number(process.argv[2] ?? 3)
  const helper = path.join(root, 'scripts', 'classifier-corpus.ts')
  const json = path.join(root, 'tests', 'fixtures', 'classifier-corpus.json')
  const out: Record<string, unknown> = {}
  if (fs.existsSync(helper)) {
    // The developers' own loader and CPU-time meter (scripts/classifier-corpus.ts).
    const m = (await import(helper)) as CorpusModule
    const corpus = m.loadCorpus()
    const texts = corpus.map((e) => e.text)
    const asIs = m.measureThroughput(texts, { minMs: seconds * 1000 })
    const long = m.measureThroughput(m.buildMessages(corpus, 300, 500), { minMs: (seconds * 1000) / 2 })
    Object.assign(out, { source: 'tests/fixtures/classifier-corpus.json via scripts/classifier-corpus.ts', corpus: texts.length })
    Object.assign(out, { avgChars: Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length) })
    Object.assign(out, { perSecond: asIs.perSecond, wallPerSecond: asIs.wallPerSecond, perSecond300: long.perSecond })
    const compiled = compileRules(schoolRules(200))
    const longWithRules = measure(m.buildMessages(corpus, 300, 500), seconds / 2, (message) => classifyWithRules(message, compiled))
    Object.assign(out, { perSecond300With200Rules: longWithRules.perSecond })
  } else {
    const messages = fs.existsSync(json) ? corpusMessages(JSON.parse(fs.readFileSync(json, 'utf8'))) : Object.values(messagesByCategory).flat()
    const r = measure(messages, seconds)
    Object.assign(out, { source: fs.existsSync(json) ? 'tests/fixtures/classifier-corpus.json' : 'bench/bodies.ts (no corpus found)' })
    Object.assign(out, { corpus: messages.length, avgChars: Math.round(messages.reduce((s, t) => s + t.length, 0) / messages.length), ...r })
  }
  // The submission path with 200 school rules (issue 15 §2): built-in signals plus the rules.
  const messages = fs.existsSync(json) ? corpusMessages(JSON.parse(fs.readFileSync(json, 'utf8'))) : Object.values(messagesByCategory).flat()
  const compiled = compileRules(schoolRules(200))
  const withRules = measure(messages, seconds / 2, (m) => classifyWithRules(m, compiled))
  Object.assign(out, { perSecond200Rules: withRules.perSecond, wallPerSecond200Rules: withRules.wallPerSecond })
  console.log(JSON.stringify(out))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
