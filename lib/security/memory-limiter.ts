import 'server-only'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { runDetached } from '@/lib/security/detached-scope'

type Limiter = RateLimiterMemory

/**
 * The in-memory rate limiter for every limit of the app. Each new key starts an expiry timer that
 * lives the whole window (10–15 minutes); made during a request, that timer would keep the request
 * alive as long (see lib/security/detached-scope.ts). Every method that can start one runs in the
 * detached scope; the caller still awaits the result in its own context.
 */
export class DetachedRateLimiter extends RateLimiterMemory {
  consume(...args: Parameters<Limiter['consume']>): ReturnType<Limiter['consume']> {
    return runDetached(() => super.consume(...args))
  }

  penalty(...args: Parameters<Limiter['penalty']>): ReturnType<Limiter['penalty']> {
    return runDetached(() => super.penalty(...args))
  }

  reward(...args: Parameters<Limiter['reward']>): ReturnType<Limiter['reward']> {
    return runDetached(() => super.reward(...args))
  }

  block(...args: Parameters<Limiter['block']>): ReturnType<Limiter['block']> {
    return runDetached(() => super.block(...args))
  }

  set(...args: Parameters<Limiter['set']>): ReturnType<Limiter['set']> {
    return runDetached(() => super.set(...args))
  }
}
