import { config } from 'zod/v4/core'

// Runs in the browser before any page code. zod 4 probes `new Function("")` when its first object
// schema is built, to decide whether it may compile fast parsers; our CSP (no 'unsafe-eval', see
// proxy.ts) blocks that probe, which lands in the console as a violation on every page that loads a
// schema. Browser-side parsing is a handful of small forms: the interpreted parser is plenty.
// The server keeps the JIT (no CSP applies there).
config({ jitless: true })
