import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDirectoryCsv, type DirectoryRow } from '@/lib/directory/parse'
import { buildDirectoryIndex, rankCandidates, type MatchQuery } from '@/lib/ent-failures/matching'
import { seededRandom } from '@/scripts/seeded-random'

const fixture = fs.readFileSync(path.resolve(__dirname, '../fixtures/pronote-directory.csv'))
const directory = await parseDirectoryCsv(fixture)
const index = buildDirectoryIndex(directory.rows)

const stripAccents = (v: string) => v.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
const titleCase = (v: string) => v.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())

function typo(word: string, random: () => number): string {
  if (word.length < 4) return word
  const i = 1 + Math.floor(random() * (word.length - 2))
  const kind = Math.floor(random() * 3)
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1) // a letter dropped
  if (kind === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) // two letters swapped
  const letters = 'aeiourstnl'
  return word.slice(0, i) + letters[Math.floor(random() * letters.length)] + word.slice(i + 1) // one letter replaced
}

type Distortion = (row: DirectoryRow, random: () => number) => string
const distortions: Record<string, Distortion> = {
  accentsDropped: (r) => stripAccents(`${r.firstName} ${titleCase(r.lastName)}`),
  upperCase: (r) => `${r.firstName} ${r.lastName}`.toUpperCase(),
  lowerCase: (r) => `${r.firstName} ${r.lastName}`.toLowerCase(),
  hyphenSpace: (r) =>
    /[-\s]/.test(`${r.firstName}${r.lastName}`)
      ? `${r.firstName.replace(/-/g, ' ')} ${r.lastName.replace(/-/g, ' ').replace(/ (?=\p{L})/gu, (m) => m)}`.replace(/(\p{L}) (\p{L})/u, '$1-$2')
      : `${r.firstName}-${titleCase(r.lastName)}`.replace('-', ' '),
  swapped: (r) => `${titleCase(r.lastName)} ${r.firstName}`,
  swappedNoAccents: (r) => stripAccents(`${r.lastName} ${r.firstName}`),
  compoundTruncated: (r) =>
    r.firstName.includes('-') ? `${r.firstName.split('-')[0]} ${r.lastName}` : `${r.firstName} ${r.lastName.split(/[-\s]/).filter((p) => p.length > 2)[0]}`,
  usageName: (r) => (r.lastName.includes('-') ? `${r.firstName} ${titleCase(r.lastName.split('-')[1]!)}` : `${r.firstName} ${titleCase(r.lastName)}`),
  typoLastName: (r, random) => `${r.firstName} ${typo(titleCase(r.lastName), random)}`,
  typoFirstName: (r, random) => `${typo(r.firstName, random)} ${r.lastName}`,
  typoAndSwap: (r, random) => `${typo(stripAccents(r.lastName), random)} ${r.firstName}`,
}

function cases(count: number, seed: number) {
  const random = seededRandom(seed)
  const names = Object.keys(distortions)
  const out: { expected: string; query: MatchQuery; distortion: string }[] = []
  for (let i = 0; i < count; i++) {
    const row = directory.rows[Math.floor(random() * directory.rows.length)]!
    const distortion = names[i % names.length]!
    const fullName = distortions[distortion]!(row, random)
    // The form behind "Identification impossible" asks for details: some reports carry the class or birth date.
    const parts = ['Identification impossible après la connexion ENT.']
    if (row.group && random() < 0.3) parts.push(`Mon enfant est en ${row.group}.`)
    if (row.birthDate && random() < 0.4) parts.push(`Né le ${row.birthDate.split('-').reverse().join('/')}.`)
    const hints = parts.join(' ')
    out.push({
      expected: row.login,
      distortion,
      query: { fullName, profile: random() < 0.9 ? row.profile : 'AUTRE', establishment: 'Collège Jean Moulin', hints, school: { name: 'Collège Jean Moulin', uai: '0951099D' } },
    })
  }
  return out
}

describe('candidate matching over the fixture directory', () => {
  it('reads the fixture without errors', () => {
    expect(directory.errors).toEqual([])
    expect(directory.rows.length).toBeGreaterThanOrEqual(500)
  })

  it('puts the right account first in ≥ 95 % of 330 distorted identities and in the top three in ≥ 99 %', () => {
    const all = cases(330, 4242)
    let top1 = 0
    let top3 = 0
    const misses: string[] = []
    const started = performance.now()
    for (const c of all) {
      const ranked = rankCandidates(index, c.query, 5).map((r) => r.login)
      if (ranked[0] === c.expected) top1++
      else misses.push(`${c.distortion}: « ${c.query.fullName} » → ${ranked.slice(0, 3).join(', ')} (attendu ${c.expected})`)
      if (ranked.slice(0, 3).includes(c.expected)) top3++
    }
    const perQuery = (performance.now() - started) / all.length
    console.info(
      `matching: top-1 ${((100 * top1) / all.length).toFixed(1)} %, top-3 ${((100 * top3) / all.length).toFixed(1)} % over ${all.length} cases, ${perQuery.toFixed(2)} ms per query on ${directory.rows.length} accounts`,
    )
    if (misses.length) console.info(misses.join('\n'))
    expect(top1 / all.length).toBeGreaterThanOrEqual(0.95)
    expect(top3 / all.length).toBeGreaterThanOrEqual(0.99)
  })

  it('explains each rank', () => {
    const [best] = rankCandidates(index, { fullName: 'lucas-martin', profile: 'ELEVE', hints: 'il est en 5C' })
    expect(best?.reasons).toContain('Mêmes nom et prénom, aux accents, majuscules, tirets ou espaces près')
    expect(best?.reasons).toContain('Même profil (Élève)')
    expect(best?.reasons).toContain('Classe 5C mentionnée dans le signalement')
    expect(best?.group).toBe('5C')
    expect(rankCandidates(index, { fullName: 'LUCAS martin', profile: 'ELEVE' })[0]?.reasons[0]).toBe('Nom et prénom identiques')
    const swapped = rankCandidates(index, { fullName: 'MARTIN Lucas', profile: 'ELEVE' })
    expect(swapped[0]?.reasons).toContain('Prénom et nom inversés')
  })

  it('returns nothing for an empty name or a name far from everyone', () => {
    expect(rankCandidates(index, { fullName: '  ', profile: 'ELEVE' })).toEqual([])
    expect(rankCandidates(index, { fullName: 'Xyzzy Qwrtpk', profile: 'ELEVE' })).toEqual([])
  })
})
