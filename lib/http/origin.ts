import 'server-only'
import { env } from '@/lib/env'

/**
 * The public origin used to build absolute links (tracking URLs). APP_ORIGIN wins when set;
 * otherwise the request's own origin. Forwarded headers are only trusted behind a known proxy.
 */
export function publicOrigin(requestUrl: string, headers: Headers): string {
  const configured = env().APP_ORIGIN
  if (configured) return new URL(configured).origin
  const url = new URL(requestUrl)
  if (env().TRUST_PROXY) {
    const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
    const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim()
    if (proto && host && /^https?$/.test(proto)) return `${proto}://${host}`
  }
  return url.origin
}

/** Same as publicOrigin, for server components that only have the incoming headers. */
export function publicOriginFromHeaders(headers: Headers): string {
  const host = headers.get('host') ?? 'localhost'
  return publicOrigin(`http://${host}/`, headers)
}
