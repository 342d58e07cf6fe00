import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// instrumentation-client.ts turns zod's JIT off by setting its global configuration before zod is
// imported (issue 10: the CSP reported zod's `new Function("")` probe). This runs that file, then
// zod, in a fresh Node process and watches for the probe; without the file, the probe runs.
const root = path.resolve(__dirname, '../..')

function probe(withInstrumentation: boolean): { jitless: boolean; functionConstructed: boolean } {
  const script = `
    let functionConstructed = false
    globalThis.Function = new Proxy(Function, { construct(target, args) { functionConstructed = true; return Reflect.construct(target, args) } })
    ${withInstrumentation ? "await import('./instrumentation-client.ts')" : ''}
    const { z } = await import('zod')
    z.object({ email: z.string() }).parse({ email: 'a@b.c' })
    console.log(JSON.stringify({ jitless: z.config().jitless === true, functionConstructed }))
  `
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { jitless: boolean; functionConstructed: boolean }
}

describe('zod jitless in the browser bundle', () => {
  it('with instrumentation-client.ts loaded first, zod never constructs a Function', () => {
    expect(probe(true)).toEqual({ jitless: true, functionConstructed: false })
  })

  it('without it, zod probes (so the check above can fail)', () => {
    expect(probe(false)).toEqual({ jitless: false, functionConstructed: true })
  })
})
