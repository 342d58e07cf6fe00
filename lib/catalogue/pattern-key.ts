// The key of a classifier pattern in pre-checks.json. Kept apart from prefilter.ts so that the
// classifier reads the file without loading the regular-expression parser.

/** A short, stable key for a pattern's source (FNV-1a, 32 bits): an edited pattern gets a new key. */
export function patternKey(source: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < source.length; i++) h = Math.imul(h ^ source.charCodeAt(i), 0x01000193) >>> 0
  return h.toString(36)
}
