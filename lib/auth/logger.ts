import type { LoggerInstance } from 'next-auth'

// next-auth's default logger prints a whole stack trace (and a link) for an ordinary refusal such as
// a malformed or forged session cookie: one line each is enough, and keeps the log readable. The
// code and the error's own message only: never the token or the request.

function messageOf(metadata: unknown): string {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error
  if (error instanceof Error) return error.message
  const message = (metadata as { message?: unknown } | undefined)?.message
  return typeof message === 'string' ? message : ''
}

/** An ended session reaching next-auth is routine (the cookie is cleared), not an error to log. */
function isEndedSession(metadata: unknown): boolean {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error
  return error instanceof Error && error.name === 'SessionEndedError'
}

export const authLogger: Partial<LoggerInstance> = {
  error(code, metadata) {
    if (isEndedSession(metadata)) return
    const message = messageOf(metadata).split('\n')[0]
    console.error(`[auth] ${code}${message ? ` : ${message}` : ''}`)
  },
  warn(code) {
    console.warn(`[auth] ${code}`)
  },
  debug() {},
}
