// String similarity used by candidate matching. Pure. Hot path: three reusable rows, char codes.

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)]

/** Optimal string alignment distance (Levenshtein + adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (!a.length) return b.length
  if (!b.length) return a.length
  if (rows[0].length <= b.length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1), new Int32Array(b.length + 1)]
  let [prev2, prev, row] = rows
  for (let j = 0; j <= b.length; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    row[0] = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1)
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1))
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) value = Math.min(value, prev2[j - 2]! + 1)
      row[j] = value
    }
    ;[prev2, prev, row] = [prev, row, prev2]
  }
  return prev[b.length]!
}

/** 1 for identical strings, 0 for nothing in common (normalised by the longer length). */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length)
  if (longest === 0) return 1
  // The distance is at least the length difference: skip the work when that alone is decisive.
  if (Math.abs(a.length - b.length) / longest > 0.6) return 1 - Math.abs(a.length - b.length) / longest
  return 1 - editDistance(a, b) / longest
}
