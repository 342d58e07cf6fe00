// The error catalogue: the seven categories of PRONOTE "Espace web" connection failures as typed
// data. Pure: imported by the server and by the browser (live diagnosis), so keep it compact.
// Source: DOMAIN.md §2 (texts rewritten, menu paths kept exact).

import type { CatalogueEntry, CatalogueVariant, CategoryCode, SelfHelp } from './types'

const HOSTING_CONSOLE = "Console d'hébergement > PRONOTE.net"

export const catalogue: Record<CategoryCode, CatalogueEntry> = {
  SERVER_NOT_PUBLISHED: {
    code: 'SERVER_NOT_PUBLISHED',
    label: 'Erreur 503 : base non publiée',
    messages: [
      'Service Unavailable',
      'HTTP Error 503. The service is unavailable.',
      'HTTP ERROR 503',
      '503 Service Temporarily Unavailable',
    ],
    meaning:
      "Le serveur web répond, mais la publication PRONOTE.net de la base de l'établissement est arrêtée : il n'y a rien à afficher. La page est blanche, en anglais, sans logo PRONOTE.",
    actor: 'ADMIN',
    actorText: "Seul l'administrateur PRONOTE de l'établissement peut relancer la publication.",
    resolution: {
      menuPath: `${HOSTING_CONSOLE} > Publier la base`,
      steps: [
        "Ouvrir la console d'hébergement (raccourci du bureau, ou depuis un Client : Hébergement > Accéder à la console d'hébergement).",
        'Dans le panneau PRONOTE.net, cliquer sur « Publier la base ».',
        "Vérifier que la page d'administration PRONOTE.net indique « Base publiée ».",
        "Établissement non hébergé : publier depuis l'application PRONOTE.net installée sur le serveur de l'établissement.",
      ],
    },
    selfHelp: {
      title: "PRONOTE n'est pas encore ouvert en ligne",
      steps: [
        "Ce n'est pas une erreur de votre part : le service de l'établissement est arrêté pour le moment.",
        'Réessayez un peu plus tard (cela arrive souvent à la rentrée ou après un changement de base).',
        "Si la page reste la même après quelques heures, signalez-le : l'établissement doit relancer le service.",
      ],
    },
    variants: [],
  },

  SITE_UNAVAILABLE: {
    code: 'SITE_UNAVAILABLE',
    label: "Le site n'est pas disponible",
    messages: ["Le site n'est pas disponible", 'Le site est momentanément indisponible'],
    meaning:
      "Le serveur PRONOTE.net répond (la page porte le logo PRONOTE) mais ne sert pas cet Espace en ce moment : l'Espace demandé n'est pas publié, ou la base n'est pas en service ou pas publiée (fréquent entre deux années scolaires).",
    actor: 'ADMIN',
    actorText: "L'administrateur PRONOTE doit publier l'Espace concerné (ou remettre la base en service).",
    resolution: {
      menuPath: 'Espaces web > Paramètres communs > Paramètres communs',
      steps: [
        "Dans la colonne « Publié », vérifier la coche verte sur la ligne de l'Espace concerné (double-clic pour l'activer).",
        "La page d'accueil des Espaces web permet aussi de voir et de changer les Espaces publiés.",
        "Dans la console d'hébergement, vérifier que la base est en service et publiée.",
      ],
    },
    selfHelp: {
      title: "L'Espace n'est pas ouvert pour l'instant",
      steps: [
        "Le site de l'établissement répond, mais votre Espace n'est pas accessible en ce moment.",
        'Réessayez plus tard, surtout en période de rentrée.',
        "Si le message persiste, signalez-le : seul l'établissement peut rouvrir l'Espace.",
      ],
    },
    variants: [
      {
        code: 'IP_SUSPENDED',
        label: 'Adresse IP suspendue temporairement',
        messages: ['Votre adresse IP est provisoirement suspendue'],
        meaning:
          "Trop de tentatives de connexion échouées sont venues de cette adresse internet : PRONOTE la bloque pour quelques heures. La durée et la sévérité dépendent du niveau de sécurité choisi par l'établissement.",
        actor: 'WAIT',
        selfHelp: {
          title: 'Votre connexion est bloquée quelques heures',
          steps: [
            "Après plusieurs essais ratés, PRONOTE bloque temporairement la connexion depuis votre réseau (box, téléphone, réseau de l'établissement…).",
            "Attendez quelques heures sans réessayer : chaque nouvel essai peut prolonger l'attente.",
            'Ensuite, reconnectez-vous en vérifiant bien votre identifiant et votre mot de passe.',
            "Au besoin, utilisez le lien « Récupérer son identifiant et son mot de passe » avant de retenter.",
          ],
        },
      },
      {
        code: 'SERVER_BUSY',
        label: 'Serveur saturé',
        messages: ['Le site est momentanément indisponible', 'Toutes les sessions utilisateurs sont occupées'],
        meaning:
          'Le serveur PRONOTE.net est saturé : toutes les sessions disponibles sont prises. Cela se produit aux heures de pointe (publication des notes, rentrée).',
        actor: 'WAIT',
        selfHelp: {
          title: 'Trop de monde connecté en même temps',
          steps: [
            'Le serveur est surchargé, votre compte n’est pas en cause.',
            'Patientez quelques minutes puis réessayez, de préférence en dehors des heures de pointe (le soir vers 18-20 h est souvent chargé).',
          ],
        },
      },
    ],
  },

  ESPACE_ACCESS_DISABLED: {
    code: 'ESPACE_ACCESS_DISABLED',
    label: "Pas d'accès à l'Espace",
    messages: [
      "Vous n'avez pas accès à l'Espace Parents",
      "Vous n'avez pas accès à l'Espace Élèves",
      "Vous n'avez pas accès à l'Espace Professeurs",
      "Vous n'avez pas accès à l'Espace Vie scolaire",
      "Vous n'avez pas accès à l'Espace Accompagnants",
      "Vous n'avez pas accès à l'Espace Entreprise",
      "Vous n'avez pas accès à l'Espace Académie",
      "Vous n'avez pas accès à l'Espace Direction",
    ],
    meaning:
      "PRONOTE a bien reconnu la personne (connexion réussie), mais l'accès web à cet Espace n'est pas activé pour elle ou pour son profil.",
    actor: 'ADMIN',
    actorText: "Seul l'administrateur PRONOTE peut ouvrir l'accès ; la personne n'a rien à changer.",
    resolution: {
      menuPath: 'Espaces web',
      steps: [
        "Vérifier que l'Espace concerné est publié (Espaces web > Paramètres communs).",
        "Vérifier les autorisations de la personne et de son profil dans le module Espaces web (le réglage exact par personne n'est pas documenté pour tous les Espaces).",
      ],
    },
    resolutionByProfile: {
      PARENT: {
        menuPath: 'Ressources > Responsables > Fiche de renseignements',
        steps: [
          'Sélectionner le responsable concerné.',
          "Cliquer sur la croix rouge « Accès à l'Espace Parents » pour la transformer en coche verte.",
          "En début d'année, l'action groupée Éditer > Réinitialiser l'accès à l'Espace Parents traite tous les responsables légaux ou en charge (ou un compte par foyer).",
          "Les « Autres contacts » (grands-parents…) n'ont pas d'accès par défaut. Ancienne présentation : Ressources > Élèves > Dossier élèves, onglet Responsables, case « Accès à l'Espace Parents ».",
        ],
      },
      PROFESSEUR: {
        menuPath: "Espaces web > Professeurs > Paramètres de l'espace Professeurs",
        steps: [
          'Choisir le profil du professeur.',
          'Cocher « Dans PRONOTE.net (Espaces Professeurs) ».',
          "Vérifier dans Ressources > Professeurs > Profils d'autorisations que le profil autorise la publication de l'Espace Professeurs et de sa version mobile (un profil récemment créé est souvent en cause).",
        ],
      },
      PERSONNEL: {
        menuPath: "Espaces web > Vie scolaire > Paramètres de l'espace Vie scolaire",
        steps: [
          "Vérifier que l'Espace Vie scolaire est publié pour l'établissement.",
          "Dans le profil de la personne (ou Ressources > Personnels > Profils d'autorisations), cocher l'accès via l'Espace Vie scolaire.",
        ],
      },
      ELEVE: {
        menuPath: 'Ressources > Élèves > Liste',
        steps: [
          "Vérifier que l'Espace Élèves est publié (Espaces web > Paramètres communs).",
          "Contrôler la date de sortie de l'élève : une date de sortie saisie (même par erreur, ou pour un élève revenu) bloque sa connexion par défaut.",
        ],
      },
      ENTREPRISE: {
        menuPath: 'Stages > Maîtres de stage > Liste',
        steps: [
          "Vérifier que le maître de stage existe dans la liste et que l'Espace Entreprise est publié.",
          "Contrôler ses autorisations dans le module Espaces web (réglage individuel non confirmé).",
        ],
      },
      ACCOMPAGNANT: {
        menuPath: 'Espaces web',
        steps: [
          "Vérifier que l'Espace Accompagnants est publié.",
          "Contrôler les autorisations de l'accompagnant dans le module Espaces web (réglage individuel non confirmé).",
        ],
      },
    },
    selfHelp: {
      title: "Votre compte fonctionne, mais l'accès n'est pas ouvert",
      steps: [
        "Votre identifiant et votre mot de passe sont bons : c'est l'établissement qui n'a pas encore activé votre accès à cet Espace.",
        'Inutile de changer de mot de passe ou de créer un autre compte.',
        "Envoyez ce signalement : l'établissement doit ouvrir votre accès.",
      ],
    },
    variants: [],
  },

  WRONG_ADDRESS: {
    code: 'WRONG_ADDRESS',
    label: 'Adresse introuvable',
    messages: [
      'Ce site est inaccessible',
      "This site can't be reached",
      "Impossible de trouver l'adresse IP du serveur",
      'DNS_PROBE_FINISHED_NXDOMAIN',
      'ERR_NAME_NOT_RESOLVED',
      'ERR_CONNECTION_TIMED_OUT',
      'ERR_CONNECTION_REFUSED',
      "Hmm... impossible d'accéder à cette page",
      "Hmmm… can't reach this page",
      'Hum, nous ne parvenons pas à trouver ce site.',
      'Nous ne parvenons pas à nous connecter au serveur',
      'Adresse introuvable',
      "Hmm. We're having trouble finding that site.",
      'Unable to connect',
      'Safari ne parvient pas à trouver le serveur',
      "Safari Can't Find the Server",
    ],
    meaning:
      "Le navigateur ne trouve pas ou n'atteint pas le site : l'adresse donnée ou saisie est fausse (faute de frappe, ancien lien, mauvais établissement).",
    actor: 'USER_THEN_ADMIN',
    actorText:
      "La personne corrige d'abord l'adresse ; si l'adresse officielle elle-même ne marche pas, l'administrateur la vérifie et la communique à nouveau.",
    resolution: {
      menuPath: 'Paramètres > Établissement > Identité',
      steps: [
        "Relever l'adresse officielle de l'Espace (elle figure aussi dans l'administration PRONOTE.net).",
        "Comparer avec l'adresse utilisée par la personne (numéro UAI, nom de la page de l'Espace).",
        "Établissement relié à un ENT : communiquer l'adresse de l'ENT plutôt que celle de PRONOTE.",
      ],
    },
    selfHelp: {
      title: "L'adresse utilisée ne mène nulle part",
      steps: [
        "Comparez l'adresse tapée avec le lien officiel de l'établissement, caractère par caractère.",
        "Si votre établissement utilise un ENT, passez plutôt par l'ENT et sa vignette PRONOTE.",
        "Évitez les anciens favoris et les liens trouvés sur un moteur de recherche.",
        "Si l'adresse officielle ne fonctionne pas non plus, signalez-le.",
      ],
    },
    variants: [
      {
        code: 'PAGE_NOT_FOUND',
        label: 'Page 404 sur le serveur PRONOTE',
        messages: ['404 Not Found', 'Erreur 404'],
        meaning:
          "Le serveur PRONOTE répond, mais la page demandée n'existe pas : le nom de la page de l'Espace (par exemple parent.html) est mal écrit dans l'adresse.",
        actor: 'USER_THEN_ADMIN',
        selfHelp: {
          title: "La fin de l'adresse est erronée",
          steps: [
            "Vérifiez la fin de l'adresse : elle doit se terminer par la page de votre Espace (parent.html, eleve.html, professeur.html…).",
            "Repartez du lien officiel de l'établissement ou de l'ENT plutôt que d'un favori.",
          ],
        },
      },
    ],
  },

  BAD_CREDENTIALS: {
    code: 'BAD_CREDENTIALS',
    label: 'Identifiant ou mot de passe incorrect',
    messages: [
      'Votre identifiant ou votre mot de passe est incorrect',
      'Identifiant ou mot de passe incorrect',
    ],
    meaning:
      "Les identifiants saisis sont refusés : mot de passe oublié ou mal tapé, mot de passe provisoire déjà remplacé, mauvais identifiant, ou Espace d'un autre établissement.",
    actor: 'USER',
    actorText:
      "La personne peut récupérer elle-même ses identifiants ; l'administrateur n'intervient que pour réinitialiser ou renvoyer un mot de passe.",
    resolution: {
      menuPath: 'Ressources > Élèves / Responsables / Professeurs > Liste',
      steps: [
        "Afficher les colonnes identifiant et mot de passe (le mot de passe n'est lisible que tant que l'utilisateur ne l'a pas personnalisé).",
        'Clic droit sur la personne : « Réinitialiser le mot de passe » ou « Forcer le changement de mot de passe ».',
        'Maîtres de stage : Stages > Maîtres de stage > Liste.',
        "Règles de mot de passe et récupération autonome : Paramètres > Options générales > Protection des comptes (la récupération demande une adresse e-mail valide).",
        "Les mots de passe ENT et EduConnect ne se gèrent pas dans PRONOTE : renvoyer vers l'administrateur ENT ou l'administration EduConnect du chef d'établissement.",
      ],
    },
    selfHelp: {
      title: 'Vérifier ou récupérer vos identifiants',
      steps: [
        "Vérifiez que vous êtes bien sur l'Espace de votre établissement et que la touche majuscule n'est pas activée.",
        "Sur la page de connexion, utilisez le lien « Récupérer son identifiant et son mot de passe » : indiquez l'e-mail connu de l'établissement, puis collez la clé reçue par e-mail et choisissez un nouveau mot de passe.",
        "Si vous passez par l'ENT ou EduConnect, utilisez leur propre lien « mot de passe oublié ».",
        "Si rien ne fonctionne, signalez-le : l'établissement pourra réinitialiser votre mot de passe.",
      ],
    },
    variants: [
      {
        code: 'ACCOUNT_LOCKED',
        label: "Trop d'erreurs d'identification",
        messages: [
          "Vous avez dépassé le nombre d'erreurs d'authentification autorisées. Veuillez patienter avant de réessayer.",
          'Vous avez été déconnecté',
        ],
        meaning:
          "Après plusieurs mots de passe faux d'affilée, PRONOTE bloque les essais pendant un moment pour protéger le compte.",
        actor: 'USER',
        selfHelp: {
          title: 'Trop d’essais : patientez avant de recommencer',
          steps: [
            'Attendez un moment sans réessayer.',
            "Avant de retenter, récupérez vos identifiants avec le lien « Récupérer son identifiant et son mot de passe » plutôt que de deviner.",
            "Si vous passez par l'ENT ou EduConnect, utilisez leur lien « mot de passe oublié ».",
          ],
        },
      },
      {
        code: 'CREDENTIALS_MISSING',
        label: 'Identifiants oubliés ou jamais reçus',
        messages: ['Récupérer son identifiant et son mot de passe'],
        meaning:
          "La personne n'a pas (ou plus) ses identifiants : jamais reçus, perdus, ou mot de passe provisoire égaré.",
        actor: 'USER_THEN_ADMIN',
        selfHelp: {
          title: 'Obtenir vos identifiants',
          steps: [
            "Sur la page de connexion, essayez le lien « Récupérer son identifiant et son mot de passe » avec l'e-mail donné à l'établissement.",
            "Si votre établissement utilise l'ENT ou EduConnect, vos identifiants viennent de là : utilisez leur procédure de récupération.",
            "Sinon, signalez-le : l'établissement pourra vous renvoyer des identifiants.",
          ],
        },
      },
    ],
  },

  ENT_IDENTITY_MISMATCH: {
    code: 'ENT_IDENTITY_MISMATCH',
    label: 'Identification impossible (ENT)',
    messages: ['Identification impossible'],
    meaning:
      "La connexion à l'ENT ou à EduConnect a réussi, mais PRONOTE ne retrouve pas (ou pas de façon certaine) la personne correspondant à l'identité transmise.",
    actor: 'USER_THEN_ADMIN',
    actorText:
      "La personne remplit et envoie d'abord le formulaire affiché sous le message ; l'administrateur relie ensuite les deux identités.",
    resolution: {
      menuPath: "Communication > Gestion des identités > Résolution des échecs d'interconnexion",
      steps: [
        'Ouvrir la demande envoyée par la personne depuis la page « Identification impossible ».',
        "Rattacher l'identité ENT au bon utilisateur PRONOTE (attention aux homonymes, noms d'usage, accents, dates de naissance).",
        "Si la personne n'existe pas encore dans PRONOTE (arrivée tardive, responsable manquant), la créer ou l'importer d'abord : un compte ENT ne crée jamais d'utilisateur PRONOTE.",
        "Astuce de diagnostic : ajouter ?login=true à l'adresse de l'Espace affiche la connexion PRONOTE directe, sans l'ENT.",
      ],
    },
    selfHelp: {
      title: "Envoyez le formulaire affiché sous le message",
      steps: [
        "Sous « Identification impossible », remplissez le petit formulaire puis cliquez sur « Envoyer » : sans lui, l'établissement ne peut pas vous relier.",
        "Ne créez pas un second compte ENT ou EduConnect, cela compliquerait la situation.",
        "Si vous avez des identifiants PRONOTE, l'établissement peut vous indiquer une connexion directe en attendant.",
      ],
    },
    variants: [],
  },

  UNKNOWN: {
    code: 'UNKNOWN',
    label: 'Problème non reconnu',
    messages: [],
    meaning:
      "Le texte ne correspond à aucun message connu de connexion aux Espaces PRONOTE : autre système (ENT, EduConnect, autre logiciel), Client PRONOTE installé, problème d'appareil ou de réseau, question sur une fonctionnalité, ou description sans message.",
    actor: 'ADMIN',
    actorText: "Un administrateur doit lire le signalement pour en trouver la cause ou réorienter la personne.",
    resolution: {
      menuPath: 'Aucun écran unique',
      steps: [
        'Lire le message exact et demander une capture si besoin.',
        "Écarter les causes extérieures : ENT ou EduConnect (administrateur ENT), connexion internet ou certificat de l'appareil, autre logiciel.",
        "Problème dans le Client PRONOTE ou la console d'hébergement : hors périmètre des Espaces web.",
        "Si le message finalement obtenu correspond à une catégorie connue, reclasser le ticket.",
      ],
    },
    selfHelp: {
      title: 'Aidez-nous à comprendre',
      steps: [
        "Notez le message exact affiché à l'écran (ou faites une capture) et l'adresse de la page.",
        "Précisez comment vous vous connectez (ENT, EduConnect, application mobile, adresse directe) et avec quel appareil.",
        "Essayez une fois depuis un autre navigateur ou un autre réseau si c'est possible.",
        "Envoyez ces détails à l'établissement avec ce signalement.",
      ],
    },
    variants: [],
  },
}

export function getEntry(code: CategoryCode): CatalogueEntry {
  return catalogue[code]
}

export function getVariant(code: CategoryCode, variant?: string): CatalogueVariant | undefined {
  if (!variant) return undefined
  return catalogue[code].variants.find((v) => v.code === variant)
}

export function selfHelpFor(code: CategoryCode, variant?: string): SelfHelp {
  return getVariant(code, variant)?.selfHelp ?? catalogue[code].selfHelp
}

export function labelFor(code: CategoryCode, variant?: string): string {
  return getVariant(code, variant)?.label ?? catalogue[code].label
}
