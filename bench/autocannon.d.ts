// The part of autocannon 9's API the bench uses (the package ships no types; @types/autocannon
// would be one more dependency for four fields).
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string | Buffer
      setupRequest?: (req: Request, context: Record<string, unknown>) => Request | null
      onResponse?: (status: number, body: string, context: Record<string, unknown>) => void
    }
    interface Options {
      url: string | string[]
      connections?: number
      duration?: number
      timeout?: number
      headers?: Record<string, string>
      requests?: Request[]
    }
    interface Histogram {
      p50: number
      p90: number
      p99: number
      average: number
      max: number
    }
    interface Result {
      requests: Histogram & { total: number }
      latency: Histogram
      errors: number
      timeouts: number
      non2xx: number
      statusCodeStats?: Record<string, { count: number }>
    }
  }
  function autocannon(opts: autocannon.Options): Promise<autocannon.Result>
  export = autocannon
}
