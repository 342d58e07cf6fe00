import 'server-only'
import { env } from '@/lib/env'

type HeaderSource = Headers | Record<string, string | string[] | undefined>

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined
  const value = headers[name] ?? headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(',') : value
}

/**
 * The address of the client that sent a request, used as a rate-limiting key (never for auth).
 *
 * App Router handlers get no socket. `next start` copies the socket address into
 * `x-forwarded-for` only when the request carries none, so:
 * - trustProxy (TRUST_PROXY=1, a reverse proxy appends the real address): the LAST entry, the one
 *   our proxy wrote; earlier entries are client-controlled.
 * - otherwise: the socket address as Next wrote it. A client talking to Next directly could pre-fill
 *   the header, so limits keyed on it are backed by limits that ignore the address.
 */
export function clientAddressFrom(headers: HeaderSource, trustProxy: boolean): string {
  const forwarded = header(headers, 'x-forwarded-for')
  const entries = (forwarded ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const chosen = trustProxy ? (entries.at(-1) ?? header(headers, 'x-real-ip')?.trim()) : entries[0]
  return normalise(chosen) ?? 'unknown'
}

export function clientAddress(headers: HeaderSource): string {
  return clientAddressFrom(headers, env().TRUST_PROXY)
}

/** "::ffff:1.2.3.4" and "1.2.3.4" are the same client. */
function normalise(address: string | undefined): string | undefined {
  if (!address) return undefined
  return address.replace(/^::ffff:/i, '').toLowerCase().slice(0, 64)
}
