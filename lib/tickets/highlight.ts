import type { Evidence } from '@/lib/catalogue/types'

// Splits the user's message into plain and highlighted segments from the classifier's evidence
// offsets, so the page renders them as React text (never as HTML).

export interface Segment {
  text: string
  /** Signals behind this highlighted span; absent for plain text. */
  signals?: string[]
}

export function highlightSegments(message: string, evidence: readonly Evidence[]): Segment[] {
  const ranges = evidence
    .filter((e) => e.start >= 0 && e.end > e.start && e.end <= message.length)
    .map((e) => ({ start: e.start, end: e.end, signals: [e.signal] }))
    .sort((a, b) => a.start - b.start || b.end - a.end)
  // Merge overlapping spans so each character is marked at most once.
  const merged: typeof ranges = []
  for (const r of ranges) {
    const last = merged.at(-1)
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end)
      for (const s of r.signals) if (!last.signals.includes(s)) last.signals.push(s)
    } else merged.push({ ...r, signals: [...r.signals] })
  }
  const segments: Segment[] = []
  let at = 0
  for (const r of merged) {
    if (r.start > at) segments.push({ text: message.slice(at, r.start) })
    segments.push({ text: message.slice(r.start, r.end), signals: r.signals })
    at = r.end
  }
  if (at < message.length || segments.length === 0) segments.push({ text: message.slice(at) })
  return segments
}
