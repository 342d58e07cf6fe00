import 'server-only'
import { env } from '@/lib/env'

// The public origin used to build absolute links (the tracking link a person is told to bookmark).
// Issue 10 item 3 and issue 11 finding 7 (README "Security"):
// - APP_ORIGIN, else NEXTAUTH_URL: the configured public address, whatever the request says.
// - Else the request's Host, validated strictly (a hostname or IP and an optional port, nothing
//   else), over http: the app's own server speaks plain http. Never the bind address (Next builds
//   `request.url` from it: http://0.0.0.0:3000).
// - X-Forwarded-Proto / X-Forwarded-Host only with TRUST_PROXY=1: without a proxy of ours in front,
//   any client can send them.

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const HOST = new RegExp(`^(${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]{2,45}\\])(?::(\\d{1,5}))?$`)

/** `host[:port]` in lower case when `value` is exactly that, otherwise null. */
export function validHost(value: string | null | undefined): string | null {
  const host = value?.trim().toLowerCase()
  if (!host || host.length > 260) return null
  const match = HOST.exec(host)
  if (!match) return null
  const [, name, port] = match
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null
  try {
    // The URL parser must read back the same name (it rewrites "0x7f.1" or an odd IPv6 spelling).
    return new URL(`http://${host}/`).hostname === name ? host : null
  } catch {
    return null
  }
}

function forwardedOrigin(headers: Headers): string | null {
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  const host = validHost(headers.get('x-forwarded-host')?.split(',')[0]) ?? validHost(headers.get('host'))
  return proto && host && (proto === 'http' || proto === 'https') ? `${proto}://${host}` : null
}

/** The origin of absolute links given out in answer to a request with these headers. */
export function publicOrigin(headers: Headers): string {
  const { APP_ORIGIN, NEXTAUTH_URL, TRUST_PROXY } = env()
  const configured = APP_ORIGIN || NEXTAUTH_URL
  if (configured) return new URL(configured).origin
  const forwarded = TRUST_PROXY ? forwardedOrigin(headers) : null
  if (forwarded) return forwarded
  return `http://${validHost(headers.get('host')) ?? 'localhost'}`
}

