import { reportBody } from './bodies'
const { createReport } = await import('../lib/reports/mutations')
const bodies = Array.from({ length: 20_000 }, (_, i) => JSON.parse(JSON.stringify(reportBody(20_000_000 + i))) as Record<string, unknown>)
let k = 0
const t0 = performance.now(); const c0 = process.cpuUsage()
for (let b = 0; b < 400; b++) {
  await Promise.all(Array.from({ length: 25 }, async () => { const r = await createReport(bodies[k++]!); if (!r.ok) throw new Error(JSON.stringify(r)) }))
}
const c = process.cpuUsage(c0)
console.log(JSON.stringify({ n: k, cpuUsPer: (c.user + c.system) / k, wallUsPer: (performance.now() - t0) * 1000 / k }))
