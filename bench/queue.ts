// The admin queue at scale: signs in through next-auth's credentials endpoint like a browser, then
// times GET /api/admin/tickets (first page, filtered, search, deep by cursor) and the /admin page.

import { percentile } from './load'

export class Session {
  private cookies = new Map<string, string>()
  constructor(readonly origin: string) {}

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const eq = pair!.indexOf('=')
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim())
    }
  }

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(this.origin + path, {
      redirect: 'manual',
      ...init,
      headers: { cookie: this.cookieHeader, ...(init.headers as Record<string, string>) },
    })
    this.keep(res)
    return res
  }

  /** GET /api/auth/csrf, then POST the credentials form; true when a session cookie came back. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrf = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string }
    const res = await this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, callbackUrl: `${this.origin}/admin` }),
    })
    await res.arrayBuffer()
    return [...this.cookies.keys()].some((k) => k.endsWith('next-auth.session-token'))
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
}

/**
 * Sequential timed GETs (after 3 untimed warm-ups); time is to the last byte of the body. A query
 * so slow that `n` runs would exceed `budgetMs` stops after 10 timed runs (its n says so).
 */
export async function timeGet(session: Session, name: string, path: string, n: number, check?: (body: string) => number, budgetMs = 30_000): Promise<Timing> {
  const ms: number[] = []
  const start = performance.now()
  let status = 0
  let rows: number | undefined
  for (let i = -3; i < n; i++) {
    const t0 = performance.now()
    const res = await session.fetch(path)
    const body = await res.text()
    const t = performance.now() - t0
    status = res.status
    if (res.status !== 200) throw new Error(`${name}: GET ${path} answered ${res.status}: ${body.slice(0, 300)}`)
    if (i >= 0) ms.push(t)
    if (check && i === 0) rows = check(body)
    if (ms.length >= 10 && performance.now() - start > budgetMs) break
  }
  ms.sort((a, b) => a - b)
  return { name, n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms.at(-1)!, status, ...(rows === undefined ? {} : { rows }) }
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

/** Follows nextCursor `pages` times with `limit` rows per page; checks the pages never overlap. */
export async function walkCursor(session: Session, base: string, pages: number, limit: number) {
  const seen = new Set<string>()
  let cursor: string | null = null
  const t0 = performance.now()
  for (let i = 0; i < pages; i++) {
    const res = await session.fetch(`${base}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    const page = pageOf(await res.text())
    for (const item of page.items) {
      if (seen.has(item.reference)) throw new Error(`cursor walk: ${item.reference} appeared twice`)
      seen.add(item.reference)
    }
    if (!page.nextCursor) throw new Error(`cursor walk ended after ${seen.size} tickets`)
    cursor = page.nextCursor
  }
  return { cursor: cursor!, depth: seen.size, walkMs: performance.now() - t0 }
}
