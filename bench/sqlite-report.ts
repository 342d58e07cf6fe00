// The SQLite run's report: the JSON summary of issues 6 and 17 (bench/report.ts `Summary`), the
// target checks, and the human table, from what the phases measured (bench/run.ts).

import path from 'node:path'
import type { ChildResults } from './child-phases'
import { exportRows, exportSummary, exportTargets, type ExportRun } from './export'
import type { FloorBuild } from './floor'
import { CONNECTIONS, QUEUE_MIN, hhmm, loadAvg, notes, type Scale } from './harness'
import { cpuPerRequest, describeLoop } from './loop-stats'
import type { PageWeight } from './page-weight'
import type { QueueRun } from './queue-run'
import type { BuildInfo, StoredCheck } from './relais-server'
import { checkTargets, fmt, median, table, type Summary } from './report'
import type { SubmissionRun } from './submission'
import type { Template } from './templates'

export interface SqliteRun {
  quick: boolean
  profile: boolean
  scale: Scale
  /** How the Relais server was started: the entry and its node flags. */
  server: { nextStart: boolean; nodeFlags: string[] }
  built: BuildInfo
  floorBuilt: FloorBuild
  migrated: Template | null
  seeded: Template | null
  setupSeconds: number
  sub: SubmissionRun
  stored: StoredCheck | null
  bareStored: StoredCheck | null
  wal: { relais: number; bare: number }
  weight: PageWeight | null
  floorWeight: PageWeight | null
  queue: QueueRun
  exported: ExportRun | null
  children: ChildResults
  /** Each stopped server's maximum RSS, and what it was. */
  rss: { maxMb: number[]; labels: string[] }
  loadAtStart: string
  startedAt: number
}

export const describeTemplate = (t: Template | null, what: string) =>
  !t ? 'n/a' : t.reused ? `${what}: template reused (built ${hhmm(t.builtAt)} UTC in ${t.buildSeconds.toFixed(1)} s; its inputs are unchanged)` : `${what}: template built in ${t.buildSeconds.toFixed(1)} s`

/** Per round, Relais's closed-loop figure divided by another target's, where both ran. */
function perRound(run: SqliteRun, other: string, of: (r: { rps: number; p99: number }) => number): number[] {
  const { closed } = run.sub
  return closed.relais!.map((r, i) => (closed[other]![i] && of(closed[other]![i]!) ? of(r) / of(closed[other]![i]!) : NaN)).filter((x) => Number.isFinite(x))
}
const ratios = (run: SqliteRun, other: string) => perRound(run, other, (r) => r.rps)
const p99Ratios = (run: SqliteRun, other: string) => perRound(run, other, (r) => r.p99)
const cpuOf = (run: SqliteRun, k: string) => run.sub.closed[k]!.map((r, i) => cpuPerRequest(run.sub.loops[k]![i], r.requests))
const medianOf = <T>(xs: T[], of: (x: T) => number) => median(xs.map(of))
const known = (xs: (number | null)[]) => xs.filter((c): c is number => c !== null)

export function sqliteSummary(run: SqliteRun): Summary {
  const { closed, open, loops } = run.sub
  const t = run.queue.timings
  const { mail, classifier } = run.children
  const maxRss = Math.max(...run.rss.maxMb)
  return {
    submit_rps: medianOf(closed.relais!, (r) => r.rps),
    floor_rps: medianOf(closed.floor!, (r) => r.rps),
    bare_rps: medianOf(closed.bare!, (r) => r.rps),
    ratio_floor: median(ratios(run, 'floor')),
    ratio_bare: median(ratios(run, 'bare')),
    submit_p99_ms: medianOf(closed.relais!, (r) => r.p99),
    open_p99_ms: open.relais?.p99 ?? null,
    errors: closed.relais!.length ? run.sub.errors : null,
    stored_ok: run.stored?.ok ?? null,
    wal_mb: run.stored ? run.wal.relais : null,
    queue_p95_ms: { first: t.first?.p95 ?? null, filtered: t.filtered?.p95 ?? null, search: t.search?.p95 ?? null, deep: t.deep?.p95 ?? null },
    admin_page_ms: t.admin?.p95 ?? null,
    dashboard_p95_ms: { days30: t['dashboard-30d']?.p95 ?? null, rentree: t['dashboard-rentree']?.p95 ?? null },
    mail_ack_ms: { p50: mail?.p50Ms ?? null, p99: mail?.p99Ms ?? null },
    classify_per_s: classifier?.perSecond ?? null,
    form_js_gz_kb: run.weight?.gzipKb ?? null,
    max_rss_mb: Number.isFinite(maxRss) ? maxRss : null,
    ...exportSummary(run.exported),
    noop_post_rps: medianOf(closed.noop!, (r) => r.rps),
    noop_post_p99_ms: medianOf(closed.noop!, (r) => r.p99),
    noop_get_p95_ms: t['noop-get']?.p95 ?? null,
    noop_page_js_gz_kb: run.floorWeight?.gzipKb ?? null,
    ratio_noop: median(ratios(run, 'noop')),
    p99_ratio_noop: median(p99Ratios(run, 'noop')),
    noop_pages_post_rps: medianOf(closed['noop-pages']!, (r) => r.rps),
    ratio_noop_pages: median(ratios(run, 'noop-pages')),
    eventloop_p99_ms: median(loops.relais!.filter(Boolean).map((l) => l.loop.p99Ms)),
    cpu_ms_per_report: median(known(cpuOf(run, 'relais'))),
    cpu_ms_per_noop_post: median(known(cpuOf(run, 'noop'))),
  }
}

/** Issue 17's checks and the kept ones (bench/report.ts), with the export's (issue 16). */
export function sqliteChecks(run: SqliteRun, summary: Summary): [string, boolean, string?][] {
  const { explain } = run.children
  const timings = Object.values(run.queue.timings)
  const checks = checkTargets(
    summary,
    explain ? explain.queries.some((q) => q.exactCount) : null,
    explain ? explain.queries.every((q) => q.flags.length === 0) : null,
    timings.length ? timings.every((t) => !t.short) : null,
    { openP99: run.sub.open.noop?.p99 ?? null, pageP95: run.queue.timings['noop-page']?.p95 ?? null },
  )
  return [...checks, ...exportTargets(summary)]
}

function setupRows(run: SqliteRun): [string, string][] {
  const { scale, built } = run
  const mode = `${run.quick ? 'quick' : 'full'}: ${scale.seconds} s loads, ${CONNECTIONS} connections, ${scale.rounds === 1 ? 'ONE round (ratios are that round, not a median of 3)' : `${scale.rounds} interleaved rounds`}, ${scale.tickets.toLocaleString('en')} tickets, ${scale.queueN} timed requests per queue query${run.profile ? ', --cpu-prof ON (numbers slower)' : ''}`
  return [
    ['mode', mode],
    ['build', built.rebuilt ? `next build → .next-bench in ${built.seconds.toFixed(0)} s` : `.next-bench built ${hhmm(built.builtAt)} UTC, newer than every source: not rebuilt`],
    ['floor app', `bench/floor-app under next start (same next package)${run.floorBuilt.rebuilt ? `, built in ${run.floorBuilt.seconds.toFixed(0)} s` : ', build up to date'}`],
    ['Relais server', `${run.server.nextStart ? 'next start' : 'scripts/server.mjs'}, node ${run.server.nodeFlags.join(' ') || '(no flags)'}`],
    ['databases', `${describeTemplate(run.migrated, 'migrated schema')}; setup (admin, seed, both servers, in parallel) ${run.setupSeconds.toFixed(1)} s`],
  ]
}

function closedRows(run: SqliteRun, s: Summary): [string, string][] {
  const { closed, loops } = run.sub
  const ofRounds = run.scale.rounds === 1 ? 'one round only' : 'median of rounds'
  const list = (xs: number[], digits = 2) => xs.map((x) => x.toFixed(digits)).join(', ')
  const noopCpu = cpuOf(run, 'noop')
  const cpuRatios = known(cpuOf(run, 'relais').map((c, i) => (c !== null && noopCpu[i] ? c / noopCpu[i]! : null)))
  return [
    ...(['noop', 'noop-pages', 'floor', 'relais', 'bare'] as const).map((k): [string, string] => [
      `closed ${k}`,
      closed[k]!.map((r) => `${r.rps.toFixed(0)}/s p50 ${r.p50} p90 ${r.p90} p99 ${r.p99} ms err ${r.errors + r.non201}`).join(' | ') || 'n/a',
    ]),
    [`Relais ÷ no-op POST (${ofRounds})`, `${fmt(s.ratio_noop, 2)}  [${list(ratios(run, 'noop'))}]`],
    [`Relais ÷ Pages Router no-op POST (${ofRounds})`, `${fmt(s.ratio_noop_pages, 2)}  [${list(ratios(run, 'noop-pages'))}]`],
    [`Relais p99 ÷ no-op POST p99 (${ofRounds})`, `${fmt(s.p99_ratio_noop, 2)}  [${list(p99Ratios(run, 'noop'))}]`],
    ...(['relais', 'noop'] as const).flatMap((k) => loops[k]!.map((l, i): [string, string] => [`${k === 'relais' ? 'Relais' : 'no-op'} server, closed round ${i + 1}`, describeLoop(l, closed[k]![i]?.requests)])),
    [`CPU per request, Relais ÷ no-op POST (${ofRounds})`, `${fmt(median(cpuRatios), 2)}  [${list(cpuRatios)}] (server CPU time: what a request costs, whatever else runs on the machine)`],
    [`Relais ÷ floor (${ofRounds})`, `${fmt(s.ratio_floor, 2)}  [${list(ratios(run, 'floor'))}]`],
    [`Relais ÷ bare (${ofRounds})`, `${fmt(s.ratio_bare, 3)}  [${list(ratios(run, 'bare'), 3)}]`],
  ]
}

function openRows(run: SqliteRun, s: Summary): [string, string][] {
  const { open, openRounds, openLoops } = run.sub
  const w = run.wal
  return [
    ...Object.values(open).map((o): [string, string] => [`open ${o.target} @${o.rate}/s`, `p50 ${fmt(o.p50)} p90 ${fmt(o.p90)} p99 ${fmt(o.p99)} max ${fmt(o.max)} ms, sent ${o.sent}, errors ${o.errors}, non-201 ${o.nonExpected}`]),
    ['open Relais p99 ÷ no-op p99', open.relais && open.noop ? fmt(open.relais.p99 / open.noop.p99, 2) : 'n/a'],
    ...Object.entries(openRounds).map(([name, runs]): [string, string] => [`open ${name} p99 by round`, runs.map((r) => fmt(r.result.p99)).join(', ')]),
    ...(['relais', 'noop'] as const).map((k): [string, string] => [`${k === 'relais' ? 'Relais' : 'no-op'} server, open loop`, describeLoop(openLoops[k], open[k]?.sent)]),
    ['submission errors (all Relais loads)', String(s.errors ?? 'n/a')],
    ['201s stored (Relais)', run.stored ? `${run.stored.stored}/${run.stored.answered201} (${run.stored.rows} rows)` : 'n/a'],
    ['201s stored (bare)', run.bareStored ? `${run.bareStored.stored}/${run.bareStored.answered201}` : 'n/a'],
    ['WAL after submissions', `Relais ${fmt(w.relais)} MB, bare ${fmt(w.bare)} MB`],
  ]
}

function queueRows(run: SqliteRun): [string, string][] {
  const { timings, walk } = run.queue
  const vsNoop = (k: string) => (timings[k] && timings['noop-get'] ? fmt(timings[k].p95 / timings['noop-get'].p95, 2) : 'n/a')
  return [
    ['seed', describeTemplate(run.seeded, `${run.scale.tickets.toLocaleString('en')} tickets`)],
    ...Object.values(timings).map((t): [string, string] => [
      `queue ${t.name}`,
      `p50 ${fmt(t.p50)} p95 ${fmt(t.p95)} max ${fmt(t.max)} ms (n=${t.n}${t.rows === undefined ? '' : `, ${t.rows} rows`})${t.short ? ` — BELOW THE ${QUEUE_MIN} MINIMUM: ${t.short}` : ''}`,
    ]),
    ...exportRows(run.exported),
    ['queue p95 ÷ no-op GET p95', (['first', 'filtered', 'search', 'deep'] as const).map((k) => `${k} ${vsNoop(k)}`).join(', ')],
    ['/admin p95 ÷ empty page p95', timings.admin && timings['noop-page'] ? fmt(timings.admin.p95 / timings['noop-page'].p95, 2) : 'n/a'],
    ['cursor walk (50 pages × 100)', walk.depth ? `${walk.depth} tickets in ${fmt(walk.walkMs, 0)} ms` : 'n/a'],
    ...(run.children.explain?.timings ?? []).map((t): [string, string] => [`in-process ${t.label}`, `p50 ${fmt(t.p50, 2)} p95 ${fmt(t.p95, 2)} ms (lib call, no HTTP)`]),
  ]
}

function childRows(run: SqliteRun): [string, string][] {
  const { breakdown, mail, classifier: c, dryRuns } = run.children
  return [
    ...(breakdown?.steps ?? []).map((b): [string, string] => [`per report: ${b.step}`, `${fmt(b.cpuUs / 1000, 3)} ms CPU, ${fmt(b.wallUs / 1000, 3)} ms wall (n=${b.n})`]),
    ['201 → acknowledgement at SMTP', mail ? `p50 ${fmt(mail.p50Ms)} p99 ${fmt(mail.p99Ms)} max ${fmt(mail.maxMs)} ms (${mail.arrived} of ${mail.reports} arrived)` : 'n/a'],
    [
      'classifier (CPU time, one core)',
      c ? `${c.perSecond.toFixed(0)} msg/s (wall ${c.wallPerSecond.toFixed(0)}/s) on ${c.corpus} messages, avg ${c.avgChars} chars, from ${c.source}${c.perSecond300 ? `; ${c.perSecond300.toFixed(0)}/s on 300-char messages` : ''}` : 'n/a',
    ],
    ['classifier with 200 school rules', c?.perSecond200Rules ? `${c.perSecond200Rules.toFixed(0)} msg/s${c.perSecond300With200Rules ? `; ${c.perSecond300With200Rules.toFixed(0)}/s on 300-char messages` : ''}` : 'n/a'],
    ...(dryRuns ?? []).map((d): [string, string] => [`dry run « ${d.rule} »`, `${d.tickets} tickets in ${fmt(d.seconds, 2)} s (${fmt(d.cpuSeconds, 2)} s CPU), ${d.wouldChange} would change; other reads waited ≤ ${fmt(d.otherReadsMaxWaitMs, 1)} ms`]),
  ]
}

function pageAndMachineRows(run: SqliteRun, s: Summary): [string, string][] {
  const { weight: w, floorWeight: f, built } = run
  const seconds = (performance.now() - run.startedAt) / 1000
  const largest = (w?.largest ?? []).slice(0, 3).map((l) => `${path.basename(l.src)} ${fmt(l.gzipKb)} kB`)
  return [
    ['first-load JS of /', w ? `${fmt(w.gzipKb)} kB gzip, of which ${fmt(w.sharedGzipKb)} kB also loaded by a 404 page (framework + root layout) (${fmt(w.rawKb)} kB raw, ${w.scripts} scripts; largest ${largest.join(', ')})` : 'n/a'],
    ['first-load JS of the empty page', f ? `${fmt(f.gzipKb)} kB gzip (${f.scripts} scripts); the form page: +${fmt(w ? w.gzipKb - f.gzipKb : null)} kB` : 'n/a'],
    ['max server RSS (tree)', `${fmt(s.max_rss_mb)} MB (${run.rss.labels.join(', ')})`],
    ['load average (1, 5, 15 min; 2 cores)', `at start ${run.loadAtStart}, at end ${loadAvg()}`],
    ['total time', `${seconds.toFixed(0)} s${built.rebuilt ? ` (${(seconds - built.seconds).toFixed(0)} s without the build)` : ''}`],
  ]
}

/** The table, the target checks, the query plans and the notes, as printed and recorded. */
export function sqliteText(run: SqliteRun, summary: Summary): string {
  const rows = [...setupRows(run), ...closedRows(run, summary), ...openRows(run, summary), ...queueRows(run), ...childRows(run), ...pageAndMachineRows(run, summary)]
  const planLines = (run.children.explain?.queries ?? []).map((q) => `- ${q.label}${q.flags.length ? ' **' + q.flags.join('; ') + '**' : ''}: ${q.plan.join(' / ')}\n  \`${q.sql.slice(0, 400)}\``)
  const checkLines = sqliteChecks(run, summary).map(([name, pass, detail]) => `${pass ? 'PASS' : 'MISS'}  ${name}${detail ? `  (${detail})` : ''}`)
  const shortQueries = Object.values(run.queue.timings).filter((t) => t.short)
  const allNotes = [...notes, ...shortQueries.map((t) => `queue ${t.name}: only ${t.n} timed requests, BELOW THE ${QUEUE_MIN} MINIMUM (${t.short})`)]
  return [table(rows), '', 'Targets:', ...checkLines, '', 'Query plans:', ...planLines, ...(allNotes.length ? ['', 'Notes:', ...allNotes] : [])].join('\n')
}
