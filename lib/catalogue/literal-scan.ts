// One pass finds every pre-check literal of the classifier: an Aho–Corasick automaton over the
// literals, run on ' ' + text + ' ' (the padding lets literals require word boundaries, " ent ").
// Normalised text only holds [a-z0-9 ]; any other code unit resets the automaton. Equivalent to
// testing each literal with `includes`, in one left-to-right pass without allocation.

const ALPHABET = 37 // space, a–z, 0–9
function symbol(code: number): number {
  if (code === 32) return 0
  if (code >= 97 && code <= 122) return code - 96
  if (code >= 48 && code <= 57) return code - 21
  return -1
}
const SYMBOL = new Int8Array(128).fill(-1)
for (let code = 0; code < 128; code++) SYMBOL[code] = symbol(code)

/** The literals' trie as a flat table (state * ALPHABET + symbol → next state, -1 for none). */
function buildTrie(literals: readonly string[]): { next: Int32Array; states: number; outputs: number[][] } {
  let next = new Int32Array(64 * ALPHABET).fill(-1)
  let states = 1
  const outputs: number[][] = [[]]
  literals.forEach((l, j) => {
    let state = 0
    for (let k = 0; k < l.length; k++) {
      const c = symbol(l.charCodeAt(k))
      if (c < 0) throw new Error(`pre-check literal ${JSON.stringify(l)}: only [a-z0-9 ] is supported`)
      let to = next[state * ALPHABET + c]!
      if (to < 0) {
        if ((states + 1) * ALPHABET > next.length) {
          const grown = new Int32Array(next.length * 2).fill(-1)
          grown.set(next)
          next = grown
        }
        to = states++
        outputs.push([])
        next[state * ALPHABET + c] = to
      }
      state = to
    }
    outputs[state]!.push(j)
  })
  return { next, states, outputs }
}

/** Returns a function that sets present[j] = 1 for every literal j found in ' ' + text + ' '. */
export function literalScanner(literals: readonly string[]): (text: string, present: Uint8Array) => void {
  const { next: trie, states, outputs } = buildTrie(literals)
  // Breadth-first: failure links, then the full transition table (a DFA). Two bytes a transition
  // while the automaton has fewer than 65,536 states: half the memory.
  const delta = states < 0x10000 ? new Uint16Array(states * ALPHABET) : new Int32Array(states * ALPHABET)
  const fail = new Int32Array(states)
  const queue: number[] = []
  for (let c = 0; c < ALPHABET; c++) {
    const to = trie[c]!
    delta[c] = to < 0 ? 0 : to
    if (to > 0) queue.push(to)
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const state = queue[qi]!
    const inherited = outputs[fail[state]!]!
    if (inherited.length > 0) outputs[state] = [...new Set([...outputs[state]!, ...inherited])]
    for (let c = 0; c < ALPHABET; c++) {
      const to = trie[state * ALPHABET + c]!
      const viaFail = delta[fail[state]! * ALPHABET + c]!
      if (to < 0) {
        delta[state * ALPHABET + c] = viaFail
      } else {
        delta[state * ALPHABET + c] = to
        fail[to] = viaFail
        queue.push(to)
      }
    }
  }
  const out: readonly (readonly number[] | null)[] = outputs.map((o) => (o.length > 0 ? o : null))

  return function markLiterals(text: string, present: Uint8Array): void {
    let state = delta[0]! // the leading space
    let found = out[state]
    if (found) for (let k = 0; k < found.length; k++) present[found[k]!] = 1
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 32 // then the trailing space
      const c = code < 128 ? SYMBOL[code]! : -1
      if (c < 0) {
        state = 0
        continue
      }
      state = delta[state * ALPHABET + c]!
      found = out[state]
      if (found) for (let k = 0; k < found.length; k++) present[found[k]!] = 1
    }
  }
}

/** Whether every group of a pre-check has one of its literals present (no pre-check: always). */
export function meets(need: readonly (readonly number[])[] | undefined, present: Uint8Array): boolean {
  if (!need) return true
  for (let g = 0; g < need.length; g++) {
    const group = need[g] as readonly number[]
    let ok = false
    for (let k = 0; k < group.length; k++) {
      if (present[group[k] as number] === 1) {
        ok = true
        break
      }
    }
    if (!ok) return false
  }
  return true
}
