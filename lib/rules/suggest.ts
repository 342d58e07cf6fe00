// Words of a message worth proposing as a phrase rule once an admin corrected its category by hand
// (issue 15 §2, "learning from corrections"). Pure. A guess the admin edits before the dry run: the
// longest sentence of the message, cut to a few words, trimmed of punctuation at both ends.

const MAX_WORDS = 8
const MAX_CHARS = 120

export function suggestPhrase(message: string): string {
  const sentences = message
    .split(/[.!?;\n\r]+/)
    .map((s) => s.replace(/[«»"“”()[\]]/g, ' ').trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s))
  const longest = sentences.reduce((a, b) => (b.length > a.length ? b : a), '')
  const words = longest.split(/\s+/).filter(Boolean).slice(0, MAX_WORDS)
  return words.join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').slice(0, MAX_CHARS)
}
