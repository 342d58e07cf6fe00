import { AsyncLocalStorage } from 'node:async_hooks'
import v8 from 'node:v8'
import vm from 'node:vm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createSignInLimiter } from '@/lib/auth/sign-in-limiter'
import { captureDetachedScope, runDetached } from '@/lib/security/detached-scope'
import { limitReportSubmission, resetRateLimits } from '@/lib/security/rate-limits'

// Next.js keeps each request (and its response) in AsyncLocalStorage stores, and Node copies those
// stores into every timer created while the request runs. These tests stand in for that store with
// one of their own and check what a counted submission leaves behind.

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

const requestStore = new AsyncLocalStorage<{ payload: Uint8Array }>()

async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 10 && ref.deref(); i++) {
    await new Promise((resolve) => setImmediate(resolve))
    gc()
  }
  return ref.deref() === undefined
}

/** Runs `count` once per simulated request, each holding 256 kB; returns weak references to them. */
async function countInRequests(count: number, counted: (i: number) => Promise<unknown>): Promise<WeakRef<object>[]> {
  const refs: WeakRef<object>[] = []
  for (let i = 0; i < count; i++) {
    const store = { payload: new Uint8Array(256 * 1024) }
    refs.push(new WeakRef(store))
    await requestStore.run(store, () => counted(i))
  }
  return refs
}

async function keptOf(refs: WeakRef<object>[]): Promise<number[]> {
  const kept = []
  for (const [i, ref] of refs.entries()) if (!(await collected(ref))) kept.push(i)
  return kept
}

beforeAll(() => captureDetachedScope())
beforeEach(() => resetRateLimits())

describe('work that outlives a request', () => {
  it('runs a timer made in the detached scope without the request store', async () => {
    const seen = await requestStore.run(
      { payload: new Uint8Array(1) },
      () => new Promise((resolve) => runDetached(() => setTimeout(() => resolve(requestStore.getStore()), 1))),
    )
    expect(seen).toBeUndefined()
    // Control: the same timer made in the request does see it.
    const control = await requestStore.run(
      { payload: new Uint8Array(1) },
      () => new Promise((resolve) => setTimeout(() => resolve(requestStore.getStore()), 1)),
    )
    expect(control).toMatchObject({ payload: expect.any(Uint8Array) })
  })

  it('lets a request be garbage-collected once its submission has been counted', async () => {
    const headers = new Headers({ 'x-relais-client-address': '203.0.113.7' })
    const refs = await countInRequests(20, async (i) => {
      const decision = await limitReportSubmission(headers, { fullName: `Élève ${i} Martin`, login: `eleve.${i}` })
      expect(decision).toEqual({ ok: true })
    })
    await limitReportSubmission(new Headers(), { fullName: 'Hors requête' })
    expect(await keptOf(refs)).toEqual([])
  })

  it('lets a sign-in request be garbage-collected once its failure has been counted', async () => {
    const limiter = createSignInLimiter()
    const refs = await countInRequests(20, (i) => limiter.recordFailure(`agent${i}@lycee.test`, '203.0.113.8'))
    expect(await limiter.lockedFor('agent0@lycee.test', '203.0.113.8')).toBeNull()
    await limiter.recordFailure('hors-requete@lycee.test', '203.0.113.8')
    expect(await keptOf(refs)).toEqual([])
  })
})
