// The classifier's signals: patterns over the NORMALISED text (lowercase ASCII, single spaces,
// see normalize.ts), each tied to a category (or UNKNOWN for recognised non-catalogue pages), and
// the compiled context patterns (contexts.ts). Each pattern's pre-check is derived from it
// (prefilter.ts, written to pre-checks.json so that neither the parser nor the derivation ships
// with the report form).

import { contextDefs, type ContextKind } from './contexts'
import { ACCES, BC, CRED, DISPO, EA, EN, ENTS, ESPACES, ID, NEST, NO, NOT_ACTIVATION_AFTER, notAfterActivation, PW, S, SITE, SU, UN, W, WA, WRONG_LOOSE, WRONG_STRONG, type Def } from './fragments'
import { literalScanner } from './literal-scan'
import { englishDefs } from './signals-en'
import preChecks from './pre-checks.json'
import { patternKey } from './pattern-key'
import type { CategoryCode } from './types'

export interface Signal {
  category: CategoryCode
  variant?: string
  /** 3 = the exact on-screen message, 2 = clear paraphrase or code, 1–1.5 = weak hint. */
  weight: number
  /** What the signal stands for, shown to admins next to the highlighted evidence. */
  signal: string
  /** Weak signals are dropped when they are about a feature inside an Espace (rule 6). */
  weak?: boolean
  re: RegExp
  /** Cheap pre-check derived from `re` (prefilter.ts): every group must have one of its literals
   * in the text, as indexes into `literals`. */
  need?: number[][]
}

const defs: Def[] = [
  // SERVER_NOT_PUBLISHED
  [S, undefined, 3, 'HTTP Error 503 – Service Unavailable', 'servi(?:ce|s)e? (?:is |est )?(?:temporarily |temporairement )?unava\\w*ble'],
  [S, undefined, 3, 'HTTP Error 503', 'http (?:error|erreur|err) 503'],
  [S, undefined, 2.5, 'erreur 503', '(?:erreur|error|err|code|page|message) (?:http )?503|\\b503 (?:error|erreur)', true],
  [S, undefined, 1.5, 'code 503', '\\b503\\b', true],
  [S, undefined, 2, 'page blanche en anglais (503)', `page (?:toute |tout |completement |tte )?blanche ${W}{0,8}?(?:en )?anglais|anglais ${W}{0,6}?(?:sur )?(?:une |fond )?(?:page )?blanc(?:he)?\\b`],
  [S, undefined, 1, 'page en anglais', '(?:page|message|ecrit|texte|erreur) (?:\\w+ )?en anglais', true],

  // SITE_UNAVAILABLE
  [SU, undefined, 3, "Le site n'est pas disponible", `${SITE} ?${NEST} ?${NO} ?${DISPO}`],
  [SU, undefined, 2.5, "Le site n'est pas disponible (paraphrase)", `${SITE} (?:\\w+ )?(?:${NO}|non) ${DISPO}|${SITE} (?:est )?indisponible`],
  [SU, undefined, 1.5, 'Espace pas disponible', `(?:pronote|espace ${ESPACES}|mon espace)(?: \\w+){0,3}? (?:${NEST} )?(?:${NO}|non) ${DISPO}`, true],
  [SU, 'SERVER_BUSY', 3, 'Le site est momentanément indisponible', `${SITE} (?:est )?momentanement (?:in|non |pas )dispo\\w*`],
  [SU, 'SERVER_BUSY', 2, 'momentanément indisponible', 'momentanement (?:in|non |pas )dispo\\w*', true],
  [SU, 'SERVER_BUSY', 3, 'Toutes les sessions utilisateurs sont occupées', 'sessions? (?:utilisateurs? )?(?:sont )?(?:toutes )?occupee?s?|toutes les sessions'],
  [SU, 'SERVER_BUSY', 2, 'serveur saturé', '(?:serveur|site|pronote) (?:\\w+ )?(?:sature|surcharge)e?'],
  [SU, 'IP_SUSPENDED', 3, 'Votre adresse IP est provisoirement suspendue', `adresse ip ${W}{0,2}?suspendue?`],
  [SU, 'IP_SUSPENDED', 2.5, 'adresse IP suspendue (paraphrase)', `\\bip ${W}{0,3}?(?:suspendue?|bloquee?|bannie?)\\b|provisoirement suspendue?`],

  // ESPACE_ACCESS_DISABLED
  [EA, undefined, 3, "Vous n'avez pas accès à l'Espace", `\\b(?:n ?)?(?:avez|ai|a|as|avons|avait|aviez|av) ${NO} (?:d ?)?${ACCES} (?:a |au )?(?:l ?)?espace`],
  [EA, undefined, 2.5, "pas d'accès à l'Espace (paraphrase)", `\\b${NO} (?:d ?)?${ACCES} (?:a |au )?(?:l ?|mon |son |notre |leur |cet |cette )?espace`],
  [EA, undefined, 2.5, "accès à l'Espace non autorisé", `${ACCES} (?:\\w+ )?(?:non autorise|refuse|interdit|desactive|bloque|ferme)e? (?:a |au |pour |sur )?(?:l ?|mon )?espace`],
  [EA, undefined, 2, "accès à l'Espace désactivé", `${ACCES} (?:a |au )?(?:l ?|mon )?espace ${ESPACES}? ?(?:\\w+ ){0,3}?(?:desactive|pas active|non active|bloque|ferme|pas ouvert|non autorise|refuse|coupe)e?`],

  // WRONG_ADDRESS
  [WA, undefined, 3, 'Ce site est inaccessible (Chrome)', `ce ${SITE} est in+ac+es+ible`],
  [WA, undefined, 2.5, 'site inaccessible', `${SITE} (?:est )?in+ac+es+ible`],
  [WA, undefined, 3, "This site can't be reached", 'site can ?t be reached|can ?t reach this page|cannot reach this page'],
  [WA, undefined, 3, "Impossible de trouver l'adresse IP du serveur", 'impossible de trouver l adresse ip'],
  [WA, undefined, 3, 'DNS_PROBE_FINISHED_NXDOMAIN', 'dns probe (?:finished )?(?:nxdomain|bad config|possible)|nxdomain'],
  [WA, undefined, 3, 'ERR_NAME_NOT_RESOLVED', 'name not resolved'],
  [WA, undefined, 3, 'ERR_CONNECTION_TIMED_OUT / REFUSED', 'err connection (?:timed out|refused|reset|closed|failed)|err address unreachable|err timed out'],
  [WA, undefined, 3, "Impossible d'accéder à cette page (Edge)", 'impossible d acceder a (?:cette|la) page'],
  [WA, undefined, 3, 'Hum, nous ne parvenons pas à trouver ce site (Firefox)', 'nous ne parvenons pas a (?:trouver ce site|nous connecter au serveur)'],
  [WA, undefined, 3, 'Adresse introuvable (Firefox)', 'adresse introuvable|server not found'],
  [WA, undefined, 3, "We're having trouble finding that site (Firefox)", 'having trouble finding (?:that|this|the) site|unable to connect'],
  [WA, undefined, 3, 'Safari ne parvient pas à trouver le serveur', 'safari ne (?:parvient pas a trouver|peut pas ouvrir la page)|can ?t find the server|cannot find the server'],
  [WA, undefined, 2.5, 'serveur introuvable', '(?:serveur|server) (?:est )?(?:introuvable|not found)'],
  [WA, undefined, 2, 'le navigateur ne trouve pas le serveur', `(?:trouve|trouver|parvient a trouver|arrive a trouver) ${NO} (?:le |l adresse du |d adresse du )?(?:serveur|server|site)`],
  [WA, undefined, 2.5, 'délai de connexion dépassé', 'took too long to respond|a mis trop de temps a repondre|delai d attente (?:\\w+ ){0,2}?(?:est )?depasse'],
  [WA, undefined, 2, 'adresse erronée (paraphrase)', `(?:adresse|lien|url)(?: \\w+){0,5}? (?:n existe pas|existe pas|ne mene nulle part|est fausse|fausse|erronee|introuvable|n est pas bonne|pas bonne|inexistante?)|mauvaise? (?:adresse|url|lien)`],
  [WA, undefined, 1.5, 'site introuvable', `${SITE} (?:\\w+ )?(?:introuvable|existe pas|inexistant)`, true],
  [WA, 'PAGE_NOT_FOUND', 3, '404 Not Found', '404 (?:not found|page not found|introuvable)|not found 404|requested url was not found|url demandee (?:est )?introuvable'],
  [WA, 'PAGE_NOT_FOUND', 2.5, 'erreur 404', '(?:erreur|error|err|page|code|une) 404', true],
  [WA, 'PAGE_NOT_FOUND', 1.5, 'code 404', '\\b404\\b', true],
  [WA, 'PAGE_NOT_FOUND', 1.5, 'page introuvable', 'page (?:est )?introuvable|\\bnot found\\b', true],

  // BAD_CREDENTIALS
  [BC, undefined, 3, 'Votre identifiant ou votre mot de passe est incorrect', `${ID} (?:ou|et|and|or) (?:votre |le |mon |the |your )?${PW} (?:est |sont |is |are )?${WRONG_LOOSE}|${PW} (?:ou|et) (?:l |votre |mon )?${ID} (?:est |sont )?${WRONG_LOOSE}`],
  [BC, undefined, 2, 'mot de passe refusé (paraphrase)', `\\b${CRED}\\b(?: [a-z0-9]+){0,12}? ${WRONG_STRONG}\\b`],
  [BC, undefined, 2, 'mot de passe qui ne marche pas (paraphrase)', `\\b${CRED}\\b(?: [a-z0-9]+){0,4}? ${WRONG_LOOSE}\\b`],
  [BC, undefined, 2, 'mauvais mot de passe (paraphrase)', `\\b(?:mauvaise?|faux|fausse|erreur de|erreur d|wrong|incorrect|invalid|refuse|trompee? de|trompee? d|trompee? dans(?: le| mon)?) (?:${W}){0,2}?${CRED}\\b`],
  [BC, undefined, 2, 'mot de passe incorrect (mots collés)', `\\b(?:mdp|motdepasse|identifiant)s?(?:est|et|ou)?${WRONG_STRONG}\\b`],
  [BC, 'CREDENTIALS_MISSING', 2.5, 'identifiants oubliés', `\\b(?:oublie|oublier|oubliee|perdu|paume|egare|ne retrouve pas|retrouve plus|(?:rappell?e?|souvien[st]?) (?:pas|pa|plus|plu)|sais plus|connais plus|connais pas)s? (?:${W}){0,5}?${CRED}\\b|\\b${CRED} (?:${W}){0,3}?(?:oublier?|perdu|egare|paume)e?s?\\b`],
  [BC, 'CREDENTIALS_MISSING', 2.5, 'identifiants jamais reçus', `\\b(?:jamais|pas|toujours pas|rien) (?:${W}){0,2}?(?:recu\\w*|\\beu\\b|obtenu\\w*|donne\\w*|envoye\\w*) (?:${W}){0,3}?(?:${CRED}|codes?|courrier|acces)\\b|\\b${CRED} (?:${W}){0,4}?(?:jamais|pas) (?:${W})?(?:recu|arrive|\\beu)s?\\b`],
  [BC, 'CREDENTIALS_MISSING', 2.5, "pas d'identifiants", `\\b(?:n ai|ai|a|avons|ont) (?:pas|jamais) (?:d |de )${CRED}`],
  [BC, 'CREDENTIALS_MISSING', 2, 'Récupérer son identifiant et son mot de passe', `recuper\\w* (?:son |mon |mes |ses |les |leur )?${CRED}`],
  [BC, 'CREDENTIALS_MISSING', 2.5, 'identifiants demandés (question)', `\\b(?:c ?(?:est )?(?:koi|quoi)|quel(?:le)?s? (?:est|sont)|ou (?:sont|est|trouver|je trouve|on trouve|puis je trouver)|comment (?:je |on |puis je |peut on |faire pour |fait on pour |je fais pour |on fait pour )?(?:recuper\\w*|retrouv\\w*|reinitialis\\w*|avoir|obtenir|recevoir)|(?:je peux|puis je|pourrais je|peut on|pouvez vous|pourriez vous|pourrais tu|peux tu) (?:me |m )?(?:avoir|recevoir|obtenir|renvoyer|redonner|envoyer|donner|communiquer|rappeler)|jsp|je sais pas|je ne sais pas|je sais plus|je ne sais plus) (?:mon|mes|ma|son|ses|le|les|nos|notre|leurs?|vos|votre|un|une|des|de|d) (?:nouveaux? |nouvel |nouvelles? |propres? )?${CRED}\\b`],
  [BC, 'CREDENTIALS_MISSING', 2.5, 'codes perdus', '\\b(?:perdu|oublie|egare|paume)e?s? (?:mes|mon|nos|ses|les|leurs?) codes\\b(?! pin)'],
  [BC, 'ACCOUNT_LOCKED', 3, "Vous avez dépassé le nombre d'erreurs d'authentification autorisées", 'depass\\w* le nombre d ?(?:erreur|essai|tentative)s?|nombre d ?erreurs? d ?authentification'],
  [BC, 'ACCOUNT_LOCKED', 2.5, 'Veuillez patienter avant de réessayer', 'patienter avant de (?:re)?essayer'],
  [BC, 'ACCOUNT_LOCKED', 2, 'trop de tentatives', 'trop (?:de |d )(?:tentatives|essais|erreurs)|too many (?:attempts|failed)'],
  [BC, 'ACCOUNT_LOCKED', 2, 'compte bloqué', 'compte (?:est |a ete )?(?:bloque|verrouille|suspendu)'],
  [BC, 'ACCOUNT_LOCKED', 1.5, 'Vous avez été déconnecté', 'vous avez ete deconnecte', true],

  // ENT_IDENTITY_MISMATCH
  [EN, undefined, 3, 'Identification impossible', '\\b(?:i?n?dent?i?f\\w{0,3}ation|identif\\w*) ?(?:est )?impos+(?:i?b?le?)?\\b'],
  [EN, undefined, 2.5, 'Identification impossible (abrégé)', '\\b(?:ident|idf|idt|id) (?:est )?impos+(?:i?b?le?)?\\b(?! (?:a|de|d) )|\\bidentification imp\\b'],
  [EN, undefined, 2, "échec d'interconnexion", 'echecs? d interconnexion'],
  [EN, undefined, 2, 'identité non reconnue après l’ENT', `ne me reconnait (?:pas|plus)|(?:ne )?sait (?:pas|plus) qui je suis|ne (?:me )?(?:trouve|retrouve|reconnait) (?:pas|plus) (?:mon identite|qui je suis)|ne parvient pas a (?:m|vous) identifier|identite (?:\\w+ )?(?:ne correspond pas|pas reconnue|introuvable|inconnue|n a pas pu etre verifiee)`],
  [EN, undefined, 1.5, 'formulaire à envoyer après l’ENT', `formulaire (?:${W}){0,8}?(?:envoyer|envoye|remplir|rempli)\\b|(?:envoyer|remplir|rempli) (?:${W}){0,3}?formulaire`, true],
  [EN, undefined, 2, 'formulaire d’identité après l’ENT (description)', `\\b(?:formulaire|demande\\w*|remplir|rempli|saisir)\\b${notAfterActivation}(?: [a-z0-9]+){0,8}? (?:date de naissance|ddn)\\b${NOT_ACTIVATION_AFTER}|\\bformulaire\\b${notAfterActivation}(?: [a-z0-9]+){0,8}? nom (?:et )?prenom\\b|\\b(?:date de naissance|nom (?:et )?prenom)(?: [a-z0-9]+){0,6}? formulaire\\b`, true],

  // UNKNOWN: recognised pages that are not catalogue failures (device, network, other systems…)
  [UN, undefined, 3.5, 'hors connexion (réseau de l’appareil)', `internet disconnected|aucune connexion (?:a )?internet|hors connexion|${NO} connecte a internet|ne soyez pas connecte|no internet|you re offline|network changed|pas de connexion (?:a )?internet|pas d (?:acces )?internet|(?:se connecter|connexion) a internet`],
  [UN, undefined, 3.5, 'certificat / connexion non privée', 'connexion n est pas privee|err cert|connection is not private|certificat|security risk|risque probable de securite|menace de securite'],
  [UN, undefined, 3, 'La page a expiré', 'la page a expire|page expiree|session (?:a )?expiree?'],
  [UN, undefined, 3, "Impossible d'afficher la page", 'impossible d afficher la page'],
  [UN, undefined, 1.5, 'Accès refusé (fonctionnalité)', 'acces refuse|access denied'],
  [UN, undefined, 2, 'code PIN', '\\bcode pin\\b|\\bpin\\b'],
  [UN, undefined, 2.5, 'autre erreur HTTP', '(?:erreur|error|http|code) (?:http )?(?:500|502|504|403|401|400)\\b|\\b(?:500|502|504|403) (?:bad gateway|gateway|internal|forbidden)|bad gateway|gateway time ?out|internal server error|\\b403 forbidden'],
  [UN, undefined, 3, 'page de l’ENT (indisponibilité)', `acces momentanement indisponible|n avez pas acces a ce service|${ENTS} (?:${W}){0,3}?(?:en panne|hs|plante|en maintenance|indisponible|inaccessible|ne (?:marche|fonctionne|repond) (?:pas|plus)|marche pas|fonctionne (?:pas|plus)|bug)`],
  [UN, undefined, 2.5, 'message du Client PRONOTE', `nombre (?:maximum|max) d utilisateurs|version (?:du client|du serveur|incompatible)|base (?:n est )?pas en service|serveur pronote n est pas en service|impossible de (?:se connecter|joindre) (?:au|le) serveur pronote`],
  [UN, undefined, 2, 'chargement sans fin / page blanche', `(?:charge|tourne|mouline|chargement) (?:${W}){0,3}?(?:dans le vide|en boucle|a l infini|indefiniment|sans fin|sans arret|infini)|page (?:toute |reste )?blanche|ecran blanc`],
  [UN, undefined, 2, 'application qui plante', `(?:appli|application) (?:${W}){0,3}?(?:plante|crash|se ferme|ferme toute seule)`],
  [UN, undefined, 3, 'problème déjà résolu', `(?:c est|tout est|probleme|c etait) (?:${W})?(?:regle|resolu)|(?:ca|tout) (?:re)?(?:marche|fonctionne) (?:maintenant|a nouveau|de nouveau)|ca remarche`],
]

/** Every distinct pre-check literal; classify() tests each at most once per text. */
export const literals: string[] = []
const literalIndex = new Map<string, number>()
function lit(l: string): number {
  let i = literalIndex.get(l)
  if (i === undefined) {
    i = literals.length
    literals.push(l)
    literalIndex.set(l, i)
  }
  return i
}

/** The pattern's pre-check, derived from the pattern itself (prefilter.ts) into pre-checks.json by
 * `npm run classifier:pre-checks`; a unit test fails when the file is out of date. */
function needOf(pattern: string): number[][] | undefined {
  // A pattern missing from the file (edited, not yet regenerated) is simply always tried.
  const groups = (preChecks.patterns as Record<string, number[][] | undefined>)[patternKey(pattern)]
  return groups && groups.length > 0 ? groups.map((g) => g.map((i) => lit(preChecks.literals[i] as string))) : undefined
}

function compile(d: Def): Signal {
  const [category, variant, weight, signal, pattern, weak] = d
  const s: Signal = { category, weight, signal, re: new RegExp(pattern, 'g') }
  if (variant) s.variant = variant
  const need = needOf(s.re.source)
  if (need) s.need = need
  if (weak) s.weak = true
  return s
}

export const signals: readonly Signal[] = [...defs, ...englishDefs].map(compile)

// Whole messages typed without a single space ("vousnavezpasaccesalespace"): tried only inside one
// long word of the normalised text (see classify.ts), so they never join words across a space.
const gluedDefs: Def[] = [
  [S, undefined, 3, 'HTTP Error 503 – Service Unavailable (mots collés)', 'servi(?:ce|s)e?(?:is|est)?(?:temporarily|temporairement)?unava[a-z]*ble'],
  [SU, undefined, 3, "Le site n'est pas disponible (mots collés)", 'site?(?:n?e?st|nes)(?:pas?|plus)dispo'],
  [SU, 'SERVER_BUSY', 3, 'Le site est momentanément indisponible (mots collés)', '(?:site?(?:est)?)?momentanement(?:in|non|pas)dispo'],
  [SU, 'IP_SUSPENDED', 3, 'Votre adresse IP est provisoirement suspendue (mots collés)', 'adresseip(?:est)?(?:provisoirement)?suspendue?'],
  [EA, undefined, 3, "Vous n'avez pas accès à l'Espace (mots collés)", '(?:pas?|plus)d?(?:acces|acce|aces)(?:a|au)?l?espace'],
  [WA, undefined, 3, 'Ce site est inaccessible (mots collés)', 'site?(?:est)?in+ac+es+ible'],
  [BC, undefined, 3, 'Votre identifiant ou votre mot de passe est incorrect (mots collés)', `(?:identifiant|login|id)(?:ou|et)(?:votre|le|mon)?(?:motdepasse|mdp)(?:est|sont)?(?:incorrecte?s?|faux|errone|invalide)|(?:motdepasse|mdp)(?:ou|et)(?:l|votre|mon)?identifiant(?:est|sont)?(?:incorrecte?s?|faux|errone|invalide)`],
]
/** Signals for messages typed as one word; they have no pre-check (they only see long words). */
export const gluedSignals: readonly Signal[] = gluedDefs.map(([category, variant, weight, signal, pattern]) => {
  const s: Signal = { category, weight, signal, re: new RegExp(pattern, 'g') }
  if (variant) s.variant = variant
  return s
})
/** A word at least this long may be a glued message (the shortest above, "cesiteestinaccessible"
 * less "ce", has 19 letters; "authentification" has 16). */
export const GLUED_MIN = 17

export type { ContextKind }

export interface ContextRule {
  re: RegExp
  need?: number[][]
}

export const contexts = Object.fromEntries(
  contextDefs.map(([kind, pattern]) => {
    const rule: ContextRule = { re: new RegExp(pattern, 'g') }
    const need = needOf(rule.re.source)
    if (need) rule.need = need
    return [kind, rule]
  }),
) as Record<ContextKind, ContextRule>

/** Sets present[j] = 1 for every pre-check literal j found in ' ' + text + ' '. */
export const markLiterals = literalScanner(literals)
