// Summarises V8 .cpuprofile files (from node --cpu-prof): self time per function and per package.
// Usage: tsx bench/profile-summary.ts <file-or-dir> [top]

import fs from 'node:fs'
import path from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/** Groups a script URL: an npm package, a Next chunk, our own source, or node internals. */
export function packageOf(url: string): string {
  if (!url) return '(native/gc/idle)'
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/')
    const name = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
    if (name === 'next') return `next/${rest.slice(1, 4).join('/')}`
    return name
  }
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0]
  const chunk = /\.next[^/]*\/server\/(chunks\/[^/]+|app\/.*)$/.exec(url)
  if (chunk) return `app-build:${chunk[1]}`
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')
}

export interface Summary {
  file: string
  totalMs: number
  byFunction: { name: string; ms: number; pct: number }[]
  byPackage: { name: string; ms: number; pct: number }[]
}

export function summarise(file: string, top = 25): Summary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const fn = new Map<string, number>()
  const pkg = new Map<string, number>()
  let total = 0
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!
    const { functionName, url, lineNumber } = node.callFrame
    if (functionName === '(idle)') continue
    total += us
    const p = packageOf(url)
    const key = `${functionName || '(anonymous)'} ${p}:${lineNumber + 1}`
    fn.set(key, (fn.get(key) ?? 0) + us)
    pkg.set(p, (pkg.get(p) ?? 0) + us)
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((1000 * us) / total) / 10 }))
  return { file, totalMs: Math.round(total / 1000), byFunction: rank(fn), byPackage: rank(pkg) }
}

export function formatSummary(s: Summary): string {
  const lines = [`${path.basename(s.file)}: ${s.totalMs} ms of non-idle CPU samples`, '  by package:']
  for (const r of s.byPackage) lines.push(`    ${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(7)} ms  ${r.name}`)
  lines.push('  by function (self time):')
  for (const r of s.byFunction) lines.push(`    ${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(7)} ms  ${r.name}`)
  return lines.join('\n')
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const target = process.argv[2]
  if (!target) throw new Error('usage: tsx bench/profile-summary.ts <file-or-dir> [top]')
  const files = fs.statSync(target).isDirectory()
    ? fs.readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f))
    : [target]
  for (const f of files) console.log(formatSummary(summarise(f, Number(process.argv[3] ?? 25))) + '\n')
}
