import { afterEach, describe, expect, it, vi } from 'vitest'

// Issue 10 item 3 and issue 11 finding 7: the origin of the tracking link. APP_ORIGIN, else
// NEXTAUTH_URL, else the request's Host validated strictly; X-Forwarded-* only behind TRUST_PROXY.
// lib/env.ts reads the environment once per module registry, so each case loads a fresh one.

type Env = Partial<Record<'APP_ORIGIN' | 'NEXTAUTH_URL' | 'TRUST_PROXY', string>>

async function originWith(env: Env, headers: Record<string, string>): Promise<string> {
  for (const key of ['APP_ORIGIN', 'NEXTAUTH_URL', 'TRUST_PROXY'] as const) vi.stubEnv(key, env[key])
  vi.resetModules()
  const { publicOrigin } = await import('@/lib/http/public-origin')
  return publicOrigin(new Headers(headers))
}

afterEach(() => {
  vi.unstubAllEnvs()
})

const spoofed = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' }

describe('public origin of the tracking link', () => {
  it('uses APP_ORIGIN, else NEXTAUTH_URL, whatever the request says', async () => {
    const headers = { host: 'evil.example', ...spoofed }
    expect(await originWith({ APP_ORIGIN: 'https://relais.lycee.fr/x', NEXTAUTH_URL: 'http://localhost:3000' }, headers)).toBe('https://relais.lycee.fr')
    expect(await originWith({ NEXTAUTH_URL: 'http://relais.lycee.fr:8080/' }, headers)).toBe('http://relais.lycee.fr:8080')
  })

  it('without either, the Host over http; forwarded headers are ignored without TRUST_PROXY', async () => {
    expect(await originWith({}, { host: 'relais.lycee.fr:3000', ...spoofed })).toBe('http://relais.lycee.fr:3000')
    expect(await originWith({}, { host: '192.168.1.20:3000' })).toBe('http://192.168.1.20:3000')
    expect(await originWith({}, { host: '[::1]:3000' })).toBe('http://[::1]:3000')
  })

  it('behind TRUST_PROXY, the proxy’s X-Forwarded-Proto and X-Forwarded-Host (validated too)', async () => {
    expect(await originWith({ TRUST_PROXY: '1' }, { host: 'internal:3000', ...spoofed })).toBe('https://evil.example')
    expect(await originWith({ TRUST_PROXY: '1' }, { host: 'relais.lycee.fr', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'a/b@c' })).toBe('https://relais.lycee.fr')
    expect(await originWith({ TRUST_PROXY: '1' }, { host: 'relais.lycee.fr', 'x-forwarded-proto': 'javascript' })).toBe('http://relais.lycee.fr')
  })

  it.each([
    'evil.example/path',
    'evil.example@relais.fr',
    'user:pw@evil.example',
    'evil.example:99999',
    'evil.example:0',
    'evil.example:80a',
    'evil .example',
    'evil.example\\x',
    '"><script>',
    'evil.example?x',
    'evil.example#x',
    '0x7f.1',
    '-evil.example',
    'a'.repeat(64) + '.example',
    '',
  ])('a Host that is not exactly a hostname and port (%j) is never reflected', async (host) => {
    expect(await originWith({}, { host })).toBe('http://localhost')
  })
})
