// The phases of the SQLite run that a helper script measures in a process of its own, once the
// loaded servers are stopped: the queue's query plans, the classifier, a school rule's dry run, the
// e-mail acknowledgement's latency, and where one submission's time goes. Each ends its output with
// one JSON line (bench/harness.ts `lastJsonLine`).

import { lastJsonLine, phase } from './harness'
import { bin, runCommand } from './procs'

export interface ExplainResult {
  queries: { label: string; sql: string; plan: string[]; flags: string[]; exactCount: boolean }[]
  timings: { label: string; p50: number; p95: number; n: number }[]
}
export interface ClassifierResult {
  source: string
  corpus: number
  avgChars: number
  perSecond: number
  wallPerSecond: number
  perSecond300?: number
  perSecond200Rules?: number
  perSecond300With200Rules?: number
}
export interface DryRunResult {
  rule: string
  tickets: number
  seconds: number
  cpuSeconds: number
  wouldChange: number
  otherReadsMaxWaitMs: number
}
export interface MailLatency {
  reports: number
  arrived: number
  p50Ms: number
  p99Ms: number
  maxMs: number
}
export interface Breakdown {
  steps: { step: string; n: number; cpuUs: number; wallUs: number }[]
}

export interface ChildResults {
  explain: ExplainResult | null
  classifier: ClassifierResult | null
  dryRuns: DryRunResult[] | null
  mail: MailLatency | null
  breakdown: Breakdown | null
}

const production: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
const tsx = (args: string[], env: NodeJS.ProcessEnv = process.env) => runCommand(bin('tsx'), args, { env })

export async function childPhases(o: { quick: boolean; queueDb: string; breakdownDb: string; searchTerm: string; classifySeconds: number; distDir: string; mailPort: number }): Promise<ChildResults> {
  const explain = await phase('EXPLAIN QUERY PLAN of the queue queries (captured from lib/tickets)', async () =>
    lastJsonLine<ExplainResult>(
      await tsx(['--conditions=react-server', 'bench/explain-queue.ts'], { ...production, DATABASE_URL: `file:${o.queueDb}`, BENCH_SEARCH_TERM: o.searchTerm, BENCH_QUICK: o.quick ? '1' : '' }),
    ),
  )
  const classifier = await phase('classifier throughput (one core)', async () => lastJsonLine<ClassifierResult>(await tsx(['bench/classify-throughput.ts', String(o.classifySeconds)])))
  // A school rule's dry run over the seeded queue (issue 15 §2: ≤ 10 s at 1M tickets).
  const dryRuns = await phase('school rule dry run over the seeded queue (bench/rules-dry-run.ts)', async () =>
    (await tsx(['--conditions=react-server', 'bench/rules-dry-run.ts', o.queueDb], production))
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as DryRunResult),
  )
  // From a report's 201 to its acknowledgement reaching a local SMTP server (issue 14), through the
  // production server's own delivery worker, on a fresh database of its own.
  const mail = await phase('e-mail acknowledgement latency (bench/mail-latency.ts)', async () =>
    lastJsonLine<{ mailLatency: MailLatency }>(await tsx(['bench/mail-latency.ts', ...(o.quick ? ['--quick'] : [])], { ...process.env, NEXT_DIST_DIR: o.distDir, BENCH_MAIL_PORT: String(o.mailPort) }))
      .mailLatency,
  )
  // Where one submission's time goes, in-process (no HTTP), on its own fresh database.
  const breakdown = await phase('submission breakdown in-process (zod, classify, Prisma vs raw, fsync)', async () =>
    lastJsonLine<Breakdown>(await tsx(['--conditions=react-server', 'bench/submit-breakdown.ts', o.quick ? '100' : '300'], { ...production, DATABASE_URL: `file:${o.breakdownDb}` })),
  )
  return { explain, classifier, dryRuns, mail, breakdown }
}
