// First-load JavaScript of a page as a browser gets it: fetch the HTML from the running production
// server, collect every same-origin script it loads (<script src> and <link rel=preload as=script /
// modulepreload>), download each once and sum their gzip sizes (level 9 is what CDNs typically use).

import zlib from 'node:zlib'

export interface PageWeight {
  path: string
  scripts: number
  rawKb: number
  gzipKb: number
  largest: { src: string; gzipKb: number }[]
}

export function scriptSources(html: string): string[] {
  const out = new Set<string>()
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) out.add(m[1]!)
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0]
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1]
    if (href && (/rel="modulepreload"/.test(tag) || (/rel="preload"/.test(tag) && /as="script"/.test(tag)))) out.add(href)
  }
  return [...out].map((s) => s.replace(/&amp;/g, '&'))
}

export async function pageWeight(origin: string, path = '/'): Promise<PageWeight> {
  const res = await fetch(origin + path)
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`)
  const sources = scriptSources(await res.text()).filter((s) => s.startsWith('/') || s.startsWith(origin))
  let raw = 0
  let gz = 0
  const sizes: { src: string; gzipKb: number }[] = []
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer())
    const g = zlib.gzipSync(body, { level: 9 }).length
    raw += body.length
    gz += g
    sizes.push({ src, gzipKb: g / 1000 })
  }
  sizes.sort((a, b) => b.gzipKb - a.gzipKb)
  return { path, scripts: sources.length, rawKb: raw / 1000, gzipKb: gz / 1000, largest: sizes.slice(0, 5) }
}
