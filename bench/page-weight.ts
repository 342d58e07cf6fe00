// First-load JavaScript of a page as a browser gets it: fetch the HTML from the running production
// server, collect every same-origin script it loads (<script src> and <link rel=preload as=script /
// modulepreload>), download each once and sum their gzip sizes (level 9 is what CDNs typically use).
// noModule scripts (legacy polyfills) are skipped: browsers that run modules never fetch them.
// The same is done for a 404 page (root layout + framework only) to tell the page's own share.

import zlib from 'node:zlib'

export interface PageWeight {
  path: string
  scripts: number
  rawKb: number
  gzipKb: number
  largest: { src: string; gzipKb: number }[]
  /** Gzip kB of the scripts a 404 page also loads (framework + root layout). */
  sharedGzipKb: number
}

export function scriptSources(html: string): string[] {
  const out = new Set<string>()
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) if (!/\bnomodule\b/i.test(m[0])) out.add(m[1]!)
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0]
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1]
    if (href && (/rel="modulepreload"/.test(tag) || (/rel="preload"/.test(tag) && /as="script"/.test(tag)))) out.add(href)
  }
  return [...out].map((s) => s.replace(/&amp;/g, '&'))
}

async function scriptsOf(origin: string, path: string, okStatuses: number[]): Promise<string[]> {
  const res = await fetch(origin + path)
  if (!okStatuses.includes(res.status)) throw new Error(`GET ${path} answered ${res.status}`)
  return scriptSources(await res.text()).filter((s) => s.startsWith('/') || s.startsWith(origin))
}

export async function pageWeight(origin: string, path = '/'): Promise<PageWeight> {
  const sources = await scriptsOf(origin, path, [200])
  const shared = new Set(await scriptsOf(origin, '/bench-page-that-does-not-exist', [404]))
  let raw = 0
  let gz = 0
  let sharedGz = 0
  const sizes: { src: string; gzipKb: number }[] = []
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer())
    const g = zlib.gzipSync(body, { level: 9 }).length
    raw += body.length
    gz += g
    if (shared.has(src)) sharedGz += g
    sizes.push({ src, gzipKb: g / 1000 })
  }
  sizes.sort((a, b) => b.gzipKb - a.gzipKb)
  return { path, scripts: sources.length, rawKb: raw / 1000, gzipKb: gz / 1000, largest: sizes.slice(0, 5), sharedGzipKb: sharedGz / 1000 }
}
