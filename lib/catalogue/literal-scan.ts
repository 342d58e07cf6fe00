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

function buildTrie(literals: readonly string[]): { trie: number[][]; outputs: number[][] } {
  const trie: number[][] = [new Array<number>(ALPHABET).fill(-1)]
  const outputs: number[][] = [[]]
  literals.forEach((l, j) => {
    let state = 0
    for (let k = 0; k < l.length; k++) {
      const c = symbol(l.charCodeAt(k))
      if (c < 0) throw new Error(`pre-check literal ${JSON.stringify(l)}: only [a-z0-9 ] is supported`)
      let next = trie[state]![c]!
      if (next < 0) {
        next = trie.length
        trie.push(new Array<number>(ALPHABET).fill(-1))
        outputs.push([])
        trie[state]![c] = next
      }
      state = next
    }
    outputs[state]!.push(j)
  })
  return { trie, outputs }
}

/** Returns a function that sets present[j] = 1 for every literal j found in ' ' + text + ' '. */
export function literalScanner(literals: readonly string[]): (text: string, present: Uint8Array) => void {
  const { trie, outputs } = buildTrie(literals)
  // Breadth-first: failure links, then the full transition table (a DFA).
  // Two bytes a transition while the automaton has fewer than 65,536 states: half the memory.
  const delta = trie.length < 0x10000 ? new Uint16Array(trie.length * ALPHABET) : new Int32Array(trie.length * ALPHABET)
  const fail = new Int32Array(trie.length)
  const queue: number[] = []
  for (let c = 0; c < ALPHABET; c++) {
    const next = trie[0]![c]!
    delta[c] = next < 0 ? 0 : next
    if (next > 0) queue.push(next)
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const state = queue[qi]!
    outputs[state] = [...new Set([...outputs[state]!, ...outputs[fail[state]!]!])]
    for (let c = 0; c < ALPHABET; c++) {
      const next = trie[state]![c]!
      const viaFail = delta[fail[state]! * ALPHABET + c]!
      if (next < 0) {
        delta[state * ALPHABET + c] = viaFail
      } else {
        delta[state * ALPHABET + c] = next
        fail[next] = viaFail
        queue.push(next)
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
