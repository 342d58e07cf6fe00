// Where to go after signing in. Pure: used by the login page (client) and requireViewer (server).

export const DEFAULT_AFTER_SIGN_IN = '/admin'

const BASE = 'http://relais.invalid'
const OTHER_BASE = 'http://other.invalid'

/**
 * Accepts only a same-origin relative path ("/admin/comptes?x=1"); anything else (absolute URLs,
 * protocol-relative "//evil", backslash tricks, control characters) falls back to /admin.
 *
 * The check applies to the NORMALISED result, the string actually handed to the browser: "/.//evil"
 * passes every test on the raw input but normalises to "//evil", a protocol-relative URL (issue 11,
 * finding 2). So the result must itself be a plain path that resolves against any origin to that same
 * origin, and must come back unchanged when checked again.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return DEFAULT_AFTER_SIGN_IN
  if (!isPlainPath(value)) return DEFAULT_AFTER_SIGN_IN
  let normalised: string
  try {
    const url = new URL(value, BASE)
    if (url.origin !== BASE) return DEFAULT_AFTER_SIGN_IN
    if (url.pathname === '/login' || url.pathname.startsWith('/api/auth')) return DEFAULT_AFTER_SIGN_IN
    normalised = url.pathname + url.search + url.hash
  } catch {
    return DEFAULT_AFTER_SIGN_IN
  }
  return isPlainPath(normalised) && staysOnOrigin(normalised) ? normalised : DEFAULT_AFTER_SIGN_IN
}

/** Starts with exactly one "/", no backslash (browsers read it as "/"), no control or space characters. */
function isPlainPath(value: string): boolean {
  if (!value.startsWith('/') || value.startsWith('//')) return false
  return !/[\\\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/.test(value)
}

/** Resolves to the origin it is resolved against, whatever that origin, and is a fixed point. */
function staysOnOrigin(path: string): boolean {
  try {
    const here = new URL(path, BASE)
    const there = new URL(path, OTHER_BASE)
    return here.origin === BASE && there.origin === OTHER_BASE && here.pathname + here.search + here.hash === path
  } catch {
    return false
  }
}

export function loginPath(callbackUrl: string): string {
  return `/login?callbackUrl=${encodeURIComponent(safeCallbackUrl(callbackUrl))}`
}
