// Classifier throughput on the developers' corpus, one core (this process, one thread).
// Run with: tsx bench/classify-throughput.ts [seconds]; prints one JSON line.

import fs from 'node:fs'
import path from 'node:path'
import { classify } from '../lib/catalogue/classify'
import { messagesByCategory } from './bodies'
import { root } from './procs'

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

async function loadCorpus(): Promise<{ source: string; messages: string[] }> {
  const corpusModule = path.join(root, 'scripts', 'classifier-corpus.ts')
  if (fs.existsSync(corpusModule)) {
    const exported = (await import(corpusModule)) as Record<string, unknown>
    for (const value of Object.values(exported)) {
      const messages = corpusMessages(typeof value === 'function' ? await (value as () => unknown)() : value)
      if (messages.length) return { source: 'scripts/classifier-corpus.ts', messages }
    }
  }
  const json = path.join(root, 'tests', 'fixtures', 'classifier-corpus.json')
  if (fs.existsSync(json)) return { source: 'tests/fixtures/classifier-corpus.json', messages: corpusMessages(JSON.parse(fs.readFileSync(json, 'utf8'))) }
  return { source: 'bench/bodies.ts (no corpus found)', messages: Object.values(messagesByCategory).flat() }
}

async function main() {
  const seconds = Number(process.argv[2] ?? 3)
  const { source, messages } = await loadCorpus()
  if (messages.length === 0) throw new Error('empty corpus')
  const chars = messages.reduce((s, m) => s + m.length, 0)
  // Warm-up: let the JIT settle before timing.
  const warmEnd = performance.now() + 500
  while (performance.now() < warmEnd) for (const m of messages) classify(m)
  let count = 0
  const t0 = performance.now()
  const end = t0 + seconds * 1000
  while (performance.now() < end) {
    for (const m of messages) classify(m)
    count += messages.length
  }
  const elapsed = (performance.now() - t0) / 1000
  console.log(JSON.stringify({ source, corpus: messages.length, avgChars: Math.round(chars / messages.length), perSecond: count / elapsed }))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
