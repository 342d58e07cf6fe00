// Where to go after signing in. Pure: used by the login page (client) and requireViewer (server).

/** The dashboard is the landing page after sign-in (issue 16). */
export const DEFAULT_AFTER_SIGN_IN = '/admin/tableau-de-bord'

/**
 * Accepts only a same-origin relative path ("/admin/comptes?x=1"); anything else (absolute URLs,
 * protocol-relative "//evil", backslash tricks, control characters) falls back to the dashboard.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return DEFAULT_AFTER_SIGN_IN
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return DEFAULT_AFTER_SIGN_IN
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN
  try {
    const base = 'http://relais.invalid'
    const url = new URL(value, base)
    if (url.origin !== base) return DEFAULT_AFTER_SIGN_IN
    if (url.pathname === '/login' || url.pathname.startsWith('/api/auth')) return DEFAULT_AFTER_SIGN_IN
    return url.pathname + url.search + url.hash
  } catch {
    return DEFAULT_AFTER_SIGN_IN
  }
}

export function loginPath(callbackUrl: string): string {
  return `/login?callbackUrl=${encodeURIComponent(safeCallbackUrl(callbackUrl))}`
}
