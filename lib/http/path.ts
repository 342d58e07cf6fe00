// A path whose percent-escapes do not decode to UTF-8 ("/suivi/%C0%AE") names no page: Next.js
// fails to decode its dynamic segment and answers a bare 500. proxy.ts answers 404 first. Pure.

export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return true
  } catch {
    return false
  }
}

/** Where proxy.ts rewrites such a page request: a path no route matches, so the app's not-found page. */
export const NOT_FOUND_PATH = '/_introuvable'
