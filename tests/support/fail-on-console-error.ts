import { afterEach, beforeEach, vi, type MockInstance } from 'vitest'

// An unexpected console.error is a failure: tests that expect one must spy on it themselves.
let spy: MockInstance<typeof console.error> | undefined

beforeEach(() => {
  spy = vi.spyOn(console, 'error')
})

afterEach(() => {
  const calls: unknown[][] = spy?.mock.calls ?? []
  spy?.mockRestore()
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c) => c.map(String).join(' ')).join('\n')}`)
})
