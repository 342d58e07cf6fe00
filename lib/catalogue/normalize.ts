// Hand-rolled text normaliser for the classifier: lowercase, accents stripped, every run of
// non-alphanumeric characters collapsed to one space, letters repeated 3+ times collapsed to one
// ("paaas" → "pas"). Keeps, for every normalised character, the offset of the original character
// it came from, so matches can be reported against the original text. Sentence breaks
// (. ! ? ; newline) are recorded separately because they matter for attribution.

export interface Normalized {
  /** Normalised text: only [a-z0-9 ], single spaces, no leading/trailing space. */
  text: string
  /** origStart[i] = offset in the original text of normalised char i. */
  origStart: Int32Array
  /** origEnd[i] = offset just after the original character(s) normalised char i came from. */
  origEnd: Int32Array
  /** Normalised offsets where a new sentence starts (ascending). */
  breaks: number[]
}

// Accented and special letters → ASCII (lowercase). Built once.
const FOLD: Record<string, string> = {}
const FOLD_SRC: [string, string][] = [
  ['àáâãäåā', 'a'],
  ['çć', 'c'],
  ['èéêëēę', 'e'],
  ['ìíîïī', 'i'],
  ['ñń', 'n'],
  ['òóôõöøō', 'o'],
  ['ùúûüū', 'u'],
  ['ýÿ', 'y'],
  ['ß', 'ss'],
  ['œ', 'oe'],
  ['æ', 'ae'],
]
for (const [chars, to] of FOLD_SRC) {
  for (const ch of chars) {
    FOLD[ch] = to
    FOLD[ch.toUpperCase()] = to
  }
}

function isBreak(code: number): boolean {
  // . ! ? ; newline, and the ellipsis character
  return code === 46 || code === 33 || code === 63 || code === 59 || code === 10 || code === 13 || code === 0x2026
}

export function normalize(input: string): Normalized {
  const n = input.length
  // œ/æ/ß can double a character; reserve room.
  const start = new Int32Array(n * 2 + 1)
  const end = new Int32Array(n * 2 + 1)
  const out: string[] = []
  const breaks: number[] = []
  let len = 0
  let pendingSpace = false
  let pendingBreak = false
  let last = ''
  let repeat = 0

  const push = (ch: string, i: number, j: number) => {
    if (pendingSpace && len > 0) {
      out.push(' ')
      start[len] = i
      end[len] = i
      len++
      last = ' '
      repeat = 0
    }
    if (pendingBreak && len > 0) breaks.push(len)
    pendingSpace = false
    pendingBreak = false
    if (ch === last) {
      repeat++
      // Keep at most two identical letters in a row ("ss", "ll", "ee" are legitimate); digits stay.
      if (repeat >= 2 && (ch < '0' || ch > '9')) {
        end[len - 1] = j
        return
      }
    } else {
      repeat = 0
    }
    out.push(ch)
    start[len] = i
    end[len] = j
    len++
    last = ch
  }

  for (let i = 0; i < n; i++) {
    const code = input.charCodeAt(i)
    if (code >= 97 && code <= 122) push(input[i] as string, i, i + 1)
    else if (code >= 65 && code <= 90) push(String.fromCharCode(code + 32), i, i + 1)
    else if (code >= 48 && code <= 57) push(input[i] as string, i, i + 1)
    else if (code < 128) {
      pendingSpace = true
      if (isBreak(code)) pendingBreak = true
    } else {
      const folded = FOLD[input[i] as string]
      if (folded) {
        for (let k = 0; k < folded.length; k++) push(folded[k] as string, i, i + 1)
      } else {
        pendingSpace = true
        if (isBreak(code)) pendingBreak = true
      }
    }
  }
  return { text: out.join(''), origStart: start, origEnd: end, breaks }
}

/** Index of the sentence containing normalised offset `pos`. */
export function sentenceOf(norm: Normalized, pos: number): number {
  const b = norm.breaks
  let lo = 0
  let hi = b.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((b[mid] as number) <= pos) lo = mid + 1
    else hi = mid
  }
  return lo
}
