// The admin queue at scale: signs in through next-auth's credentials endpoint like a browser, then
// times GET /api/admin/tickets (first page, filtered, search, deep by cursor) and the /admin page.

import http from 'node:http'
import { percentile } from './load'

interface Answer {
  status: number
  text: string
}

/**
 * A signed-in browser session over node:http with one kept-alive connection. Not `fetch`: on these
 * 2-core machines undici's fetch costs the client ~3 ms a request and slows the server beside it
 * (measured on GET /api/health: server time p50 5.5 ms under fetch, 3.5 ms under node:http).
 */
export class Session {
  private cookies = new Map<string, string>()
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  private turn = 0
  /**
   * `spread`: several processes of one app (PostgreSQL, bench/postgres.ts), asked in turn, one
   * request at a time as before; the session cookie is valid on all of them (same secret).
   */
  constructor(
    readonly origin: string,
    private readonly spread: string[] = [origin],
  ) {}

  private keep(setCookie: string[] | undefined) {
    for (const c of setCookie ?? []) {
      const [pair] = c.split(';')
      const eq = pair!.indexOf('=')
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim())
    }
  }

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** One request, the whole body read; cookies set by the answer are kept. Redirects are not followed. */
  fetch(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers = { cookie: this.cookieHeader, ...init.headers }
      if (init.body !== undefined) Object.assign(headers, { 'content-length': String(Buffer.byteLength(init.body)) })
      const origin = this.spread[this.turn++ % this.spread.length]!
      const req = http.request(new URL(path, origin), { method: init.method ?? 'GET', headers, agent: this.agent }, (res) => {
        this.keep(res.headers['set-cookie'])
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(init.body)
    })
  }

  /** GET /api/auth/csrf, then POST the credentials form; true when a session cookie came back. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrf = JSON.parse((await this.fetch('/api/auth/csrf')).text) as { csrfToken: string }
    await this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, callbackUrl: `${this.origin}/admin` }).toString(),
    })
    return [...this.cookies.keys()].some((k) => k.endsWith('next-auth.session-token'))
  }

  /**
   * The same client, cookies included, for another server (the floor app): its requests carry the
   * same headers, so the no-op GET is timed exactly like the queue queries.
   */
  at(origin: string): Session {
    const other = new Session(origin)
    other.cookies = this.cookies
    return other
  }

  close() {
    this.agent.destroy()
  }
}

export interface Timing {
  name: string
  n: number
  p50: number
  p95: number
  max: number
  status: number
  rows?: number
  /** Set when fewer than the minimum were timed, with the reason. */
  short?: string
}

export interface TimingOptions {
  /** Timed requests every query gets (issue 6: at least 50). */
  min: number
  /** Timed requests wanted; those beyond `min` are dropped once the query has run `budgetMs`. */
  target: number
  budgetMs?: number
  /**
   * The one exception to `min`: a query whose median is over this after 10 timed requests is
   * stopped there (50 would take minutes) and reported as short. Far above every target.
   */
  catastrophicMs?: number
}

const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

/**
 * Sequential timed GETs (after 3 untimed warm-ups); time is to the last byte of the body. At least
 * `min` are timed unless the query is catastrophically slow (then `short` says so).
 */
export async function timeGet(session: Session, name: string, path: string, opts: TimingOptions, check?: (body: string) => number): Promise<Timing> {
  return (await timeInterleaved(session, [{ name, path, check }], opts))[0]!
}

interface Page {
  items: { reference: string; status: string; category: string }[]
  nextCursor: string | null
}

export function pageOf(body: string): Page {
  const json = JSON.parse(body) as Partial<Page> & { page?: Page }
  const page = json.page ?? json
  return { items: page.items ?? [], nextCursor: page.nextCursor ?? null }
}

export interface TimedGet {
  name: string
  path: string
  check?: (body: string) => number
  /** Another client (the floor app's, same cookies); the phase's session otherwise. */
  client?: Session
}

/**
 * Timed GETs (after 3 untimed rounds), interleaved request by request: one round asks each in turn,
 * so the references (the floor app's no-op GET) and the queue queries meet the same machine at the
 * same moments, as issue 17 asks of every ratio; time is to the last byte of the body. Each gets at
 * least `min` timed requests, `target` unless the rounds have run `budgetMs` per GET; a query whose
 * median is over `catastrophicMs` from its 10th request on (before `min`) leaves the rotation,
 * reported short, and the others go on.
 */
export async function timeInterleaved(session: Session, gets: TimedGet[], opts: TimingOptions): Promise<Timing[]> {
  const { min, target, budgetMs = 30_000, catastrophicMs = 1_000 } = opts
  const state = gets.map((g) => ({ g, ms: [] as number[], status: 0, rows: undefined as number | undefined, short: undefined as string | undefined }))
  let start = 0
  for (let round = -3; ; round++) {
    if (round === 0) start = performance.now()
    const active = state.filter((s) => !s.short)
    if (active.length === 0 || (round >= min && (round >= target || performance.now() - start > budgetMs * gets.length))) break
    for (const s of active) {
      const t0 = performance.now()
      const res = await (s.g.client ?? session).fetch(s.g.path)
      const t = performance.now() - t0
      s.status = res.status
      if (res.status !== 200) throw new Error(`${s.g.name}: GET ${s.g.path} answered ${res.status}: ${res.text.slice(0, 300)}`)
      if (round < 0) continue
      s.ms.push(t)
      if (s.g.check && round === 0) s.rows = s.g.check(res.text)
      if (s.ms.length >= 10 && s.ms.length < min && medianOf(s.ms) > catastrophicMs) {
        s.short = `stopped after ${s.ms.length}: median ${medianOf(s.ms).toFixed(0)} ms > ${catastrophicMs} ms`
      }
    }
  }
  return state.map(({ g, ms, status, rows, short }) => {
    ms.sort((a, b) => a - b)
    return { name: g.name, n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms.at(-1)!, status, ...(rows === undefined ? {} : { rows }), ...(short ? { short } : {}) }
  })
}

/** The queue's filtered query of the bench, and its check: the row count of a page all inside the filter. */
export const FILTERED_QUERY = '?category=BAD_CREDENTIALS&status=NEW'
export function filteredRows(body: string): number {
  const items = pageOf(body).items
  if (items.some((i) => i.category !== 'BAD_CREDENTIALS' || i.status !== 'NEW')) throw new Error('filtered page has rows outside the filter')
  return items.length
}

/** Follows nextCursor `pages` times with `limit` rows per page; checks the pages never overlap. */
export async function walkCursor(session: Session, base: string, pages: number, limit: number) {
  const seen = new Set<string>()
  let cursor: string | null = null
  const t0 = performance.now()
  for (let i = 0; i < pages; i++) {
    const res = await session.fetch(`${base}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    const page = pageOf(res.text)
    for (const item of page.items) {
      if (seen.has(item.reference)) throw new Error(`cursor walk: ${item.reference} appeared twice`)
      seen.add(item.reference)
    }
    if (!page.nextCursor) throw new Error(`cursor walk ended after ${seen.size} tickets`)
    cursor = page.nextCursor
  }
  return { cursor: cursor!, depth: seen.size, walkMs: performance.now() - t0 }
}
