// Which database a DATABASE_URL names (issue 18), with no imports so that the edge of the app
// (lib/env.ts, read by proxy.ts) and the scripts share it.

export const DEFAULT_DATABASE_URL = 'file:./data/relais.db'

/** 'postgresql' for a `postgresql://` or `postgres://` URL, 'sqlite' for a `file:` URL; null otherwise. */
export function databaseProviderOf(url) {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql'
  if (url.startsWith('file:')) return 'sqlite'
  return null
}
