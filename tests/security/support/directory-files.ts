// CSV files of the largest accepted size (lib/directory/import.ts MAX_DIRECTORY_BYTES, less room for
// the multipart envelope) for the directory import's time and responsiveness checks.

export const LARGEST_FILE_BYTES = 5 * 1024 * 1024 - 4096

const HEADER = 'Nom;Prénom;Identifiant;Profil;Classe;Né(e) le\n'

function fill(line: (i: number) => string): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder()
  const parts = [HEADER]
  let size = encoder.encode(HEADER).length
  for (let i = 0; ; i++) {
    const next = line(i)
    const bytes = encoder.encode(next).length
    if (size + bytes > LARGEST_FILE_BYTES) break
    parts.push(next)
    size += bytes
  }
  return encoder.encode(parts.join(''))
}

/** A large school's export, many times over: every line a valid pupil. */
export function realisticDirectory(): Uint8Array<ArrayBuffer> {
  return fill((i) => `DUPONT-MARTIN${i};Jean-Baptiste;jbdupont${i};Élève;4B;12/03/2011\n`)
}

/** The outside test's shape: quoted values, many left open, some spanning lines. */
export function quotedDirectory(): Uint8Array<ArrayBuffer> {
  return fill((i) =>
    i % 3 === 0 ? `"NOM ${i};"Prénom;"id${i}";"Élève\n` : i % 3 === 1 ? `"A;B""C";"x${i}\n` : `"mul\ntiple";"${i}";"y";"Élève"\n`,
  )
}
