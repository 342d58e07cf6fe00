// Realistic, unique report bodies for the load generators and the queue seed.
// Messages paraphrase what people actually write (see DOMAIN.md), in several
// lengths, with the quoted on-screen text somewhere inside a story. Deterministic per index.

import type { CategoryCode, ProfileCode } from '../lib/catalogue/types'

export interface ReportBody {
  message: string
  fullName: string
  profile: ProfileCode
  email?: string
  establishment?: string
  login?: string
  entName?: string
  entLogin?: string
  url?: string
  occurredAt: string
}

/** Message templates per category; the share of each category follows a typical rentrée week. */
export const messagesByCategory: Record<CategoryCode, string[]> = {
  BAD_CREDENTIALS: [
    "Votre identifiant ou votre mot de passe est incorrect",
    "Bonjour, quand je me connecte il me dit « Votre identifiant ou votre mot de passe est incorrect » alors que j'utilise le mot de passe donné à la rentrée.",
    "j'ai oublié mon mot de passe pronote et le lien récupérer ne marche pas, ça dit identifiant ou mot de passe incorrect",
    "Vous avez dépassé le nombre d'erreurs d'authentification autorisées. Veuillez patienter avant de réessayer.",
    "Sur EduConnect le message identifiant ou mot de passe incorrect s'affiche, je n'ai jamais reçu mes codes.",
  ],
  ENT_IDENTITY_MISMATCH: [
    "Identification impossible",
    "Après m'être connectée à l'ENT, en cliquant sur Pronote j'ai « Identification impossible » avec un formulaire et un bouton Envoyer.",
    "identification impossible quand je passe par monlycee.net, ma fille a changé d'établissement cet été",
    "Depuis EduConnect, Pronote affiche Identification impossible. J'ai rempli le formulaire hier mais rien n'a changé.",
  ],
  ESPACE_ACCESS_DISABLED: [
    "Vous n'avez pas accès à l'Espace Parents",
    "Je me connecte bien mais ensuite il est écrit « Vous n'avez pas accès à l'Espace Parents ». Je suis la mère de deux élèves en 5e.",
    "Vous n'avez pas accès à l'Espace Professeurs — je viens d'arriver dans l'établissement comme contractuel.",
    "pas accès à l'espace élèves depuis lundi, alors que mon identifiant est bon",
  ],
  SITE_UNAVAILABLE: [
    "Le site n'est pas disponible",
    "Page Pronote avec le logo : Le site n'est pas disponible. Votre adresse IP est provisoirement suspendue.",
    "Le site est momentanément indisponible. Toutes les sessions utilisateurs sont occupées.",
    "Depuis ce matin, le site n'est pas disponible sur l'espace parents, sur téléphone comme sur ordinateur.",
  ],
  SERVER_NOT_PUBLISHED: [
    "HTTP Error 503. The service is unavailable.",
    "Une page blanche en anglais : Service Unavailable — HTTP Error 503. The service is unavailable.",
    "erreur 503 service unavailable quand j'ouvre le lien pronote du collège",
    "Cette page ne fonctionne pas HTTP ERROR 503",
  ],
  WRONG_ADDRESS: [
    "Ce site est inaccessible. Impossible de trouver l'adresse IP du serveur. DNS_PROBE_FINISHED_NXDOMAIN",
    "Hum, nous ne parvenons pas à trouver ce site. J'ai tapé l'adresse écrite sur le papier de rentrée.",
    "Safari ne parvient pas à trouver le serveur quand je clique sur le lien reçu par mail",
    "ERR_NAME_NOT_RESOLVED en ouvrant l'adresse pronote donnée par le professeur principal",
  ],
  UNKNOWN: [
    "ça marche pas",
    "La page charge sans fin sur l'application, puis écran blanc.",
    "Le bulletin du premier trimestre n'est pas disponible dans mon espace.",
    "Sur le portail de la cantine on me dit accès refusé, est-ce lié à Pronote ?",
  ],
}

export const categoryWeights: [CategoryCode, number][] = [
  ['BAD_CREDENTIALS', 34],
  ['ENT_IDENTITY_MISMATCH', 18],
  ['ESPACE_ACCESS_DISABLED', 14],
  ['SITE_UNAVAILABLE', 9],
  ['SERVER_NOT_PUBLISHED', 5],
  ['WRONG_ADDRESS', 8],
  ['UNKNOWN', 12],
]

export const profileWeights: [ProfileCode, number][] = [
  ['PARENT', 45],
  ['ELEVE', 35],
  ['PROFESSEUR', 10],
  ['PERSONNEL', 4],
  ['ACCOMPAGNANT', 2],
  ['ENTREPRISE', 1],
  ['AUTRE', 3],
]

export const establishments = [
  'Collège Jean Moulin',
  'Lycée Victor Hugo',
  'Collège Les Tilleuls',
  'Lycée professionnel Gustave Eiffel',
  'Collège Marie Curie',
  'Lycée Jean Jaurès',
  'Collège du Val de Loire',
  'Lycée Simone Veil',
]

const firstNames = ['Camille', 'Léa', 'Hugo', 'Inès', 'Nathan', 'Chloé', 'Yanis', 'Manon', 'Lucas', 'Sofia', 'Adam', 'Jade']
const lastNames = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Nguyen', 'Haddad', 'Lefèvre']
const ents = ['mon-ent-occitanie', 'monlycee.net', 'Atrium', 'Éclat-BFC', 'Toutatice']
const tails = [
  '',
  ' Merci de votre aide.',
  " C'est urgent, il y a un contrôle demain.",
  ' Je suis sur téléphone (Android).',
  ' Même chose sur ordinateur et sur l’application mobile.',
]

/** Small deterministic PRNG (mulberry32) so runs are comparable. */
export { seededRandom as rng } from '../scripts/seeded-random'

export function weighted<T>(items: [T, number][], r: number): T {
  const total = items.reduce((s, [, w]) => s + w, 0)
  let x = r * total
  for (const [item, w] of items) {
    x -= w
    if (x < 0) return item
  }
  return items[items.length - 1]![0]
}

export function pick<T>(items: readonly T[], r: number): T {
  return items[Math.floor(r * items.length) % items.length]!
}

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')

/** A unique, realistic report; `n` makes the name, login and e-mail unique. */
export function reportBody(n: number, random: () => number = Math.random): ReportBody {
  const category = weighted(categoryWeights, random())
  const profile = weighted(profileWeights, random())
  const first = pick(firstNames, random())
  const last = pick(lastNames, random())
  const viaEnt = category === 'ENT_IDENTITY_MISMATCH' || random() < 0.3
  const body: ReportBody = {
    message: pick(messagesByCategory[category], random()) + pick(tails, random()),
    fullName: `${first} ${last} ${n.toString(36)}`,
    profile,
    occurredAt: new Date(Date.now() - Math.floor(random() * 86_400_000)).toISOString(),
  }
  if (random() < 0.6) body.email = ascii(`${first}.${last}.${n.toString(36)}@example.org`.toLowerCase())
  if (random() < 0.8) body.establishment = pick(establishments, random())
  if (random() < 0.5) body.login = `${first[0]}${last}.${n.toString(36)}`.toLowerCase()
  if (viaEnt) {
    body.entName = pick(ents, random())
    body.entLogin = `${first}.${last}.${n.toString(36)}`.toLowerCase()
  }
  if (random() < 0.3) body.url = 'https://0951099d.index-education.net/pronote/parent.html'
  return body
}
