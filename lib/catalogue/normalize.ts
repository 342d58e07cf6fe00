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

// Code unit → folded lowercase ASCII code (0 = separator). Latin-1 and Latin Extended-A only;
// anything else is a separator. Ligatures that expand to two letters are handled in `normalize`.
const TABLE_SIZE = 0x180
const FOLD = new Uint8Array(TABLE_SIZE)
for (let c = 48; c <= 57; c++) FOLD[c] = c
for (let c = 97; c <= 122; c++) FOLD[c] = c
for (let c = 65; c <= 90; c++) FOLD[c] = c + 32
const FOLD_SRC: [string, string][] = [
  ['àáâãäåāăą', 'a'],
  ['çćĉċč', 'c'],
  ['ďđ', 'd'],
  ['èéêëēĕėęě', 'e'],
  ['ìíîïĩīĭįı', 'i'],
  ['ñńņň', 'n'],
  ['òóôõöøōŏő', 'o'],
  ['ùúûüũūŭůűų', 'u'],
  ['ýÿŷ', 'y'],
  ['śŝşš', 's'],
  ['źżž', 'z'],
]
for (const [chars, to] of FOLD_SRC) {
  for (const ch of chars) {
    FOLD[ch.charCodeAt(0)] = to.charCodeAt(0)
    const up = ch.toUpperCase().charCodeAt(0)
    if (up < TABLE_SIZE) FOLD[up] = to.charCodeAt(0)
  }
}
// Two-letter expansions: œ Œ æ Æ ß (first and second folded letter, 0 = none)
const EXPAND_1 = new Uint8Array(TABLE_SIZE)
const EXPAND_2 = new Uint8Array(TABLE_SIZE)
for (const [code, a, b] of [
  [0x153, 111, 101],
  [0x152, 111, 101],
  [0xe6, 97, 101],
  [0xc6, 97, 101],
  [0xdf, 115, 115],
] as const) {
  EXPAND_1[code] = a
  EXPAND_2[code] = b
}

function isBreak(code: number): boolean {
  // . ! ? ; newline, and the ellipsis character
  return code === 46 || code === 33 || code === 63 || code === 59 || code === 10 || code === 13 || code === 0x2026
}

// The buffer only ever holds ASCII codes, which every single-byte decoder maps to themselves.
const ASCII = new TextDecoder('latin1')
function toAscii(buf: Uint8Array, len: number): string {
  return ASCII.decode(buf.subarray(0, len))
}

// Scratch buffers reused across calls (the classifier is synchronous and single-threaded), so a
// classification allocates almost nothing. `normalize` copies the offsets out for callers that
// keep the result; the classifier uses `normalizeShared` and reads them before the next call.
let scratchBuf = new Uint8Array(1024)
let scratchStart = new Int32Array(1024)
let scratchEnd = new Int32Array(1024)

export function normalize(input: string): Normalized {
  const n = normalizeShared(input)
  return { ...n, origStart: n.origStart.slice(0, n.text.length), origEnd: n.origEnd.slice(0, n.text.length) }
}

/** Like `normalize`, but the offset arrays are shared and overwritten by the next call. */
export function normalizeShared(input: string): Normalized {
  const n = input.length
  // Expansions can double a character; reserve room.
  const cap = n * 2 + 1
  if (scratchBuf.length < cap) {
    scratchBuf = new Uint8Array(cap)
    scratchStart = new Int32Array(cap)
    scratchEnd = new Int32Array(cap)
  }
  const buf = scratchBuf
  const start = scratchStart
  const end = scratchEnd
  const breaks: number[] = []
  let len = 0
  let pendingSpace = false
  let pendingBreak = false
  let last = 0
  let repeat = 0

  for (let i = 0; i < n; i++) {
    const code = input.charCodeAt(i)
    let out = code < TABLE_SIZE ? (FOLD[code] as number) : 0
    let second = 0
    if (out === 0) {
      const first = code < TABLE_SIZE ? (EXPAND_1[code] as number) : 0
      if (first === 0) {
        pendingSpace = true
        if (isBreak(code)) pendingBreak = true
        continue
      }
      out = first
      second = EXPAND_2[code] as number
    }
    // Fast path, the common case: a plain character continuing the current word.
    if (!pendingSpace && second === 0 && out !== last && (len === 0 || last === 32 || last <= 57 === out <= 57)) {
      repeat = 0
      buf[len] = out
      start[len] = i
      end[len] = i + 1
      len++
      last = out
      continue
    }
    // "erreur503", "err404": split letters from digits so codes read as separate words.
    if (!pendingSpace && len > 0 && last !== 32 && last <= 57 !== out <= 57) pendingSpace = true
    for (;;) {
      if (pendingSpace && len > 0) {
        buf[len] = 32
        start[len] = i
        end[len] = i
        len++
        last = 32
        repeat = 0
      }
      if (pendingBreak && len > 0) breaks.push(len)
      pendingSpace = false
      pendingBreak = false
      if (out === last && out > 57) {
        // A doubled letter is legitimate ("ss", "ll"); three or more are emphasis ("paaas") and
        // collapse to one letter.
        if (++repeat >= 2) {
          if (repeat === 2) len--
          end[len - 1] = i + 1
        } else {
          buf[len] = out
          start[len] = i
          end[len] = i + 1
          len++
        }
      } else {
        repeat = 0
        buf[len] = out
        start[len] = i
        end[len] = i + 1
        len++
        last = out
      }
      if (second === 0) break
      out = second
      second = 0
    }
  }
  return { text: toAscii(buf, len), origStart: start, origEnd: end, breaks }
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
