// What a failed send means (pure): a 5xx answer or a refused envelope is permanent; everything else
// (connection refused or lost, timeouts, 4xx answers, a refused login) is temporary and retried with
// backoff for 24 hours after the message was queued.

export const RETRY_FOR_MS = 24 * 60 * 60 * 1000
const FIRST_RETRY_MS = 10_000
const LONGEST_WAIT_MS = 60 * 60 * 1000

export interface SendFailure {
  permanent: boolean
  reason: string
}

export function classifySendFailure(error: unknown): SendFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown }
  const detail = String(typeof e.response === 'string' ? e.response : (e.message ?? error)).replace(/\s+/g, ' ').trim()
  const code = typeof e.responseCode === 'number' ? e.responseCode : null
  // A refused login is the server's configuration, not the message: keep it for when it is fixed.
  if (code !== null && code >= 500 && e.code !== 'EAUTH') return { permanent: true, reason: `Refus définitif du serveur SMTP : ${detail}` }
  if (code === null && e.code === 'EENVELOPE') return { permanent: true, reason: `Adresse refusée : ${detail}` }
  return { permanent: false, reason: `Échec temporaire : ${detail}` }
}

/** When to try again after `attempts` failed tries, or null once the 24 hours are over. */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date): Date | null {
  const wait = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS)
  const next = new Date(now.getTime() + wait)
  return next.getTime() - createdAt.getTime() > RETRY_FOR_MS ? null : next
}
