import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_AFTER_SIGN_IN, safeCallbackUrl } from '@/lib/auth/callback-url'

// Issue 11, finding 2: the page to return to after signing in is a same-origin path, judged on the
// normalised string the browser receives, never on the raw parameter.

const SEED = Number(process.env.FUZZ_SEED) || undefined

/** What a browser does with the result: it must stay on the origin it was served from. */
function staysHome(result: string): boolean {
  for (const origin of ['https://relais.example', 'http://localhost:3000']) {
    const url = new URL(result, origin)
    if (url.origin !== origin) return false
  }
  return result.startsWith('/') && !result.startsWith('//') && !/[\\\s\u0000-\u001f]/.test(result)
}

const pieces = fc.constantFrom(
  '/', '//', '.', '..', './', '../', '\\', '/\\', '%2F', '%2f', '%5C', '%5c', '%2E', '%2e', '%252F', '%00',
  '\t', '\n', '\r', ' ', '\u3000', '\u00a0', '\u200b', '\ufeff', '%09', '%0A', '@', ':', '?', '#', '&', '=',
  'evil.example', 'user:pass@', 'http:', 'https:', 'javascript:', 'data:', 'HTTP://', 'admin', 'login', 'api/auth',
  '\uff0f', '\u2215', '\u2044', '\u3002',
)
const crafted = fc.array(pieces, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''))
const slashFirst = crafted.map((s) => `/${s}`)

describe('safeCallbackUrl: only same-origin paths after normalisation', () => {
  it('refuses the reported bypass and its relatives', () => {
    for (const input of ['/.//evil.example', '/./\\evil.example', '/a/..//evil.example', '/%2e%2e//evil.example', '/..//evil.example']) {
      expect(safeCallbackUrl(input), input).toBe(DEFAULT_AFTER_SIGN_IN)
    }
  })

  it('keeps ordinary admin paths exactly', () => {
    for (const input of ['/admin', '/admin/comptes?x=1&y=2', '/admin/tickets/RL-1234-ABCD#notes', '/admin/file?q=dupont%20h%C3%A9l']) {
      expect(safeCallbackUrl(input)).toBe(input)
    }
  })

  it('fuzz: every result stays on the origin, is a fixed point, and never leads back to sign-in', () => {
    fc.assert(
      fc.property(fc.oneof(crafted, slashFirst, fc.string(), fc.webUrl(), fc.webPath()), (input) => {
        const result = safeCallbackUrl(input)
        expect(staysHome(result), `${JSON.stringify(input)} → ${JSON.stringify(result)}`).toBe(true)
        expect(safeCallbackUrl(result)).toBe(result)
        const { pathname } = new URL(result, 'https://relais.example')
        expect(pathname === '/login' || pathname.startsWith('/api/auth')).toBe(false)
      }),
      { numRuns: 20_000, seed: SEED },
    )
  })
})
