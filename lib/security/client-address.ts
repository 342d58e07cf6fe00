import 'server-only'
import { env } from '@/lib/env'

type HeaderSource = Headers | Record<string, string | string[] | undefined>

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined
  const value = headers[name] ?? headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(',') : value
}

/** Written by scripts/server.mjs from the socket, overwriting anything the client sent. */
export const CLIENT_ADDRESS_HEADER = 'x-relais-client-address'

/**
 * The address of the client that sent a request, used as a rate-limiting key (never for auth).
 *
 * App Router handlers get no socket, so scripts/server.mjs copies the socket address into
 * x-relais-client-address (unforgeable: it overwrites the incoming value).
 * - trustProxy (TRUST_PROXY=1, a reverse proxy appends the real address to x-forwarded-for): the LAST
 *   entry, the one our proxy wrote; earlier entries are client-controlled.
 * - otherwise: the socket address. Under `next dev` (no wrapper) Next's own x-forwarded-for, which
 *   a client could pre-fill, so limits keyed on it are backed by limits that ignore the address.
 */
export function clientAddressFrom(headers: HeaderSource, trustProxy: boolean): string {
  const socket = header(headers, CLIENT_ADDRESS_HEADER)?.trim()
  const entries = (header(headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const chosen = trustProxy ? (entries.at(-1) ?? socket) : socket || entries[0]
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
