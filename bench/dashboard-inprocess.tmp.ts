import { getDashboard } from '@/lib/stats/queries'
import { presetRange } from '@/lib/stats/schemas'
const viewer = { id: 'benchagent0', email: 'a@b', name: 'A', role: 'ADMIN' as const }
async function main() {
  for (const preset of ['30d', 'rentree', '7d', 'today'] as const) {
    const q = presetRange(preset, new Date())
    const ms: number[] = []
    for (let i = 0; i < 23; i++) {
      const t0 = performance.now()
      const d = await getDashboard(viewer, q)
      if (!d.ok) throw new Error('x')
      if (i >= 3) ms.push(performance.now() - t0)
      if (i === 0) console.log(preset, q, 'n', Object.values(d.value.service).reduce((s, x) => s + x.n, 0), 'backlog', d.value.backlog.byAge)
    }
    ms.sort((a, b) => a - b)
    console.log(preset, 'p50', ms[10]!.toFixed(1), 'p95', ms[18]!.toFixed(1), 'max', ms.at(-1)!.toFixed(1))
  }
}
main()
