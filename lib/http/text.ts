// Lone UTF-16 surrogates ("\ud800" in JSON) are valid JSON but not valid Unicode text: the database
// layer cannot encode them (Prisma's query protocol rejects them and the request would fail with a
// 500). Bodies decoded from UTF-8 bytes never contain them; only JSON escapes can produce them, so
// JSON readers refuse them up front. Pure.

export const INVALID_TEXT_MESSAGE = 'Le contenu envoyé contient des caractères invalides (Unicode mal formé).'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** True when a string, or any key or string inside a parsed JSON value, holds a lone surrogate. */
export function containsLoneSurrogate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value)
  if (typeof value !== 'object' || value === null || depth > 200) return false
  if (Array.isArray(value)) return value.some((v) => containsLoneSurrogate(v, depth + 1))
  return Object.entries(value).some(([k, v]) => LONE_SURROGATE.test(k) || containsLoneSurrogate(v, depth + 1))
}
