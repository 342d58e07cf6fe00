// Normalisation of ENT identities and person names. Pure: used by grouping, matching and import.

/** Lowercase, no accents, trimmed, collapsed spaces (hyphens and apostrophes kept as written). */
export function normalizeIdentity(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** A person's name reduced to comparable words: no accents, case, hyphens, apostrophes or dots. */
export function normalizeName(value: string | null | undefined): string {
  return normalizeIdentity(value)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

export function nameTokens(value: string | null | undefined): string[] {
  const normalized = normalizeName(value)
  return normalized ? normalized.split(' ') : []
}

/** The normalised "first last" stored on DirectoryAccount.searchName. */
export function searchNameFor(firstName: string, lastName: string): string {
  return normalizeName(`${firstName} ${lastName}`)
}

export interface IdentitySource {
  entName?: string | null
  entLogin?: string | null
  fullName: string
  establishment?: string | null
  profile: string
}

/**
 * The key that groups reports of one ENT identity. Strong: ENT name + ENT login. Without an ENT
 * login, the weaker full name + establishment + profile (flagged weakKey on the record).
 */
export function identityKeyFor(source: IdentitySource): { identityKey: string; weakKey: boolean } {
  const login = normalizeIdentity(source.entLogin)
  if (login) return { identityKey: `ent:${normalizeIdentity(source.entName)}|${login}`, weakKey: false }
  return {
    identityKey: `name:${normalizeName(source.fullName)}|${normalizeIdentity(source.establishment)}|${source.profile}`,
    weakKey: true,
  }
}
