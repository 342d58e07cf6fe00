// Load generators. Closed loop: autocannon (fixed connections, as fast as the server answers).
// Open loop: our own scheduler that sends at a fixed rate and measures each request from its
// *scheduled* send time, so a server stall shows up as latency instead of as fewer requests.

import autocannon from 'autocannon'
import http from 'node:http'
import { reportBody } from './bodies'

export interface Target {
  name: string
  origin: string // e.g. http://127.0.0.1:3200
  method: 'GET' | 'POST'
  path: string
  /** A cheap GET of the same server, to see it has drained (default /api/health). */
  probe?: string
  /**
   * Several processes of one app (PostgreSQL, bench/postgres.ts): the load is spread over these
   * origins, autocannon's connections and the open loop's requests in turn; `origin` stays the
   * Origin header every process is configured with.
   */
  origins?: string[]
}

export interface ClosedResult {
  target: string
  rps: number
  p50: number
  p90: number
  p99: number
  requests: number
  errors: number // connection errors and timeouts
  non201: number // answers other than the expected status
  expected: number
}

/** Globally unique body counter shared by every generator of the run. */
let bodyCounter = 0
export const nextBody = () => JSON.stringify(reportBody(++bodyCounter))

/** The reference in a 201 answer (`{ reference }` at top level or under `ticket`). */
export function referenceOf(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as { reference?: unknown; ticket?: { reference?: unknown } }
    const ref = json.reference ?? json.ticket?.reference
    return typeof ref === 'string' ? ref : undefined
  } catch {
    return undefined
  }
}

export async function closedLoop(
  target: Target,
  opts: { connections: number; seconds: number; onReference?: (ref: string) => void },
): Promise<ClosedResult> {
  const expected = target.method === 'POST' ? 201 : 200
  const isPost = target.method === 'POST'
  const result = await autocannon({
    url: target.origins ?? target.origin,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
    headers: isPost ? { 'content-type': 'application/json', origin: target.origin } : {},
    requests: [
      {
        method: target.method,
        path: target.path,
        // A fresh body per request (autocannon's idReplacement miscounts Content-Length).
        ...(isPost ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: nextBody() }) } : {}),
        ...(isPost && opts.onReference
          ? {
              onResponse: (status: number, body: string) => {
                const ref = status === 201 ? referenceOf(body) : undefined
                if (ref) opts.onReference?.(ref)
              },
            }
          : {}),
      },
    ],
  })
  const codes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}
  const good = codes[String(expected)]?.count ?? 0
  const answered = Object.values(codes).reduce((s, c) => s + c.count, 0)
  return {
    target: target.name,
    rps: result.requests.total / opts.seconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non201: answered - good,
    expected,
  }
}

export interface OpenResult {
  target: string
  rate: number
  sent: number
  p50: number
  p90: number
  p99: number
  max: number
  errors: number
  nonExpected: number
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]!
}

/** Fixed-rate POSTs of fresh bodies; latency counted from each request's scheduled send time. */
export async function openLoop(
  target: Target,
  opts: { rate: number; seconds: number; onReference?: (ref: string) => void },
): Promise<OpenResult> {
  const urls = (target.origins ?? [target.origin]).map((origin) => new URL(target.path, origin))
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const total = Math.round(opts.rate * opts.seconds)
  const latencies: number[] = []
  let errors = 0
  let nonExpected = 0
  let done = 0
  const expected = target.method === 'POST' ? 201 : 200
  const start = performance.now() + 50

  const send = (scheduled: number, n: number) => {
    const url = urls[n % urls.length]!
    const body = target.method === 'POST' ? nextBody() : undefined
    const req = http.request(
      url,
      {
        method: target.method,
        agent,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: target.origin }
          : {},
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          latencies.push(performance.now() - scheduled)
          if (res.statusCode !== expected) nonExpected++
          else if (opts.onReference) {
            const ref = referenceOf(Buffer.concat(chunks).toString())
            if (ref) opts.onReference(ref)
          }
          done++
        })
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', () => {
      errors++
      done++
    })
    req.end(body)
  }

  await new Promise<void>((resolve) => {
    let next = 0
    const tick = () => {
      const now = performance.now()
      while (next < total && start + (next * 1000) / opts.rate <= now) {
        send(start + (next * 1000) / opts.rate, next)
        next++
      }
      if (next < total) setTimeout(tick, 1)
      else resolve()
    }
    setTimeout(tick, 50)
  })
  const deadline = performance.now() + 15_000
  while (done < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10))
  errors += total - done // never answered
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    target: target.name,
    rate: opts.rate,
    sent: total,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors,
    nonExpected,
  }
}
