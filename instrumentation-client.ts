import type { $ZodConfig } from 'zod/v4/core'

// Runs in the browser before any page code. zod 4 probes `new Function("")` when its first object
// schema is built, to decide whether it may compile fast parsers; our CSP (no 'unsafe-eval', see
// proxy.ts) blocks that probe, which lands in the console as a violation on every page that builds
// a schema. Browser-side parsing is a handful of small forms: the interpreted parser is plenty, and
// the server keeps the JIT.
//
// This is what `z.config({ jitless: true })` does: zod keeps its configuration on
// `globalThis.__zod_globalConfig` (created on first import when absent, so every copy of zod shares
// it). Setting it here, rather than importing `config`, keeps zod's core (6 kB gzip) out of the first
// load of pages that never build a schema, the public form first. tests/unit/zod-jitless.test.ts
// checks that the installed zod still reads it.
const scope = globalThis as { __zod_globalConfig?: $ZodConfig }
scope.__zod_globalConfig = { ...scope.__zod_globalConfig, jitless: true }
