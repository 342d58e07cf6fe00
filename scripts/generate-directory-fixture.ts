// Writes tests/fixtures/pronote-directory.csv: a fictitious PRONOTE user export (French names with
// accents, hyphens, particles, compound names and homonyms). Deterministic: fixed seed.
// Run: npx tsx scripts/generate-directory-fixture.ts
import fs from 'node:fs'
import path from 'node:path'
import { seededRandom } from './seeded-random'

const lastNames = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Müller', 'Lefebvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
  'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
  'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud',
  'Martínez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron',
  'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe',
  'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte',
  'Nguyen', 'Traoré', 'Diallo', 'Benali', 'Haddad', 'Da Silva', 'Dos Santos', 'Ferreira', 'Le Goff', 'Le Gall',
  'Le Roux', 'de La Fontaine', 'de Oliveira', 'Saint-Martin', 'Du Pont', 'Kerbrat', 'Le Bihan', 'Hénaff', 'Ollivier', 'Boucher',
  'Ménard', 'Bénard', 'Évrard', 'Hébert', 'Prévost', 'Besnard', 'Thébault', 'Cordier', 'Jacquet', 'Collet',
]
const compoundLastNames = ['Martin-Dupont', 'Bernard-Lefèvre', 'Moreau-Girard', 'Dubois-Château', 'Petit-Jean', 'Rousseau-Ménard', 'Garcia-Lopez', 'Benali-Roux', 'Lemaire-Dufour', 'Noël-Faure']
const firstNames = [
  'Léa', 'Emma', 'Chloé', 'Inès', 'Jade', 'Louise', 'Manon', 'Zoé', 'Camille', 'Sarah',
  'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Raphaël', 'Jules', 'Adam', 'Maël', 'Noé',
  'Éloïse', 'Noémie', 'Océane', 'Anaïs', 'Clémence', 'Hélène', 'Agathe', 'Juliette', 'Alice', 'Lina',
  'Théo', 'Nathan', 'Enzo', 'Mathéo', 'Timothée', 'Clément', 'Benoît', 'François', 'Loïc', 'Gaël',
  'Yasmine', 'Mohamed', 'Aïcha', 'Ibrahim', 'Fatoumata', 'Mamadou', 'Thi Lan', 'Minh', 'Sofia', 'Inaya',
  'Margaux', 'Romane', 'Ambre', 'Mathilde', 'Pauline', 'Victor', 'Antoine', 'Baptiste', 'Maxime', 'Étienne',
]
const compoundFirstNames = ['Marie-Claire', 'Jean-Baptiste', 'Anne-Sophie', 'Pierre-Louis', 'Marie-Ève', 'Jean-François', 'Lou-Anne', 'Marie-Noëlle', 'Jean-Philippe', 'Paul-Émile']
const adultFirstNames = ['Nathalie', 'Isabelle', 'Sylvie', 'Stéphane', 'Christophe', 'Frédéric', 'Véronique', 'Céline', 'Sébastien', 'Laurence', 'Hervé', 'Cédric', 'Valérie', 'Aurélie', 'Jérôme', 'Karima', 'Rachid', 'Nadège', 'Grégory', 'Béatrice']
const classes = ['6A', '6B', '6C', '6D', '5A', '5B', '5C', '5D', '4A', '4B', '4C', '4D', '3A', '3B', '3C', '3D']

interface Account {
  lastName: string
  firstName: string
  login: string
  profile: string
  group: string
  birthDate: string
}

function plain(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '')
}

export function generateDirectory(seed = 20260901): Account[] {
  const random = seededRandom(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const logins = new Set<string>()
  const login = (first: string, last: string) => {
    const base = `${plain(first).slice(0, 1)}${plain(last)}`.slice(0, 16)
    let candidate = base
    for (let n = 2; logins.has(candidate); n++) candidate = `${base}${n}`
    logins.add(candidate)
    return candidate
  }
  const date = (fromYear: number, span: number) => {
    const d = new Date(Date.UTC(fromYear + Math.floor(random() * span), Math.floor(random() * 12), 1 + Math.floor(random() * 28)))
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`
  }
  const accounts: Account[] = []
  const add = (lastName: string, firstName: string, profile: string, group: string, birthDate: string) =>
    accounts.push({ lastName: lastName.toUpperCase(), firstName, login: login(firstName, lastName), profile, group, birthDate })

  for (let i = 0; i < 560; i++) {
    const group = classes[i % classes.length]!
    const year = 2015 - Number(group[0]) + 3
    const last = random() < 0.08 ? pick(compoundLastNames) : pick(lastNames)
    const first = random() < 0.1 ? pick(compoundFirstNames) : pick(firstNames)
    add(last, first, 'Élève', group, date(year - 1, 2))
    // Roughly a third of the pupils have a guardian in the export (same family name, usually).
    if (random() < 0.33) {
      const guardianLast = random() < 0.8 ? last : pick(lastNames)
      add(guardianLast, pick(adultFirstNames), random() < 0.5 ? 'Responsable' : 'Responsable légal', '', date(1970, 20))
    }
  }
  // Deliberate homonyms: same name, another class or another profile.
  add('Martin', 'Lucas', 'Élève', '3B', date(2011, 1))
  add('Martin', 'Lucas', 'Élève', '5C', date(2013, 1))
  add('Dupont', 'Camille', 'Responsable', '', date(1980, 5))
  add('Dupont', 'Camille', 'Élève', '4A', date(2012, 1))
  for (let i = 0; i < 55; i++) add(pick(lastNames), random() < 0.5 ? pick(adultFirstNames) : pick(firstNames), 'Professeur', '', date(1965, 30))
  for (let i = 0; i < 20; i++) add(pick(lastNames), pick(adultFirstNames), pick(['Personnel', 'Vie scolaire', 'Direction']), '', date(1965, 30))
  for (let i = 0; i < 6; i++) add(pick(lastNames), pick(adultFirstNames), 'AESH', '', date(1975, 20))
  return accounts
}

export function directoryCsv(accounts: Account[]): string {
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  const lines = ['Nom;Prénom;Identifiant;Profil;Classe;Né(e) le']
  for (const a of accounts) lines.push([a.lastName, a.firstName, a.login, a.profile, a.group, a.birthDate].map(quote).join(';'))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const out = path.resolve(__dirname, '../tests/fixtures/pronote-directory.csv')
  const accounts = generateDirectory()
  fs.writeFileSync(out, directoryCsv(accounts), 'utf8')
  console.log(`${accounts.length} comptes écrits dans ${path.relative(process.cwd(), out)}`)
}
