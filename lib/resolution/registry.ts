import type { CatalogueEntry, CategoryCode, ProfileCode, ResolutionScreen } from '@/lib/catalogue/types'
import { espaceLabels, type EspaceCode, type SchoolSettings } from '@/lib/settings/schemas'

// The ONE map from a ticket's category to the screen where its cause is fixed: the PRONOTE menu
// path and steps (from the catalogue, tailored to the user's profile) plus a link, either to the
// Relais screen that handles it or to the external console the school configured. Pure.

export interface ResolutionLink {
  href: string
  label: string
  external: boolean
}

export interface AddressCheck {
  espace: string
  /** The official address configured in the school settings, or null when not configured. */
  official: string | null
  /** The address the user said they used, or null when they gave none. */
  tried: string | null
}

export interface ResolutionView {
  category: CategoryCode
  menuPath: string
  steps: string[]
  link: ResolutionLink | null
  /** Shown when the link is missing or needs a word of explanation. */
  linkNote: string | null
  addressCheck: AddressCheck | null
}

export interface ResolutionTicket {
  category: CategoryCode
  profile: ProfileCode
  entFailureId: string | null
  url: string | null
}

type LinkBuilder = (ticket: ResolutionTicket, settings: SchoolSettings) => Pick<ResolutionView, 'link' | 'linkNote' | 'addressCheck'>

const none: LinkBuilder = () => ({ link: null, linkNote: null, addressCheck: null })

/** Which Espace a user of each profile signs in to (AUTRE: unknown). */
export const espaceForProfile: Record<ProfileCode, EspaceCode | null> = {
  ELEVE: 'ELEVE',
  PARENT: 'PARENT',
  PROFESSEUR: 'PROFESSEUR',
  PERSONNEL: 'VIE_SCOLAIRE',
  ENTREPRISE: 'ENTREPRISE',
  ACCOMPAGNANT: 'ACCOMPAGNANT',
  AUTRE: null,
}

const hostingConsole: LinkBuilder = (_ticket, settings) =>
  settings.hostingConsoleUrl
    ? {
        link: { href: settings.hostingConsoleUrl, label: 'Ouvrir la console d’hébergement', external: true },
        linkNote: null,
        addressCheck: null,
      }
    : {
        link: null,
        linkNote:
          'L’adresse de la console d’hébergement n’est pas renseignée : ajoutez-la dans les paramètres de l’établissement pour l’ouvrir d’ici.',
        addressCheck: null,
      }

export const resolutionRegistry: Record<CategoryCode, LinkBuilder> = {
  SERVER_NOT_PUBLISHED: hostingConsole,
  SITE_UNAVAILABLE: none,
  ESPACE_ACCESS_DISABLED: none,
  WRONG_ADDRESS: (ticket, settings) => {
    const espace = espaceForProfile[ticket.profile]
    return {
      link: { href: '/admin/parametres', label: 'Vérifier les adresses officielles (paramètres)', external: false },
      linkNote: espace ? null : 'Profil non précisé : comparez avec l’adresse de l’Espace concerné.',
      addressCheck: {
        espace: espace ? espaceLabels[espace] : 'Espace non précisé',
        official: (espace && settings.espaceUrls[espace]) || null,
        tried: ticket.url,
      },
    }
  },
  BAD_CREDENTIALS: none,
  ENT_IDENTITY_MISMATCH: (ticket) => ({
    link: {
      href: ticket.entFailureId
        ? `/admin/echecs-interconnexion?failure=${encodeURIComponent(ticket.entFailureId)}`
        : '/admin/echecs-interconnexion',
      label: ticket.entFailureId ? 'Ouvrir cet échec d’interconnexion' : 'Ouvrir les échecs d’interconnexion',
      external: false,
    },
    linkNote: null,
    addressCheck: null,
  }),
  UNKNOWN: none,
}

/** The catalogue's resolution for this profile where PRONOTE's screens differ, else the general one. */
export function screenFor(entry: CatalogueEntry, profile: ProfileCode): ResolutionScreen {
  return entry.resolutionByProfile?.[profile] ?? entry.resolution
}

export function buildResolution(entry: CatalogueEntry, ticket: ResolutionTicket, settings: SchoolSettings): ResolutionView {
  const screen = screenFor(entry, ticket.profile)
  return {
    category: ticket.category,
    menuPath: screen.menuPath,
    steps: screen.steps,
    ...resolutionRegistry[ticket.category](ticket, settings),
  }
}
